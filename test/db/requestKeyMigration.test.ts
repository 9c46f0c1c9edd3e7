import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { DatabaseSettings } from '../../src/config/appConfig';
import { createDataSource, MIGRATIONS } from '../../src/db/dataSource';
import { AddRequestKeys1764520000000 } from '../../src/db/migrations/1764520000000-AddRequestKeys';
import { describeWithPostgres } from '../requirements/describeWith';
import { upgradedFromEarlierSchema, type OpenTestDatabase } from './schemaUpgrade';
import { createScratchDatabase } from '../support/postgres';

type Row = Record<string, string | number | null>;

/** The schema just before request keys had one scope, with keys already used for interviews, their changes and a booking request. */
async function databaseBeforeRequestKeys(settings: DatabaseSettings): Promise<DataSource> {
  const dataSource = createDataSource(settings);
  dataSource.setOptions({ migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(AddRequestKeys1764520000000)) });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const insert = async (table: string, row: Row) => {
    const columns = Object.keys(row);
    const placeholders = columns.map((_, index) => (settings.kind === 'postgres' ? `$${index + 1}` : '?'));
    await dataSource.query(
      `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${placeholders.join(', ')})`,
      Object.values(row),
    );
  };
  const interview = (id: string, key: string | null, fingerprint: string | null, createdAt: string): Row => ({
    id,
    candidateName: 'Jane',
    candidateEmail: 'jane@example.com',
    interviewers: '[]',
    scheduledTime: '2030-01-01T10:00:00Z',
    durationMinutes: 45,
    timezone: 'UTC',
    status: 'scheduled',
    sessionKey: id.padEnd(32, '0'),
    joinLink: `https://x/${id}`,
    idempotencyKey: key,
    requestFingerprint: fingerprint,
    createdAt,
  });
  await insert('interview', interview('i-1', 'api:create', 'f-create', '2030-01-01T09:00:00Z'));
  await insert('interview', interview('i-2', 'api:reused', 'f-reused', '2030-01-01T09:01:00Z'));
  await insert('interview', interview('i-3', null, null, '2030-01-01T09:02:00Z'));
  const event = (id: string, interviewId: string, type: string, requestKey: string | null, createdAt: string): Row => ({
    id,
    interviewId,
    type,
    actor: 'api',
    requestKey,
    createdAt,
  });
  await insert('interview_event', event('e-1', 'i-3', 'cancelled', 'api:cancel', '2030-01-01T09:03:00Z'));
  await insert('interview_event', event('e-2', 'i-3', 'link_rotated', 'slack-action:U1:1.2', '2030-01-01T09:04:00Z'));
  await insert('interview_event', event('e-3', 'i-1', 'rescheduled', 'api:reused', '2030-01-01T09:05:00Z'));
  await insert('interview_event', event('e-4', 'i-1', 'scheduled', null, '2030-01-01T09:00:00Z'));
  await insert('booking_request', {
    id: 'b-1',
    token: 'b'.repeat(32),
    bookingLink: 'https://x/book/?token=b',
    status: 'open',
    candidateName: 'Jane',
    candidateEmail: 'jane@example.com',
    timezone: 'UTC',
    interviewers: '[]',
    expiresAt: '2030-01-04T09:00:00Z',
    idempotencyKey: 'api:booking',
    requestFingerprint: 'f-booking',
    createdAt: '2030-01-01T09:06:00Z',
  });
  return dataSource;
}

function describeMigration(open: OpenTestDatabase) {
  const upgraded = upgradedFromEarlierSchema(open, databaseBeforeRequestKeys);

  it('carries every key already used over, each once, with its first use', async () => {
    const rows: Row[] = await upgraded.dataSource.query(
      `SELECT "key", "action", "targetId", "fingerprint" FROM "request_key" ORDER BY "key"`,
    );
    expect(rows).toEqual([
      { key: 'api:booking', action: 'request_candidate_booking', targetId: 'b-1', fingerprint: 'f-booking' },
      { key: 'api:cancel', action: 'cancel_interview', targetId: 'i-3', fingerprint: null },
      { key: 'api:create', action: 'schedule_interview', targetId: 'i-1', fingerprint: 'f-create' },
      { key: 'api:reused', action: 'schedule_interview', targetId: 'i-2', fingerprint: 'f-reused' },
      { key: 'slack-action:U1:1.2', action: 'rotate_join_link', targetId: 'i-3', fingerprint: null },
    ]);
  });

  it('refuses a second row for a key already used', async () => {
    await expect(
      upgraded.dataSource.query(
        `INSERT INTO "request_key" ("key", "action", "targetId", "createdAt") VALUES ('api:create', 'cancel_interview', 'i-3', '2030-01-02T00:00:00Z')`,
      ),
    ).rejects.toThrow(/unique|duplicate/i);
  });
}

describe('the request key migration, on SQLite', () => {
  let folder: string;
  describeMigration(async () => {
    folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-request-keys-'));
    return {
      settings: { kind: 'sqlite', path: join(folder, 'interviews.sqlite') },
      cleanUp: async () => rmSync(folder, { recursive: true, force: true }),
    };
  });
});

describeWithPostgres('the request key migration, on PostgreSQL', () => {
  describeMigration(async () => {
    const scratch = await createScratchDatabase();
    return { settings: { kind: 'postgres', url: scratch.url }, cleanUp: scratch.drop };
  });
});
