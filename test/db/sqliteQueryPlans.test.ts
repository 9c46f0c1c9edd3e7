import { BookingRequestStatus } from '../../src/domain/bookings/bookingRequestStatus';
import pino from 'pino';
import { OutboxWorker } from '../../src/delivery/outboxWorker';
import { listBookingRequests } from '../../src/domain/bookings/bookingRequestQueries';
import { encodeCursor, listInterviews, listUpcomingInterviewsFor } from '../../src/domain/interviews/interviewQueries';
import { scheduleInterview } from '../../src/domain/interviews/scheduleInterview';
import { EVERY_WORKSPACE } from '../../src/domain/shared/slackWorkspaces';
import { sqlitePlanLinesOf, StatementRecorder } from '../support/recordedStatements';
import { openTestDomain, type TestDomain } from '../support/testDatabase';

/**
 * Issue 32 on SQLite: each listed query is an index's range in the list's order, never a scan of
 * a whole table nor a sort of one (EXPLAIN QUERY PLAN of the SQL the app sends). SQLite plans
 * without statistics here, as a fresh database does; test:scale checks PostgreSQL on a million rows.
 */
let domain: TestDomain;
let recorder: StatementRecorder;

beforeAll(async () => {
  domain = await openTestDomain({ now: new Date('2030-03-04T10:00:00Z') });
  for (const [index, organizer] of ['U0ORG', 'U0OTHER', 'U0ORG'].entries()) {
    domain.setNow(new Date(Date.parse('2030-03-04T10:00:00Z') + index * 60_000));
    await scheduleInterview(domain.context, {
      input: { candidateName: `Jane ${index}`, candidateEmail: 'jane@example.com', interviewers: ['U0ADA'], channelId: 'C0HIRING' },
      actor: { kind: 'slack', userId: organizer, teamId: 'T0TEAM', scope: EVERY_WORKSPACE },
    });
  }
  recorder = new StatementRecorder(domain.database.dataSource);
});
afterAll(async () => {
  await domain?.close();
});

/** The plan's lines of every read `action` sends. */
function plansOf(action: () => Promise<unknown>): Promise<string[]> {
  return sqlitePlanLinesOf(domain.database.dataSource, recorder, action);
}

/**
 * Every step is a SEARCH (a range of an index); none is a SCAN of a large table, by its name or the
 * alias the query gives it, whether of the table or of a whole index walked to avoid a sort, and
 * nothing is sorted after reading.
 */
function expectIndexRanges(lines: string[]): void {
  const wholeTableOrIndex = lines.filter((line) =>
    /^SCAN (interview|delivery_job|interview_participant|booking_request|job|request|participant)\b/.test(line),
  );
  expect(wholeTableOrIndex).toEqual([]);
  expect(lines.filter((line) => line.includes('TEMP B-TREE'))).toEqual([]);
}

describe('the query plans on SQLite', () => {
  const cursor = encodeCursor({ createdAt: new Date('2030-03-04T09:00:00Z'), id: '00000000-0000-4000-8000-000000000000' });
  const lists: Array<[string, Parameters<typeof listInterviews>[1]]> = [
    ['candidateEmail', { candidateEmail: 'JANE@example.com', limit: 25 }],
    ['participant', { participantSlackUserId: 'U0ADA', limit: 25 }],
    ['participant with a cursor', { participantSlackUserId: 'U0NOBODY', limit: 25, cursor }],
    ['a deep cursor', { limit: 25, cursor }],
    ['channelId with a cursor', { channelId: 'C0HIRING', limit: 25, cursor }],
    ['slackTeamId', { slackTeamId: 'T0UNKNOWN', limit: 25 }],
    ['startsBefore', { startsBefore: new Date('2031-01-01T00:00:00Z'), limit: 25 }],
  ];
  it.each(lists)('lists interviews by %s as an index range in the list’s order', async (_name, filter) => {
    const lines = await plansOf(() => listInterviews(domain.context, filter));
    expectIndexRanges(lines);
    expect(lines.some((line) => /USING (COVERING )?INDEX (interview_|interview_participant_)/.test(line))).toBe(true);
  });

  it('finds a participant’s interviews, newest first, from the participants’ index', async () => {
    const page = await listInterviews(domain.context, { participantSlackUserId: 'U0ORG', limit: 25 });
    expect(page.interviews.map((interview) => interview.candidateName)).toEqual(['Jane 2', 'Jane 0']);
  });

  it('lists booking requests by candidate address and cursor as an index range', async () => {
    expectIndexRanges(
      await plansOf(() => listBookingRequests(domain.context, { candidateEmail: 'someone@example.com', limit: 25, cursor })),
    );
  });

  it('lists open booking requests as a range of the status index, in the list’s order', async () => {
    const lines = await plansOf(() => listBookingRequests(domain.context, { status: BookingRequestStatus.Open, limit: 25, cursor }));
    expectIndexRanges(lines);
    expect(lines.some((line) => line.includes('booking_request_status_newest'))).toBe(true);
  });

  it('lists a Slack user’s upcoming interviews from the participants’ start-time index', async () => {
    const lines = await plansOf(() => listUpcomingInterviewsFor(domain.context, 'U0ADA', EVERY_WORKSPACE, 10));
    expectIndexRanges(lines);
    expect(lines.some((line) => line.includes('interview_participant_upcoming'))).toBe(true);
  });

  it('claims due jobs and prunes finished ones through the outbox’s partial indexes', async () => {
    const worker = new OutboxWorker({
      database: domain.database,
      kinds: {},
      logger: pino({ level: 'silent' }),
      settings: {
        maxAttempts: 3,
        retryBaseMs: 1000,
        retryMaxMs: 60_000,
        pollIntervalMs: 10_000,
        leaseSeconds: 30,
        batchSize: 10,
        retentionDays: 90,
      },
      now: () => new Date('2030-03-01T00:00:00Z'),
    });
    const lines = [...(await plansOf(() => worker.deliverDueJobs())), ...(await plansOf(() => worker.pruneFinishedJobs()))];
    expectIndexRanges(lines);
    expect(lines.join('\n')).toEqual(
      expect.stringMatching(/delivery_job_pending_due[\s\S]*delivery_job_lease_expiry[\s\S]*delivery_job_finished/),
    );
  });
});
