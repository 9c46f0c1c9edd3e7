import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DataSource } from 'typeorm';
import type { DatabaseSettings } from '../../src/config/appConfig';
import { createDataSource } from '../../src/db/dataSource';
import { AddBookingRequests1764300000000 } from '../../src/db/migrations/1764300000000-AddBookingRequests';
import { describeWithPostgres } from '../requirements/describeWith';
import { createScratchDatabase } from '../support/postgres';

/** The schema just before booking requests, with an interview and its queued invitation in it. */
async function databaseBeforeBookingRequests(settings: DatabaseSettings): Promise<DataSource> {
  const dataSource = createDataSource(settings);
  dataSource.setOptions({ migrations: (dataSource.options.migrations as Array<new () => object>).slice(0, 2) });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const params = (count: number) => Array.from({ length: count }, (_, index) => (settings.kind === 'postgres' ? `$${index + 1}` : '?'));
  await dataSource.query(
    `INSERT INTO "interview" ("id", "candidateName", "candidateEmail", "interviewers", "scheduledTime", "durationMinutes", "timezone", "status", "sessionKey", "joinLink") VALUES (${params(10).join(', ')})`,
    ['i-1', 'Jane', 'jane@example.com', '[]', '2030-01-01T10:00:00Z', 45, 'UTC', 'scheduled', 'a'.repeat(32), 'https://x/a'],
  );
  await dataSource.query(
    `INSERT INTO "delivery_job" ("id", "kind", "interviewId", "status", "attempts", "nextAttemptAt") VALUES (${params(6).join(', ')})`,
    ['j-1', 'candidate_invitation', 'i-1', 'pending', 0, '2030-01-01T09:00:00Z'],
  );
  return dataSource;
}

async function migrateToLatest(dataSource: DataSource): Promise<void> {
  dataSource.setOptions({ migrations: [...(dataSource.options.migrations as Array<new () => object>), AddBookingRequests1764300000000] });
  await dataSource.destroy();
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
}

function describeMigration(open: () => Promise<{ settings: DatabaseSettings; cleanUp: () => Promise<void> }>) {
  let dataSource: DataSource;
  let cleanUp: () => Promise<void>;
  let placeholder: (index: number) => string;

  beforeAll(async () => {
    const opened = await open();
    cleanUp = opened.cleanUp;
    placeholder = (index) => (opened.settings.kind === 'postgres' ? `$${index}` : '?');
    dataSource = await databaseBeforeBookingRequests(opened.settings);
    await migrateToLatest(dataSource);
  });
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await cleanUp?.();
  });

  const insertJob = (id: string, interviewId: string | null, bookingRequestId: string | null) =>
    dataSource.query(
      `INSERT INTO "delivery_job" ("id", "kind", "interviewId", "bookingRequestId", "status", "attempts", "nextAttemptAt") VALUES (${[1, 2, 3, 4, 5, 6, 7].map(placeholder).join(', ')})`,
      [id, 'booking_link_email', interviewId, bookingRequestId, 'pending', 0, '2030-01-01T09:00:00Z'],
    );

  it('keeps the outbox rows that were already queued', async () => {
    const rows: Array<{ id: string; interviewId: string; bookingRequestId: string | null }> = await dataSource.query(
      `SELECT "id", "interviewId", "bookingRequestId" FROM "delivery_job"`,
    );
    expect(rows).toEqual([{ id: 'j-1', interviewId: 'i-1', bookingRequestId: null }]);
  });

  it('keeps the outbox’s indices, and adds one for booking requests', async () => {
    const indices: Array<{ name: string }> = await dataSource.query(
      dataSource.options.type === 'postgres'
        ? `SELECT indexname AS name FROM pg_indexes WHERE tablename = 'delivery_job'`
        : `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'delivery_job'`,
    );
    expect(indices.map((index) => index.name)).toEqual(
      expect.arrayContaining(['delivery_job_due', 'delivery_job_interview', 'delivery_job_booking_request']),
    );
  });

  it('lets a job be about a booking request instead of an interview, but never both or neither', async () => {
    await insertJob('j-2', null, 'b-1');
    await expect(insertJob('j-3', 'i-1', 'b-1')).rejects.toThrow(/CHECK|check constraint/i);
    await expect(insertJob('j-4', null, null)).rejects.toThrow(/CHECK|check constraint/i);
  });

  it('refuses a booked request without its interview, and an unknown status', async () => {
    const insertRequest = (id: string, status: string, interviewId: string | null) =>
      dataSource.query(
        `INSERT INTO "booking_request" ("id", "token", "bookingLink", "status", "candidateName", "candidateEmail", "timezone", "interviewers", "expiresAt", "interviewId") VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(placeholder).join(', ')})`,
        [
          id,
          id.padEnd(32, '0'),
          `https://x/book/?token=${id}`,
          status,
          'Jane',
          'jane@example.com',
          'UTC',
          '[]',
          '2030-01-01T10:00:00Z',
          interviewId,
        ],
      );
    await insertRequest('b1', 'open', null);
    await expect(insertRequest('b2', 'booked', null)).rejects.toThrow(/CHECK|check constraint/i);
    await expect(insertRequest('b3', 'Open', null)).rejects.toThrow(/CHECK|check constraint/i);
    await insertRequest('b4', 'booked', 'i-1');
  });

  it('can be undone', async () => {
    await dataSource.query(`DELETE FROM "booking_request"`);
    await dataSource.undoLastMigration({ transaction: 'each' });
    const rows: Array<{ id: string }> = await dataSource.query(`SELECT "id" FROM "delivery_job"`);
    expect(rows.map((row) => row.id)).toEqual(['j-1']);
    await expect(dataSource.query(`SELECT 1 FROM "booking_request"`)).rejects.toThrow();
  });
}

describe('the booking request migration, on SQLite', () => {
  describeMigration(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-migration-'));
    return {
      settings: { kind: 'sqlite', path: join(folder, 'test.sqlite') },
      cleanUp: async () => rmSync(folder, { recursive: true, force: true }),
    };
  });
});

describeWithPostgres('the booking request migration, on PostgreSQL', () => {
  describeMigration(async () => {
    const scratch = await createScratchDatabase();
    return { settings: { kind: 'postgres', url: scratch.url }, cleanUp: scratch.drop };
  });
});
