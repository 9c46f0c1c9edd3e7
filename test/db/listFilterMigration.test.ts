import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { DatabaseSettings } from '../../src/config/appConfig';
import { createDataSource, MIGRATIONS } from '../../src/db/dataSource';
import { IndexEveryListFilter1764700000000 } from '../../src/db/migrations/1764700000000-IndexEveryListFilter';
import { describeWithPostgres } from '../requirements/describeWith';
import { upgradedFromEarlierSchema, type OpenTestDatabase } from './schemaUpgrade';
import { createScratchDatabase } from '../support/postgres';

type Row = Record<string, string | number | null>;

/** The schema just before the list filters had their indexes, with interviews and a booking request already stored. */
async function databaseBeforeListIndexes(settings: DatabaseSettings): Promise<DataSource> {
  const dataSource = createDataSource(settings);
  dataSource.setOptions({ migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(IndexEveryListFilter1764700000000)) });
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
  const interview = (id: string, email: string, organizer: string | null, interviewers: unknown[], createdAt: string): Row => ({
    id,
    candidateName: 'Jane',
    candidateEmail: email,
    interviewers: JSON.stringify(interviewers),
    organizerSlackUserId: organizer,
    scheduledTime: '2030-01-01T10:00:00Z',
    durationMinutes: 45,
    timezone: 'UTC',
    status: 'scheduled',
    sessionKey: id.padEnd(32, '0'),
    joinLink: `https://x/${id}`,
    createdAt,
  });
  await insert(
    'interview',
    interview('i-1', 'Jane.Doe@Example.com', 'U0ORG', [{ slackUserId: 'U0ANA' }, { email: 'bob@example.com' }], '2030-01-01T09:00:00Z'),
  );
  await insert(
    'interview',
    interview('i-2', 'ÉLODIE@example.com', null, [{ slackUserId: 'U0ANA', name: 'Ana' }, { slackUserId: 'U0ORG' }], '2030-01-01T09:01:00Z'),
  );
  await insert('interview', interview('i-3', 'api@example.com', null, [], '2030-01-01T09:02:00Z'));
  await insert('booking_request', {
    id: 'b-1',
    token: 'b'.repeat(32),
    bookingLink: 'https://x/book/?token=b',
    status: 'open',
    candidateName: 'Jane',
    candidateEmail: 'Someone@Example.COM',
    timezone: 'UTC',
    interviewers: '[]',
    expiresAt: '2030-01-04T09:00:00Z',
    createdAt: '2030-01-01T09:06:00Z',
  });
  return dataSource;
}

function describeMigration(open: OpenTestDatabase) {
  const upgraded = upgradedFromEarlierSchema(open, databaseBeforeListIndexes);

  it('normalizes every stored candidate address, non-ASCII letters included', async () => {
    const interviews: Row[] = await upgraded.dataSource.query(`SELECT "id", "candidateEmailNormalized" FROM "interview" ORDER BY "id"`);
    expect(interviews).toEqual([
      { id: 'i-1', candidateEmailNormalized: 'jane.doe@example.com' },
      { id: 'i-2', candidateEmailNormalized: 'élodie@example.com' },
      { id: 'i-3', candidateEmailNormalized: 'api@example.com' },
    ]);
    const requests: Row[] = await upgraded.dataSource.query(`SELECT "id", "candidateEmailNormalized" FROM "booking_request"`);
    expect(requests).toEqual([{ id: 'b-1', candidateEmailNormalized: 'someone@example.com' }]);
  });

  it('writes a participant row for each organizer and Slack interviewer, once each, with the interview’s creation time', async () => {
    const rows: Row[] = await upgraded.dataSource.query(
      `SELECT "interviewId", "slackUserId", "createdAt" FROM "interview_participant" ORDER BY "interviewId", "slackUserId"`,
    );
    // SQLite hands back the stored text as it was written, PostgreSQL a Date: the same instant either way.
    const instant = (value: unknown) => new Date(value as string | Date).toISOString();
    expect(rows.map((row) => [row.interviewId, row.slackUserId, instant(row.createdAt)])).toEqual([
      ['i-1', 'U0ANA', '2030-01-01T09:00:00.000Z'],
      ['i-1', 'U0ORG', '2030-01-01T09:00:00.000Z'],
      ['i-2', 'U0ANA', '2030-01-01T09:01:00.000Z'],
      ['i-2', 'U0ORG', '2030-01-01T09:01:00.000Z'],
    ]);
  });
}

describe('the list filters migration, on SQLite', () => {
  let folder: string;
  describeMigration(async () => {
    folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-list-filters-'));
    return {
      settings: { kind: 'sqlite', path: join(folder, 'interviews.sqlite') },
      cleanUp: async () => rmSync(folder, { recursive: true, force: true }),
    };
  });
});

describeWithPostgres('the list filters migration, on PostgreSQL', () => {
  describeMigration(async () => {
    const scratch = await createScratchDatabase();
    return { settings: { kind: 'postgres', url: scratch.url }, cleanUp: scratch.drop };
  });
});
