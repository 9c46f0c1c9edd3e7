import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSettings } from '../../src/config/appConfig';
import { Database } from '../../src/db/database';
import { openDatabase } from '../../src/domain/appDatabase';
import { AvailabilitySlot } from '../../src/domain/slots/AvailabilitySlot';
import { anyOpenSlot, type SlotProbeScope } from '../../src/db/openSlotProbe';
import { describeWithPostgres } from '../requirements/describeWith';
import { createScratchDatabase } from '../support/postgres';

const NOW = new Date('2030-03-04T10:00:00.000Z');
const IN_AN_HOUR = new Date('2030-03-04T11:00:00.000Z');

type OpenSettings = () => Promise<{ settings: DatabaseSettings; drop(): Promise<void> }>;

function probeTests(openSettings: OpenSettings) {
  let database: Database;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    const opened = await openSettings();
    drop = opened.drop;
    database = new Database(await openDatabase(opened.settings));
  });
  afterEach(async () => {
    await database.close();
    await drop();
  });

  const addSlot = (slot: Partial<AvailabilitySlot>) =>
    database.transaction((manager) =>
      manager.insert(AvailabilitySlot, {
        id: `slot-${Math.random().toString(16).slice(2)}`,
        startsAt: IN_AN_HOUR,
        durationMinutes: 45,
        interviewer: 'U0INTERVIEWER',
        createdBySlackUserId: null,
        slackTeamId: 'T0ACME',
        slackEnterpriseId: 'E0GRID',
        bookedInterviewId: null,
        createdAt: NOW,
        ...slot,
      }),
    );
  const probe = (scope: SlotProbeScope) => database.read((manager) => anyOpenSlot(manager, NOW, scope));
  const everywhere: SlotProbeScope = { column: null };

  it('finds nothing where no slot was ever offered', async () => {
    expect(await probe(everywhere)).toBe(false);
  });

  it('finds an unbooked slot that starts later, in its team, its organization and everywhere', async () => {
    await addSlot({});
    expect(await probe(everywhere)).toBe(true);
    expect(await probe({ column: 'slackTeamId', value: 'T0ACME' })).toBe(true);
    expect(await probe({ column: 'slackEnterpriseId', value: 'E0GRID' })).toBe(true);
  });

  it('does not count a booked slot, one that has begun, or one starting this very moment', async () => {
    await addSlot({ bookedInterviewId: 'interview-1' });
    await addSlot({ startsAt: new Date('2030-03-04T09:00:00.000Z') });
    await addSlot({ startsAt: NOW });
    expect(await probe(everywhere)).toBe(false);
  });

  it("does not count another workspace's slot", async () => {
    await addSlot({ slackTeamId: 'T0OTHER', slackEnterpriseId: null });
    expect(await probe({ column: 'slackTeamId', value: 'T0ACME' })).toBe(false);
    expect(await probe({ column: 'slackEnterpriseId', value: 'E0GRID' })).toBe(false);
    expect(await probe(everywhere)).toBe(true);
  });
}

describe('the open-slot probe, on SQLite', () => {
  probeTests(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-slot-probe-'));
    return {
      settings: { kind: 'sqlite', path: join(folder, 'test.sqlite') },
      drop: async () => rmSync(folder, { recursive: true, force: true }),
    };
  });
});

describeWithPostgres('the open-slot probe, on PostgreSQL', () => {
  probeTests(async () => {
    const scratch = await createScratchDatabase();
    return { settings: { kind: 'postgres', url: scratch.url }, drop: scratch.drop };
  });
});
