import { Client } from 'pg';
import { encodeCursor, listUpcomingInterviewsFor } from '../../src/domain/interviews/interviewQueries';
import { describeWithPostgres } from '../requirements/describeWith';
import { ISSUE_SIZES, SEEDED, seedDueJobs, seedLargePostgresDatabase, type LargeDatabaseSizes } from '../support/largeDatabase';
import { createScratchDatabase } from '../support/postgres';
import { StatementRecorder, type RecordedStatement } from '../support/recordedStatements';
import { eventually, startTestApplication, type TestApplication } from '../support/testApplication';

/**
 * Issue 32: on a large database, every listed query reads an index, never the whole interview or
 * delivery table. A check of the plans PostgreSQL makes for the SQL the app actually sends (each
 * statement a request or the worker ran, captured and EXPLAINed), not of timings. The sizes are
 * the issue's unless SCALE_INTERVIEWS says otherwise (the other tables scale with it).
 */
const interviews = Number(process.env.SCALE_INTERVIEWS ?? ISSUE_SIZES.interviews);
const sizes: LargeDatabaseSizes = {
  ...ISSUE_SIZES,
  interviews,
  bookingRequests: Math.ceil(interviews / 10),
  slots: Math.ceil(interviews / 5),
};

/** The tables no listed query may read from end to end. */
const LARGE_TABLES = ['interview', 'delivery_job', 'interview_participant', 'interview_interviewer', 'booking_request'];

/**
 * Rows one statement may read only to discard them. A query whose index fits reads about what it
 * returns; `?startsBefore=` skips the interviews made before the bound that start after it, a few
 * days' worth. A query that walks an index in the wrong order discards hundreds of thousands.
 */
const MAX_ROWS_THROWN_AWAY = 5000;

interface PlanNode {
  'Node Type': string;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Join Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
let app: TestApplication | undefined;
let explainer: Client;
let recorder: StatementRecorder;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  const seededInMs = await seedLargePostgresDatabase(scratch.url, sizes, { withDueJobs: false });
  process.stdout.write(
    `Seeded ${sizes.interviews} interviews (and their deliveries, slots, booking requests) in ${(seededInMs / 1000).toFixed(0)} s\n`,
  );
  app = await startTestApplication({ env: { DATABASE_URL: scratch.url, DELIVERY_RETENTION_DAYS: '1094' } });
  recorder = new StatementRecorder(app.database.dataSource);
  explainer = new Client({ connectionString: scratch.url });
  await explainer.connect();
});

afterAll(async () => {
  await explainer?.end();
  await app?.close();
  await scratch?.drop();
});

/** Runs `action` and returns the reads and writes it sent, less transaction control. */
function statementsOf(action: () => Promise<unknown>): Promise<RecordedStatement[]> {
  return recorder.during(action);
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/**
 * The plan of a statement; a read is also run (EXPLAIN ANALYZE), so what it read and threw away
 * is counted, not estimated. Writes are planned only.
 */
async function planOf(statement: RecordedStatement): Promise<PlanNode[]> {
  const analyze = /^\s*SELECT/i.test(statement.query) ? 'ANALYZE, BUFFERS, ' : '';
  const result = await explainer.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
    `EXPLAIN (${analyze}FORMAT JSON) ${statement.query}`,
    statement.parameters,
  );
  return nodesOf(result.rows[0]['QUERY PLAN'][0].Plan);
}

/** Rows a plan read only to throw away: what grows with the table when an index does not fit the query. */
function rowsThrownAway(nodes: PlanNode[]): number {
  return nodes.reduce(
    (sum, node) =>
      sum +
      (node['Rows Removed by Filter'] ?? 0) +
      (node['Rows Removed by Join Filter'] ?? 0) +
      (node['Rows Removed by Index Recheck'] ?? 0),
    0,
  );
}

/**
 * Every statement read the large tables through an index, and discarded few rows; returns the
 * indexes they used, to name what served them.
 */
async function expectIndexedOnly(statements: RecordedStatement[]): Promise<string[]> {
  expect(statements.length).toBeGreaterThan(0);
  const indexes: string[] = [];
  for (const statement of statements) {
    const nodes = await planOf(statement);
    const fullScans = nodes.filter((node) => node['Node Type'] === 'Seq Scan' && LARGE_TABLES.includes(node['Relation Name'] ?? ''));
    if (fullScans.length > 0) {
      throw new Error(
        `A full scan of ${fullScans.map((node) => node['Relation Name']).join(', ')} for:\n${statement.query}\n${JSON.stringify(nodes.map((node) => node['Node Type'] + ' ' + (node['Relation Name'] ?? '') + ' ' + (node['Index Name'] ?? '')))}`,
      );
    }
    if (rowsThrownAway(nodes) > MAX_ROWS_THROWN_AWAY) {
      throw new Error(`${rowsThrownAway(nodes)} rows read and thrown away (an index that does not fit) for:\n${statement.query}`);
    }
    for (const node of nodes) if (node['Index Name']) indexes.push(node['Index Name']);
  }
  return [...new Set(indexes)];
}

async function listInterviews(
  query: string,
): Promise<{ interviews: Array<{ id: string; candidateEmail: string }>; nextCursor: string | null }> {
  const response = await fetch(`${app!.url}/api/interviews?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { interviews: Array<{ id: string; candidateEmail: string }>; nextCursor: string | null };
}

describeWithPostgres(`the query plans on ${sizes.interviews} interviews`, () => {
  it('finds a candidate’s interviews by address, whatever its case, through the normalized address’s index', async () => {
    const address = SEEDED.candidateEmail(123);
    let page: Awaited<ReturnType<typeof listInterviews>> | undefined;
    const indexes = await expectIndexedOnly(
      await statementsOf(async () => (page = await listInterviews(`candidateEmail=${address.toUpperCase()}`))),
    );
    expect(page!.interviews.length).toBeGreaterThan(0);
    expect(page!.interviews.every((interview) => interview.candidateEmail === address)).toBe(true);
    expect(indexes).toContain('interview_candidate_newest');
    await expectIndexedOnly(await statementsOf(() => listInterviews('candidateEmail=nobody@example.com')));
  });

  it('finds a participant’s interviews, and none for a Slack user with none, through the participants’ index', async () => {
    const active = await statementsOf(() => listInterviews(`participant=${SEEDED.slackUser(42)}&limit=25`));
    expect(await expectIndexedOnly(active)).toContain('interview_participant_newest');
    let page: Awaited<ReturnType<typeof listInterviews>> | undefined;
    await expectIndexedOnly(await statementsOf(async () => (page = await listInterviews('participant=U0NOBODY'))));
    expect(page!.interviews).toEqual([]);
  });

  it('reads a page deep in the cursor as a range of the (createdAt, id) index', async () => {
    // Half way through the three years, so about half of all interviews come before it.
    const middle = await explainer.query<{ createdAt: Date; id: string }>(
      `SELECT "createdAt", "id" FROM "interview" WHERE "createdAt" < now() - interval '18 months' ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`,
    );
    let page: Awaited<ReturnType<typeof listInterviews>> | undefined;
    const statements = await statementsOf(async () => (page = await listInterviews(`limit=25&cursor=${encodeCursor(middle.rows[0])}`)));
    expect(await expectIndexedOnly(statements)).toContain('interview_newest');
    expect(page!.interviews).toHaveLength(25);
  });

  it('filters by a rare or unknown channel, an unknown workspace, and a start two years ago through their indexes', async () => {
    for (const query of ['channelId=C0UNKNOWN', `channelId=${'C' + '49'.padStart(6, '0')}`, 'slackTeamId=T0UNKNOWN']) {
      await expectIndexedOnly(await statementsOf(() => listInterviews(query)));
    }
    const twoYearsAgo = new Date(Date.now() - 2 * 365 * 24 * 60 * 60 * 1000).toISOString();
    let page: Awaited<ReturnType<typeof listInterviews>> | undefined;
    await expectIndexedOnly(await statementsOf(async () => (page = await listInterviews(`startsBefore=${twoYearsAgo}`))));
    expect(page!.interviews.length).toBe(25);
  });

  it('lists a Slack user’s upcoming interviews (App Home) without reading every interview', async () => {
    await expectIndexedOnly(
      await statementsOf(() => listUpcomingInterviewsFor(app!.context, SEEDED.slackUser(7), { kind: 'everything' }, 10)),
    );
    await expectIndexedOnly(await statementsOf(() => listUpcomingInterviewsFor(app!.context, 'U0NOBODY', { kind: 'everything' }, 10)));
  });

  it('claims due jobs (emails, reminders, no-show alerts, booking expiries, lapsed leases) through the due jobs’ indexes', async () => {
    const statements = await statementsOf(async () => {
      await seedDueJobs(explainer, sizes);
      app!.worker.wake();
      await eventually(
        async () =>
          (
            await explainer.query<{ count: string }>(
              `SELECT COUNT(*) AS count FROM "delivery_job" WHERE ("status" = 'pending' AND "nextAttemptAt" <= now()) OR ("status" = 'in_flight' AND "leaseExpiresAt" < now())`,
            )
          ).rows[0].count === '0',
        'every due job claimed',
        120_000,
      );
      await app!.worker.stop();
    });
    const indexes = await expectIndexedOnly(statements);
    expect(indexes).toEqual(expect.arrayContaining(['delivery_job_pending_due', 'delivery_job_lease_expiry']));
    const expired = await explainer.query<{ count: string }>(
      `SELECT COUNT(*) AS count FROM "booking_request" WHERE "status" = 'expired' AND "closedBy" = 'system'`,
    );
    expect(Number(expired.rows[0].count)).toBe(sizes.bookingRequests);
  });

  it('reads a loop with its sessions, and an interview with its meeting, through their keys', async () => {
    let loop: { sessions: unknown[] } | undefined;
    const loopStatements = await statementsOf(async () => {
      const response = await fetch(`${app!.url}/api/loops/${SEEDED.loopId(7)}`);
      expect(response.status).toBe(200);
      loop = (await response.json()) as { sessions: unknown[] };
    });
    expect(await expectIndexedOnly(loopStatements)).toContain('interview_loop');
    expect(loop!.sessions).toHaveLength(3);
    // The 16th interview's id ends in 0: it has a meeting and deliveries.
    const withMeeting = '00000001-0000-4000-8000-000000000010';
    let interview: { meeting?: { provider: string } } | undefined;
    await expectIndexedOnly(
      await statementsOf(async () => {
        const response = await fetch(`${app!.url}/api/interviews/${withMeeting}`);
        expect(response.status).toBe(200);
        interview = (await response.json()) as { meeting?: { provider: string } };
      }),
    );
    expect(interview!.meeting?.provider).toBe('zoom');
  });

  it('lists open booking requests, and interviews starting far ahead, through their indexes', async () => {
    const open = await statementsOf(async () => {
      const response = await fetch(`${app!.url}/api/booking-requests?status=open`);
      expect(response.status).toBe(200);
    });
    expect(await expectIndexedOnly(open)).toContain('booking_request_status_newest');
    const yearAhead = new Date(Date.now() + 365 * 24 * 60 * 60 * 1000).toISOString();
    let page: Awaited<ReturnType<typeof listInterviews>> | undefined;
    await expectIndexedOnly(await statementsOf(async () => (page = await listInterviews(`startsAfter=${yearAhead}`))));
    expect(page!.interviews).toEqual([]);
  });

  it('finds free times, and books a pool at a chosen time, reading only the interviews around that time', async () => {
    const search = await statementsOf(async () => {
      const response = await fetch(
        `${app!.url}/api/free-times?interviewers=${SEEDED.slackUser(3)},panel5@example.com&durationMinutes=45&limit=5`,
      );
      expect(response.status).toBe(200);
    });
    expect(await expectIndexedOnly(search)).toContain('interview_interviewer_time');
    const tomorrow = new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 34 * 3_600_000).toISOString();
    const booking = await statementsOf(async () => {
      const response = await fetch(`${app!.url}/api/interviews`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          candidateName: 'Scale Candidate',
          candidateEmail: 'scale-pool@example.com',
          scheduledTime: tomorrow,
          interviewers: [{ anyOf: ['pool-a@example.com', 'pool-b@example.com'] }],
        }),
      });
      expect(response.status).toBe(201);
    });
    expect(await expectIndexedOnly(booking)).toContain('interview_scheduled_time');
  });

  it('prunes finished deliveries past DELIVERY_RETENTION_DAYS through the finished jobs’ index', async () => {
    const statements = await statementsOf(() => app!.worker.pruneFinishedJobs());
    expect(await expectIndexedOnly(statements)).toContain('delivery_job_finished');
    const oldest = await explainer.query<{ updatedAt: Date }>(
      `SELECT min("updatedAt") AS "updatedAt" FROM "delivery_job" WHERE "status" IN ('delivered', 'failed', 'skipped')`,
    );
    expect(oldest.rows[0].updatedAt.getTime()).toBeGreaterThan(Date.now() - 1095 * 24 * 60 * 60 * 1000);
  });
});
