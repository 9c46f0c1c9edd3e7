import { join } from 'node:path';
import { encodeCursor, listUpcomingInterviewsFor } from '../../src/domain/interviews/interviewQueries';
import { temporaryFolder } from '../support/cleanUp';
import { ISSUE_SIZES, SEEDED, seedLargeSqliteDatabase, type LargeDatabaseSizes } from '../support/largeDatabase';
import { sqlitePlanLinesOf, StatementRecorder } from '../support/recordedStatements';
import { startTestApplication, type TestApplication } from '../support/testApplication';

/**
 * Issue 32 on SQLite, the embedded default: on a large seeded and ANALYZEd file, each listed read
 * the app sends is a range of an index in the list's order, never a scan of a large table nor a
 * sort of one (EXPLAIN QUERY PLAN of the statements a request actually ran, captured). The small
 * database of test/db/sqliteQueryPlans.test.ts has no statistics; here SQLite plans with them, as
 * a database that has grown does. The size is the issue's unless SCALE_INTERVIEWS says otherwise.
 */
const interviews = Number(process.env.SCALE_INTERVIEWS ?? ISSUE_SIZES.interviews);
const sizes: LargeDatabaseSizes = {
  ...ISSUE_SIZES,
  interviews,
  bookingRequests: Math.ceil(interviews / 10),
  slots: Math.ceil(interviews / 5),
};

/** A plan step that reads a whole large table, or walks a whole index of one (by the table's name or the alias a query gives it). */
const WHOLE_LARGE_TABLE =
  /^SCAN (interview|delivery_job|interview_participant|interview_interviewer|booking_request|job|request|participant|booking|deliveryJob|bookingRequest)\b/i;

let app: TestApplication | undefined;
let recorder: StatementRecorder;

beforeAll(async () => {
  const folder = temporaryFolder('sqlite-scale');
  // With the due jobs: open booking requests among the expired ones (the delivery worker is off).
  const seededInMs = await seedLargeSqliteDatabase(join(folder, 'interviews.sqlite'), sizes);
  process.stdout.write(
    `Seeded ${sizes.interviews} interviews on SQLite (and their deliveries, slots, booking requests) in ${(seededInMs / 1000).toFixed(0)} s\n`,
  );
  // No delivery worker: only the requests' own statements are captured.
  app = await startTestApplication({ folder, env: { DELIVERY_WORKER: 'off' } });
  recorder = new StatementRecorder(app.database.dataSource);
});

afterAll(async () => {
  await app?.close();
});

/** The plan's lines of every read `action` sends. */
function plansOf(action: () => Promise<unknown>): Promise<string[]> {
  return sqlitePlanLinesOf(app!.database.dataSource, recorder, action, /^\s*(SELECT|WITH)/i);
}

/**
 * No step scans a large table or walks a whole index of one, and nothing is sorted after reading
 * (unless `sortsFewRows` says why what is sorted is small whatever the table's size); returns the
 * indexes the plan used, to name what served it.
 */
function expectIndexRanges(lines: string[], sortsFewRows?: string): string[] {
  const problems = lines.filter((line) => WHOLE_LARGE_TABLE.test(line) || (line.includes('TEMP B-TREE') && !sortsFewRows));
  if (problems.length > 0) throw new Error(`Not an index range: ${problems.join('; ')}\nThe whole plan:\n${lines.join('\n')}`);
  return lines.flatMap((line) => /USING (?:COVERING )?INDEX (\w+)/.exec(line)?.[1] ?? []);
}

async function listInterviews(
  query: string,
): Promise<{ interviews: Array<{ id: string; candidateEmail: string }>; nextCursor: string | null }> {
  const response = await fetch(`${app!.url}/api/interviews?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { interviews: Array<{ id: string; candidateEmail: string }>; nextCursor: string | null };
}

describe(`the query plans on SQLite with ${sizes.interviews} interviews`, () => {
  it('finds a candidate’s interviews by address, whatever its case, through the normalized address’s index', async () => {
    const address = SEEDED.candidateEmail(123);
    let page: Awaited<ReturnType<typeof listInterviews>> | undefined;
    const indexes = expectIndexRanges(await plansOf(async () => (page = await listInterviews(`candidateEmail=${address.toUpperCase()}`))));
    expect(page!.interviews.length).toBeGreaterThan(0);
    expect(page!.interviews.every((interview) => interview.candidateEmail === address)).toBe(true);
    expect(indexes).toContain('interview_candidate_newest');
    expectIndexRanges(await plansOf(() => listInterviews('candidateEmail=nobody@example.com')));
  });

  it('finds a participant’s interviews, and none for a Slack user with none, through the participants’ index', async () => {
    let page: Awaited<ReturnType<typeof listInterviews>> | undefined;
    const active = await plansOf(async () => (page = await listInterviews(`participant=${SEEDED.slackUser(42)}&limit=25`)));
    expect(expectIndexRanges(active)).toContain('interview_participant_newest');
    expect(page!.interviews).toHaveLength(25);
    expectIndexRanges(await plansOf(async () => (page = await listInterviews('participant=U0NOBODY'))));
    expect(page!.interviews).toEqual([]);
  });

  it('reads a page deep in the cursor as a range of the (createdAt, id) index', async () => {
    // Half way through the three years, so about half of all interviews come before it.
    const [middle] = await app!.database.dataSource.query<Array<{ createdAt: string; id: string }>>(
      `SELECT "createdAt", "id" FROM "interview" WHERE "createdAt" < ? ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`,
      [new Date(Date.now() - 548 * 24 * 60 * 60 * 1000).toISOString().replace('T', ' ').replace('Z', '')],
    );
    const cursor = encodeCursor({ createdAt: new Date(`${middle.createdAt.replace(' ', 'T')}Z`), id: middle.id });
    let page: Awaited<ReturnType<typeof listInterviews>> | undefined;
    const lines = await plansOf(async () => (page = await listInterviews(`limit=25&cursor=${cursor}`)));
    expect(expectIndexRanges(lines)).toContain('interview_newest');
    expect(page!.interviews).toHaveLength(25);
    expect(page!.interviews[0].id).not.toBe(middle.id);
  });

  it('filters by a rare or unknown channel, an unknown workspace, and a start two years ago through their indexes', async () => {
    for (const query of ['channelId=C0UNKNOWN', `channelId=${'C' + '49'.padStart(6, '0')}`, 'slackTeamId=T0UNKNOWN']) {
      expectIndexRanges(await plansOf(() => listInterviews(query)));
    }
    const twoYearsAgo = new Date(Date.now() - 2 * 365 * 24 * 60 * 60 * 1000).toISOString();
    let page: Awaited<ReturnType<typeof listInterviews>> | undefined;
    // interview_newest holds the start time, so the interviews made before the bound that start
    // after it are skipped on the index, their rows never read.
    const before = await plansOf(async () => (page = await listInterviews(`startsBefore=${twoYearsAgo}`)));
    expect(expectIndexRanges(before)).toContain('interview_newest');
    expect(page!.interviews.length).toBe(25);
  });

  it('lists a Slack user’s upcoming interviews (App Home) from the participants’ start-time index', async () => {
    const lines = await plansOf(() => listUpcomingInterviewsFor(app!.context, SEEDED.slackUser(7), { kind: 'everything' }, 10));
    expect(expectIndexRanges(lines)).toContain('interview_participant_upcoming');
    expectIndexRanges(await plansOf(() => listUpcomingInterviewsFor(app!.context, 'U0NOBODY', { kind: 'everything' }, 10)));
  });

  it('lists open booking requests, and interviews starting far ahead, through their indexes', async () => {
    const lines = await plansOf(async () => {
      const response = await fetch(`${app!.url}/api/booking-requests?status=open`);
      expect(response.status).toBe(200);
    });
    expect(expectIndexRanges(lines)).toContain('booking_request_status_newest');
    // SQLite's statistics (STAT4) know that no interview starts that far ahead, so it reads the
    // start-time index's range and sorts what it found (nothing), rather than walk every interview
    // newest first looking for one.
    const yearAhead = new Date(Date.now() + 365 * 24 * 60 * 60 * 1000).toISOString();
    let page: Awaited<ReturnType<typeof listInterviews>> | undefined;
    const ahead = await plansOf(async () => (page = await listInterviews(`startsAfter=${yearAhead}`)));
    expect(expectIndexRanges(ahead, 'the interviews starting after the bound, none')).toContain('interview_scheduled_time');
    expect(page!.interviews).toEqual([]);
  });

  it('reads a loop with its sessions, and an interview with its meeting, through their keys', async () => {
    let loop: { sessions: unknown[] } | undefined;
    const lines = await plansOf(async () => {
      const response = await fetch(`${app!.url}/api/loops/${SEEDED.loopId(7)}`);
      expect(response.status).toBe(200);
      loop = (await response.json()) as { sessions: unknown[] };
    });
    // The loop's sessions (three here) are put in order after they are found by the loop's id.
    expect(expectIndexRanges(lines, 'the loop’s own sessions, three')).toContain('interview_loop');
    expect(loop!.sessions).toHaveLength(3);
    // The 16th interview's id ends in 0: it has a meeting and deliveries.
    let interview: { meeting?: { provider: string } } | undefined;
    expectIndexRanges(
      await plansOf(async () => {
        const response = await fetch(`${app!.url}/api/interviews/00000001-0000-4000-8000-000000000010`);
        expect(response.status).toBe(200);
        interview = (await response.json()) as { meeting?: { provider: string } };
      }),
      'the interview’s own deliveries, three',
    );
    expect(interview!.meeting?.provider).toBe('zoom');
  });

  it('finds free times for a panel reading only the interviews around the times it looks at', async () => {
    let found: { freeTimes?: unknown[] } | undefined;
    const lines = await plansOf(async () => {
      const response = await fetch(
        `${app!.url}/api/free-times?interviewers=${SEEDED.slackUser(3)},panel5@example.com&durationMinutes=45&limit=5`,
      );
      expect(response.status).toBe(200);
      found = (await response.json()) as { freeTimes?: unknown[] };
    });
    expectIndexRanges(lines);
    expect(lines.some((line) => line.includes('interview_interviewer_time'))).toBe(true);
    expect(found).toBeDefined();
  });
});
