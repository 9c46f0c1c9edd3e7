import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSettings } from '../../src/config/appConfig';
import { Database } from '../../src/db/database';
import { openDatabase } from '../../src/domain/appDatabase';
import { SlackEventReceipt } from '../../src/db/entities/SlackEventReceipt';
import { EVENT_CLAIM_LEASE_MS, EVENT_RECEIPT_KEPT_MS, SlackEventReceipts } from '../../src/slack/slackEventReceipts';
import { describeWithPostgres } from '../requirements/describeWith';
import { createScratchDatabase } from '../support/postgres';
import { eventually } from '../support/testApplication';

function receiptTests(open: () => Promise<{ settings: DatabaseSettings; drop(): Promise<void> }>) {
  let database: Database;
  let drop: () => Promise<void>;
  let now: Date;
  let receipts: SlackEventReceipts;
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  beforeEach(async () => {
    const opened = await open();
    drop = opened.drop;
    database = new Database(await openDatabase(opened.settings));
    now = new Date('2030-03-04T10:00:00.000Z');
    receipts = new SlackEventReceipts(database, () => now);
  });
  afterEach(async () => {
    await database.close();
    await drop();
  });

  it('gives an event to its first delivery, and to no retry of it once handled, however late', async () => {
    const claim = await receipts.claim('Ev0HANDLED', 'app_uninstalled');
    expect(claim).not.toBeNull();
    await receipts.handled(claim!);
    advance(EVENT_CLAIM_LEASE_MS * 10);
    expect(await receipts.claim('Ev0HANDLED', 'app_uninstalled')).toBeNull();
  });

  it('knows, in another process (a restart, another replica), an event this one handled', async () => {
    await receipts.handled((await receipts.claim('Ev0ELSEWHERE', 'app_uninstalled'))!);
    const anotherProcess = new SlackEventReceipts(database, () => now);
    expect(await anotherProcess.claim('Ev0ELSEWHERE', 'app_uninstalled')).toBeNull();
  });

  it('gives no retry an event whose first delivery is still being handled', async () => {
    expect(await receipts.claim('Ev0RUNNING', 'app_uninstalled')).not.toBeNull();
    advance(EVENT_CLAIM_LEASE_MS - 1);
    expect(await receipts.claim('Ev0RUNNING', 'app_uninstalled')).toBeNull();
  });

  it('gives a retry the event whose handling failed, or was cut short and never finished', async () => {
    const failed = await receipts.claim('Ev0FAILED', 'tokens_revoked');
    await receipts.release(failed!);
    expect(await receipts.claim('Ev0FAILED', 'tokens_revoked')).not.toBeNull();

    expect(await receipts.claim('Ev0CRASHED', 'app_uninstalled')).not.toBeNull();
    advance(EVENT_CLAIM_LEASE_MS + 1);
    const takenOver = await receipts.claim('Ev0CRASHED', 'app_uninstalled');
    expect(takenOver).not.toBeNull();
    await receipts.handled(takenOver!);
    expect(await receipts.claim('Ev0CRASHED', 'app_uninstalled')).toBeNull();
  });

  it('gives one of two deliveries of an event arriving together the event, and the other nothing', async () => {
    const claims = await Promise.all([receipts.claim('Ev0TWICE', 'app_home_opened'), receipts.claim('Ev0TWICE', 'app_home_opened')]);
    expect(claims.filter((claim) => claim !== null)).toHaveLength(1);
  });

  it('deletes receipts once Slack can no longer retry their events', async () => {
    await receipts.handled((await receipts.claim('Ev0OLD', 'app_home_opened'))!);
    advance(EVENT_RECEIPT_KEPT_MS + 1);
    // A new process prunes on its first event.
    const later = new SlackEventReceipts(database, () => now);
    await later.handled((await later.claim('Ev0NEW', 'app_home_opened'))!);
    const remaining = async () => (await database.read((manager) => manager.find(SlackEventReceipt))).map((row) => row.eventId);
    await eventually(async () => (await remaining()).join() === 'Ev0NEW', 'the old receipt to be deleted');
  });
}

describe('Slack event receipts, on SQLite', () => {
  receiptTests(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-receipts-'));
    return {
      settings: { kind: 'sqlite', path: join(folder, 'test.sqlite') },
      drop: async () => rmSync(folder, { recursive: true, force: true }),
    };
  });
});

describeWithPostgres('Slack event receipts, on PostgreSQL', () => {
  receiptTests(async () => {
    const scratch = await createScratchDatabase();
    return { settings: { kind: 'postgres', url: scratch.url }, drop: scratch.drop };
  });
});
