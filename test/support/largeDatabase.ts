import { Client } from 'pg';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../../src/domain/appDatabase';
import { FILL_ON_POSTGRES, FILL_ON_SQLITE } from '../../src/db/migrations/1765320000000-AddInterviewInterviewers';

/** How large a seeded database is: the issue's measurements used 1,000,000 interviews. */
export interface LargeDatabaseSizes {
  interviews: number;
  /** Finished and future deliveries, per interview (3 in the issue: ~98 % of them finished). */
  deliveriesPerInterview: number;
  bookingRequests: number;
  slots: number;
  /** Jobs due now (emails, reminders, no-show alerts, booking expiries) and in-flight ones whose lease lapsed. */
  dueJobs: number;
}

export const ISSUE_SIZES: LargeDatabaseSizes = {
  interviews: 1_000_000,
  deliveriesPerInterview: 3,
  bookingRequests: 100_000,
  slots: 200_000,
  dueJobs: 300,
};

/** Values the seeded rows use, so a test or a benchmark can ask for what is there and what is not. */
export const SEEDED = {
  workspaces: 20,
  channels: 50,
  slackUsers: 500,
  /** Each candidate address is used by about three interviews. */
  candidateAddresses: (sizes: LargeDatabaseSizes) => Math.max(1, Math.floor(sizes.interviews / 3)),
  /** `U` + a number below slackUsers, six digits: U000123. */
  slackUser: (index: number) => `U${String(index).padStart(6, '0')}`,
  candidateEmail: (index: number) => `candidate${index}@example.com`,
  /** Loops of three sessions: the first 10 % of the interviews. */
  loops: (sizes: LargeDatabaseSizes) => Math.floor(sizes.interviews / 30),
  /** The nth seeded loop's id (1-based). */
  loopId: (index: number) => `00000007-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
};

/** A UUID-shaped id for the nth seeded row of a kind (the kind is the first group), as SQL over `n`. */
const uuidOf = (kind: string, n: string) => `'${kind}' || '-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0')`;

/**
 * Fills a migrated PostgreSQL database with `sizes` of rows made by `generate_series`, spread over
 * the three years before now in random order (as an import leaves them), then analyzes it. Rows are
 * made the way the app makes them (participants, normalized addresses, workspace columns), so the
 * app reads them like its own. Without `withDueJobs`, nothing is due yet (seedDueJobs adds it
 * later, e.g. once the app is watching). Returns how long it took.
 */
export async function seedLargePostgresDatabase(
  url: string,
  sizes: LargeDatabaseSizes,
  options: { withDueJobs?: boolean } = {},
): Promise<number> {
  const started = Date.now();
  const dataSource = await openDatabase({ kind: 'postgres', url });
  await dataSource.destroy();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET synchronous_commit = off; SET maintenance_work_mem = '256MB'`);
    // Rows go in faster without their secondary indexes and unique constraints; each is made again
    // afterwards, exactly as the migrations defined it.
    const remake = await dropSecondaryIndexes(client, SEEDED_TABLES);
    const addresses = SEEDED.candidateAddresses(sizes);
    const user = (expression: string) => `'U' || lpad(((${expression}) % ${SEEDED.slackUsers})::text, 6, '0')`;
    const loops = SEEDED.loops(sizes);
    await client.query(`
      INSERT INTO "loop" ("id", "status", "maxGapMinutes", "createdAt", "updatedAt")
      SELECT ${uuidOf('00000007', 'n')}, 'scheduled', 15, now(), now() FROM generate_series(1, ${loops}) AS n`);
    await client.query(`
      INSERT INTO "interview" ("id", "candidateName", "candidateEmail", "candidateEmailNormalized", "interviewers", "organizerSlackUserId",
        "slackTeamId", "channelId", "scheduledTime", "durationMinutes", "timezone", "status", "sessionKey", "joinLink", "createdAt", "updatedAt",
        "loopId", "sessionTitle")
      SELECT ${uuidOf('00000001', 'n')}, 'Candidate ' || n, 'candidate' || (n % ${addresses}) || '@example.com', 'candidate' || (n % ${addresses}) || '@example.com',
        '[{"slackUserId":"' || ${user('n * 7')} || '"},{"email":"panel' || (n % 97) || '@example.com"}]', ${user('n')},
        'T' || lpad((n % ${SEEDED.workspaces})::text, 6, '0'), 'C' || lpad((n % ${SEEDED.channels})::text, 6, '0'),
        "createdAt" + (random() * interval '30 days'), 45, 'UTC', CASE WHEN n % 10 = 0 THEN 'cancelled' ELSE 'scheduled' END,
        md5(n::text), 'https://hire.example.com/interview/?session_key=' || md5(n::text), "createdAt", "createdAt",
        CASE WHEN n <= ${loops * 3} THEN ${uuidOf('00000007', '((n - 1) / 3 + 1)')} END, CASE WHEN n <= ${loops * 3} THEN 'Session ' || ((n - 1) % 3 + 1) END
      FROM (SELECT n, now() - random() * interval '3 years' AS "createdAt" FROM generate_series(1, ${sizes.interviews}) AS n) AS made`);
    // Round three's tables: a meeting for a fifth of the interviews, the panel's calendar event for
    // a third, and each loop session's interviewer booked (one person per session, so none overlap).
    await client.query(`
      INSERT INTO "meeting" ("interviewId", "provider", "status", "joinUrl", "providerMeetingId", "host", "createdAt", "updatedAt")
      SELECT "id", 'zoom', 'ready', 'https://zoom.example/j/' || md5("id"), md5("id"), 'host@example.com', "createdAt", "createdAt"
      FROM "interview" WHERE right("id", 1) IN ('0', '5')`);
    await client.query(`
      INSERT INTO "interview_calendar_event" ("interviewId", "interviewerKey", "ownerAddress", "eventId", "status", "updatedAt")
      SELECT "id", "interviewers"::jsonb -> 1 ->> 'email', "interviewers"::jsonb -> 1 ->> 'email', md5("id"), 'created', "createdAt"
      FROM "interview" WHERE right("id", 1) IN ('1', '4', '7', 'a', 'd')`);
    await client.query(`
      INSERT INTO "interviewer_booking" ("id", "interviewId", "interviewer", "startsAt", "endsAt")
      SELECT ${uuidOf('00000008', '(row_number() OVER ())')}, "id", 'booked' || (row_number() OVER ()) || '@example.com',
        "scheduledTime", "scheduledTime" + interval '45 minutes'
      FROM "interview" WHERE "loopId" IS NOT NULL`);
    await client.query(`
      INSERT INTO "interview_participant" ("interviewId", "slackUserId", "createdAt", "scheduledTime")
      SELECT "id", "organizerSlackUserId", "createdAt", "scheduledTime" FROM "interview"
      UNION SELECT "id", "interviewers"::jsonb -> 0 ->> 'slackUserId', "createdAt", "scheduledTime" FROM "interview"`);
    await client.query(FILL_ON_POSTGRES);
    // Each interview's deliveries: its invitation and channel post long finished, and the reminder
    // and no-show alert of an interview still ahead pending, due before and after its start.
    await client.query(`
      INSERT INTO "delivery_job" ("id", "kind", "interviewId", "slackTeamId", "status", "attempts", "nextAttemptAt", "deliveredAt", "createdAt", "updatedAt")
      SELECT ${uuidOf('00000002', `(row_number() OVER ())`)},
        (ARRAY['candidate_invitation', 'candidate_reminder', 'no_show_alert', 'channel_post'])[1 + k % 4], "id", "slackTeamId",
        CASE WHEN "scheduledTime" > now() AND k % 4 IN (1, 2) THEN 'pending' WHEN k = 0 AND "id" LIKE '%7' THEN 'failed' ELSE 'delivered' END, 1,
        CASE WHEN k % 4 = 1 THEN "scheduledTime" - interval '1 day' WHEN k % 4 = 2 THEN "scheduledTime" + interval '10 minutes' ELSE "createdAt" END,
        "createdAt", "createdAt", "createdAt" + interval '1 second'
      FROM "interview" CROSS JOIN generate_series(0, ${sizes.deliveriesPerInterview - 1}) AS k`);
    await client.query(`
      INSERT INTO "availability_slot" ("id", "startsAt", "durationMinutes", "interviewer", "createdBySlackUserId", "slackTeamId", "createdAt")
      SELECT ${uuidOf('00000003', 'n')}, now() - interval '3 years' + n * interval '3 years' / ${sizes.slots} + interval '30 days', 30,
        ${user('n')}, ${user('n + 1')}, 'T' || lpad((n % ${SEEDED.workspaces})::text, 6, '0'), now() - interval '3 years' + n * interval '3 years' / ${sizes.slots}
      FROM generate_series(1, ${sizes.slots}) AS n`);
    await client.query(`
      INSERT INTO "booking_request" ("id", "token", "bookingLink", "status", "candidateName", "candidateEmail", "candidateEmailNormalized", "timezone",
        "interviewers", "organizerSlackUserId", "slackTeamId", "channelId", "expiresAt", "closedAt", "closedBy", "createdAt", "updatedAt")
      SELECT ${uuidOf('00000004', 'n')}, md5('b' || n), 'https://hire.example.com/book/?token=' || md5('b' || n), 'expired',
        'Candidate ' || n, 'booker' || n || '@example.com', 'booker' || n || '@example.com', 'UTC', '[]', ${user('n')},
        'T' || lpad((n % ${SEEDED.workspaces})::text, 6, '0'), 'C' || lpad((n % ${SEEDED.channels})::text, 6, '0'),
        "createdAt" + interval '3 days', "createdAt" + interval '3 days', 'system', "createdAt", "createdAt"
      FROM (SELECT n, now() - random() * interval '3 years' AS "createdAt" FROM generate_series(1, ${sizes.bookingRequests}) AS n) AS made`);
    await client.query(`
      INSERT INTO "booking_request_slot" ("bookingRequestId", "slotId", "position")
      SELECT ${uuidOf('00000004', 'n')}, ${uuidOf('00000003', `(1 + n % ${sizes.slots})`)}, 0 FROM generate_series(1, ${sizes.bookingRequests}) AS n`);
    for (const statement of remake) await client.query(statement);
    if (options.withDueJobs ?? true) await seedDueJobs(client, sizes);
    await client.query(`ANALYZE`);
  } finally {
    await client.end();
  }
  return Date.now() - started;
}

const SEEDED_TABLES = [
  'loop',
  'meeting',
  'interview_calendar_event',
  'interviewer_booking',
  'interview',
  'interview_participant',
  'interview_interviewer',
  'delivery_job',
  'availability_slot',
  'booking_request',
  'booking_request_slot',
];

/** Drops the tables' indexes and unique constraints, primary keys aside; returns the statements that make them again. */
async function dropSecondaryIndexes(client: Client, tables: string[]): Promise<string[]> {
  const constraints = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT conrelid::regclass::text AS "table", conname AS "name", pg_get_constraintdef(oid) AS "definition"
       FROM pg_constraint WHERE contype = 'u' AND conrelid::regclass::text = ANY($1)`,
    [tables.map((table) => `"${table}"`).concat(tables)],
  );
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT indexname AS "name", indexdef AS "definition" FROM pg_indexes
      WHERE tablename = ANY($1) AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u', 'x'))`,
    [tables],
  );
  for (const constraint of constraints.rows) await client.query(`ALTER TABLE ${constraint.table} DROP CONSTRAINT "${constraint.name}"`);
  for (const index of indexes.rows) await client.query(`DROP INDEX "${index.name}"`);
  return [
    ...indexes.rows.map((index) => index.definition),
    ...constraints.rows.map((constraint) => `ALTER TABLE ${constraint.table} ADD CONSTRAINT "${constraint.name}" ${constraint.definition}`),
  ];
}

/**
 * What the outbox owes right now: emails and reminders due, open booking requests whose expiry is
 * due, and jobs a dead worker left in flight with its lease lapsed.
 */
export async function seedDueJobs(client: Client, sizes: LargeDatabaseSizes): Promise<void> {
  const due = sizes.dueJobs;
  await client.query(`
    UPDATE "booking_request" SET "status" = 'open', "closedAt" = NULL, "closedBy" = NULL, "expiresAt" = now() - interval '1 minute'
    WHERE "id" IN (SELECT ${uuidOf('00000004', 'n')} FROM generate_series(1, ${Math.ceil(due / 3)}) AS n)`);
  await client.query(`
    INSERT INTO "delivery_job" ("id", "kind", "bookingRequestId", "status", "attempts", "nextAttemptAt", "createdAt", "updatedAt")
    SELECT ${uuidOf('00000005', 'n')}, 'booking_request_expiry', ${uuidOf('00000004', 'n')}, 'pending', 0, now() - interval '1 minute', now(), now()
    FROM generate_series(1, ${Math.ceil(due / 3)}) AS n`);
  await client.query(`
    INSERT INTO "delivery_job" ("id", "kind", "interviewId", "status", "attempts", "nextAttemptAt", "leaseOwner", "leaseExpiresAt", "createdAt", "updatedAt")
    SELECT ${uuidOf('00000006', 'n')}, (ARRAY['candidate_reminder', 'no_show_alert', 'candidate_invitation'])[1 + n % 3], ${uuidOf('00000001', `(1 + n * 7919 % ${sizes.interviews})`)},
      CASE WHEN n % 10 = 0 THEN 'in_flight' ELSE 'pending' END, CASE WHEN n % 10 = 0 THEN 1 ELSE 0 END, now() - interval '1 minute',
      CASE WHEN n % 10 = 0 THEN 'a-worker-that-died' END, CASE WHEN n % 10 = 0 THEN now() - interval '5 minutes' END, now(), now()
    FROM generate_series(1, ${due - Math.ceil(due / 3)}) AS n`);
}

/** A UUID-shaped id for the nth seeded row of a kind, as SQLite SQL over `n` (the same ids as uuidOf). */
const sqliteUuidOf = (kind: string, n: string) => `'${kind}-0000-4000-8000-' || printf('%012x', ${n})`;

/**
 * An instant as the app stores it on SQLite (TypeORM's UTC `datetime` text, `2030-03-04 10:00:00.000`),
 * as SQL over a number of milliseconds since the epoch.
 */
const sqliteInstant = (milliseconds: string) => `strftime('%Y-%m-%d %H:%M:%f', (${milliseconds}) / 1000.0, 'unixepoch')`;
/** A stored SQLite instant moved by an SQLite modifier (`'+45 minutes'`). */
const sqliteShifted = (instant: string, modifier: string) => `strftime('%Y-%m-%d %H:%M:%f', ${instant}, '${modifier}')`;

const THREE_YEARS_MS = 3 * 365 * 24 * 60 * 60 * 1000;
const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The same rows as seedLargePostgresDatabase, in a migrated SQLite file at `path` (the app's
 * embedded database): made by SQL in one transaction over a counter table through better-sqlite3,
 * with the tables' secondary indexes dropped first and made again afterwards exactly as the
 * migrations defined them, then ANALYZEd. Instants are stored as the app stores them (UTC
 * `datetime` text). SQLite has no random() that a subquery keeps, so the "random" spread of
 * createdAt and scheduledTime is a fixed scatter of `n` (the same each run). Returns how long it took.
 */
export async function seedLargeSqliteDatabase(
  path: string,
  sizes: LargeDatabaseSizes,
  options: { withDueJobs?: boolean } = {},
): Promise<number> {
  const started = Date.now();
  const dataSource = await openDatabase({ kind: 'sqlite', path });
  await dataSource.destroy();
  const database = new BetterSqlite3(path);
  try {
    // A rollback journal rather than the app's WAL: the one large transaction then writes each page once,
    // into the file (a new page has no old content to journal), not into a WAL to copy afterwards.
    database.pragma('journal_mode = DELETE');
    database.pragma('synchronous = OFF');
    database.pragma('cache_size = -262144');
    database.pragma('temp_store = MEMORY');
    const now = Date.now();
    const nowText = `'${new Date(now).toISOString().replace('T', ' ').replace('Z', '')}'`;
    const addresses = SEEDED.candidateAddresses(sizes);
    const user = (expression: string) => `'U' || printf('%06d', (${expression}) % ${SEEDED.slackUsers})`;
    const team = (n: string) => `'T' || printf('%06d', ${n} % ${SEEDED.workspaces})`;
    const channel = (n: string) => `'C' || printf('%06d', ${n} % ${SEEDED.channels})`;
    const key = (prefix: number, n: string) => `printf('%032x', ${prefix} * 4294967296 + ${n})`;
    const loops = SEEDED.loops(sizes);
    const counted = Math.max(sizes.interviews, sizes.slots, sizes.bookingRequests, loops);
    database.exec(`CREATE TEMP TABLE "counter" ("n" INTEGER PRIMARY KEY)`);
    database.exec(
      `INSERT INTO "counter" WITH RECURSIVE "c"("n") AS (SELECT 1 UNION ALL SELECT "n" + 1 FROM "c" WHERE "n" < ${counted}) SELECT "n" FROM "c"`,
    );
    const seed = database.transaction(() => {
      const remake = dropSqliteSecondaryIndexes(database, SEEDED_TABLES);
      database.exec(`
        INSERT INTO "loop" ("id", "status", "maxGapMinutes", "createdAt", "updatedAt")
        SELECT ${sqliteUuidOf('00000007', 'n')}, 'scheduled', 15, ${nowText}, ${nowText} FROM "counter" WHERE "n" <= ${loops}`);
      // createdAt scattered over the three years (a Weyl sequence of n), scheduledTime up to 30 days later.
      database.exec(`
        INSERT INTO "interview" ("id", "candidateName", "candidateEmail", "candidateEmailNormalized", "interviewers", "organizerSlackUserId",
          "slackTeamId", "channelId", "scheduledTime", "durationMinutes", "timezone", "status", "sessionKey", "joinLink", "createdAt", "updatedAt",
          "loopId", "sessionTitle")
        SELECT ${sqliteUuidOf('00000001', 'n')}, 'Candidate ' || n, 'candidate' || (n % ${addresses}) || '@example.com', 'candidate' || (n % ${addresses}) || '@example.com',
          '[{"slackUserId":"' || ${user('n * 7')} || '"},{"email":"panel' || (n % 97) || '@example.com"}]', ${user('n')},
          ${team('n')}, ${channel('n')}, ${sqliteInstant(`"createdAt" + (n * 2246822519) % ${THIRTY_DAYS_MS}`)}, 45, 'UTC',
          CASE WHEN n % 10 = 0 THEN 'cancelled' ELSE 'scheduled' END,
          ${key(1, 'n')}, 'https://hire.example.com/interview/?session_key=' || ${key(1, 'n')}, ${sqliteInstant('"createdAt"')}, ${sqliteInstant('"createdAt"')},
          CASE WHEN n <= ${loops * 3} THEN ${sqliteUuidOf('00000007', '((n - 1) / 3 + 1)')} END, CASE WHEN n <= ${loops * 3} THEN 'Session ' || ((n - 1) % 3 + 1) END
        FROM (SELECT n, ${now} - (n * 2654435761) % ${THREE_YEARS_MS} AS "createdAt" FROM "counter" WHERE n <= ${sizes.interviews})`);
      database.exec(`
        INSERT INTO "meeting" ("interviewId", "provider", "status", "joinUrl", "providerMeetingId", "host", "createdAt", "updatedAt")
        SELECT "id", 'zoom', 'ready', 'https://zoom.example/j/' || substr("id", 25), substr("id", 25), 'host@example.com', "createdAt", "createdAt"
        FROM "interview" WHERE substr("id", -1) IN ('0', '5')`);
      database.exec(`
        INSERT INTO "interview_calendar_event" ("interviewId", "interviewerKey", "ownerAddress", "eventId", "status", "updatedAt")
        SELECT "id", json_extract("interviewers", '$[1].email'), json_extract("interviewers", '$[1].email'), substr("id", 25), 'created', "createdAt"
        FROM "interview" WHERE substr("id", -1) IN ('1', '4', '7', 'a', 'd')`);
      database.exec(`
        INSERT INTO "interviewer_booking" ("id", "interviewId", "interviewer", "startsAt", "endsAt")
        SELECT ${sqliteUuidOf('00000008', '(row_number() OVER ())')}, "id", 'booked' || (row_number() OVER ()) || '@example.com',
          "scheduledTime", ${sqliteShifted('"scheduledTime"', '+45 minutes')}
        FROM "interview" WHERE "loopId" IS NOT NULL`);
      database.exec(`
        INSERT INTO "interview_participant" ("interviewId", "slackUserId", "createdAt", "scheduledTime")
        SELECT "id", "organizerSlackUserId", "createdAt", "scheduledTime" FROM "interview"
        UNION SELECT "id", json_extract("interviewers", '$[0].slackUserId'), "createdAt", "scheduledTime" FROM "interview"`);
      database.exec(FILL_ON_SQLITE);
      database.exec(`
        INSERT INTO "delivery_job" ("id", "kind", "interviewId", "slackTeamId", "status", "attempts", "nextAttemptAt", "deliveredAt", "createdAt", "updatedAt")
        SELECT ${sqliteUuidOf('00000002', '(row_number() OVER ())')},
          CASE k % 4 WHEN 0 THEN 'candidate_invitation' WHEN 1 THEN 'candidate_reminder' WHEN 2 THEN 'no_show_alert' ELSE 'channel_post' END,
          "id", "slackTeamId",
          CASE WHEN "scheduledTime" > ${nowText} AND k % 4 IN (1, 2) THEN 'pending' WHEN k = 0 AND "id" LIKE '%7' THEN 'failed' ELSE 'delivered' END, 1,
          CASE WHEN k % 4 = 1 THEN ${sqliteShifted('"scheduledTime"', '-1 day')} WHEN k % 4 = 2 THEN ${sqliteShifted('"scheduledTime"', '+10 minutes')} ELSE "createdAt" END,
          "createdAt", "createdAt", ${sqliteShifted('"createdAt"', '+1 second')}
        FROM "interview" CROSS JOIN (SELECT n - 1 AS k FROM "counter" WHERE n <= ${sizes.deliveriesPerInterview})`);
      database.exec(`
        INSERT INTO "availability_slot" ("id", "startsAt", "durationMinutes", "interviewer", "createdBySlackUserId", "slackTeamId", "createdAt")
        SELECT ${sqliteUuidOf('00000003', 'n')}, ${sqliteInstant(`${now - THREE_YEARS_MS + THIRTY_DAYS_MS} + n * ${THREE_YEARS_MS} / ${sizes.slots}`)}, 30,
          ${user('n')}, ${user('n + 1')}, ${team('n')}, ${sqliteInstant(`${now - THREE_YEARS_MS} + n * ${THREE_YEARS_MS} / ${sizes.slots}`)}
        FROM "counter" WHERE n <= ${sizes.slots}`);
      database.exec(`
        INSERT INTO "booking_request" ("id", "token", "bookingLink", "status", "candidateName", "candidateEmail", "candidateEmailNormalized", "timezone",
          "interviewers", "organizerSlackUserId", "slackTeamId", "channelId", "expiresAt", "closedAt", "closedBy", "createdAt", "updatedAt")
        SELECT ${sqliteUuidOf('00000004', 'n')}, ${key(2, 'n')}, 'https://hire.example.com/book/?token=' || ${key(2, 'n')}, 'expired',
          'Candidate ' || n, 'booker' || n || '@example.com', 'booker' || n || '@example.com', 'UTC', '[]', ${user('n')},
          ${team('n')}, ${channel('n')}, ${sqliteShifted('"createdAt"', '+3 days')}, ${sqliteShifted('"createdAt"', '+3 days')}, 'system', "createdAt", "createdAt"
        FROM (SELECT n, ${sqliteInstant(`${now} - (n * 2654435761) % ${THREE_YEARS_MS}`)} AS "createdAt" FROM "counter" WHERE n <= ${sizes.bookingRequests})`);
      database.exec(`
        INSERT INTO "booking_request_slot" ("bookingRequestId", "slotId", "position")
        SELECT ${sqliteUuidOf('00000004', 'n')}, ${sqliteUuidOf('00000003', `(1 + n % ${sizes.slots})`)}, 0 FROM "counter" WHERE n <= ${sizes.bookingRequests}`);
      for (const statement of remake) database.exec(statement);
      if (options.withDueJobs ?? true) seedSqliteDueJobs(database, sizes);
    });
    seed();
    database.exec(`DROP TABLE "counter"`);
    database.exec('ANALYZE');
    database.pragma('journal_mode = WAL');
  } finally {
    database.close();
  }
  return Date.now() - started;
}

/** Drops the tables' indexes made by CREATE INDEX (a table's own UNIQUE and primary keys cannot be); returns the statements that make them again. */
function dropSqliteSecondaryIndexes(database: BetterSqlite3.Database, tables: string[]): string[] {
  const indexes = database
    .prepare<unknown[], { name: string; sql: string }>(
      `SELECT "name", "sql" FROM sqlite_master WHERE type = 'index' AND "sql" IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`,
    )
    .all(...tables);
  for (const index of indexes) database.exec(`DROP INDEX "${index.name}"`);
  return indexes.map((index) => index.sql);
}

/** seedDueJobs on SQLite: the same due emails, reminders, booking expiries and lapsed leases. */
export function seedSqliteDueJobs(database: BetterSqlite3.Database, sizes: LargeDatabaseSizes): void {
  const due = sizes.dueJobs;
  const instant = (offsetMs: number) => `'${new Date(Date.now() + offsetMs).toISOString().replace('T', ' ').replace('Z', '')}'`;
  const expiries = Math.ceil(due / 3);
  const numbers = (count: number) => `WITH RECURSIVE "c"("n") AS (SELECT 1 UNION ALL SELECT "n" + 1 FROM "c" WHERE "n" < ${count}) `;
  database.exec(`
    ${numbers(expiries)}
    UPDATE "booking_request" SET "status" = 'open', "closedAt" = NULL, "closedBy" = NULL, "expiresAt" = ${instant(-60_000)}
    WHERE "id" IN (SELECT ${sqliteUuidOf('00000004', 'n')} FROM "c")`);
  database.exec(`
    INSERT INTO "delivery_job" ("id", "kind", "bookingRequestId", "status", "attempts", "nextAttemptAt", "createdAt", "updatedAt")
    ${numbers(expiries)}
    SELECT ${sqliteUuidOf('00000005', 'n')}, 'booking_request_expiry', ${sqliteUuidOf('00000004', 'n')}, 'pending', 0, ${instant(-60_000)}, ${instant(0)}, ${instant(0)}
    FROM "c"`);
  database.exec(`
    INSERT INTO "delivery_job" ("id", "kind", "interviewId", "status", "attempts", "nextAttemptAt", "leaseOwner", "leaseExpiresAt", "createdAt", "updatedAt")
    ${numbers(due - expiries)}
    SELECT ${sqliteUuidOf('00000006', 'n')}, CASE n % 3 WHEN 0 THEN 'candidate_reminder' WHEN 1 THEN 'no_show_alert' ELSE 'candidate_invitation' END,
      ${sqliteUuidOf('00000001', `(1 + n * 7919 % ${sizes.interviews})`)},
      CASE WHEN n % 10 = 0 THEN 'in_flight' ELSE 'pending' END, CASE WHEN n % 10 = 0 THEN 1 ELSE 0 END, ${instant(-60_000)},
      CASE WHEN n % 10 = 0 THEN 'a-worker-that-died' END, CASE WHEN n % 10 = 0 THEN ${instant(-300_000)} END, ${instant(0)}, ${instant(0)}
    FROM "c"`);
}
