import { Database } from '../../src/db/database';
import { openDatabase } from '../../src/domain/appDatabase';
import { DeliveryJob, DeliveryKind } from '../../src/domain/deliveries/DeliveryJob';
import { Interview } from '../../src/domain/interviews/Interview';
import { addAvailabilitySlots } from '../../src/domain/slots/addAvailabilitySlots';
import { listOpenSlots } from '../../src/domain/slots/slotQueries';
import type { WorkspaceScope } from '../../src/domain/shared/slackWorkspaces';
import type { DomainContext } from '../../src/domain/shared/domainContext';
import { listInterviews } from '../../src/domain/interviews/interviewQueries';
import { NO_REMINDERS } from '../../src/config/reminderSettings';
import { scheduleInterview } from '../../src/domain/interviews/scheduleInterview';
import { describeWithPostgres } from '../requirements/describeWith';
import { createScratchDatabase } from '../support/postgres';

let database: Database;
let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
let context: DomainContext;
const now = new Date('2030-03-04T10:02:30.000Z');

beforeAll(async () => {
  scratch = await createScratchDatabase();
  database = new Database(await openDatabase({ kind: 'postgres', url: scratch.url }));
  context = {
    database,
    now: () => now,
    publicBaseUrl: 'https://hire.example.com',
    defaultLeadMinutes: 60,
    reminders: NO_REMINDERS,
    onDeliveriesQueued: () => undefined,
  };
});

afterAll(async () => {
  await database?.close();
  await scratch?.drop();
});

const input = (raw: Record<string, unknown> = {}) => ({ candidateName: 'Jane Doe', candidateEmail: 'jane@example.com', ...raw });

describeWithPostgres('on PostgreSQL', () => {
  it('migrates and stores an interview with its key, link and UTC time', async () => {
    const { interview } = await scheduleInterview(context, { input: input(), actor: { kind: 'api' } });
    const stored = await database.read((manager) => manager.findOneByOrFail(Interview, { id: interview.id }));
    expect(stored.scheduledTime.toISOString()).toBe('2030-03-04T11:05:00.000Z');
    expect(stored.sessionKey).toMatch(/^[0-9a-f]{32}$/);
    const columnType = await database.dataSource.query(
      `SELECT data_type FROM information_schema.columns WHERE table_name = 'interview' AND column_name = 'scheduledTime'`,
    );
    expect(columnType).toEqual([{ data_type: 'timestamp with time zone' }]);
  });

  it('queues the invitation in the same transaction', async () => {
    const { interview } = await scheduleInterview(context, { input: input({ candidateEmail: 'q@example.com' }), actor: { kind: 'api' } });
    const jobs = await database.read((manager) => manager.findBy(DeliveryJob, { interviewId: interview.id }));
    expect(jobs.map((job) => job.kind)).toEqual([DeliveryKind.CandidateInvitation]);
  });

  it('books a slot once when many try at the same moment', async () => {
    const [slot] = await addAvailabilitySlots(context, {
      slots: [{ startsAt: new Date('2030-03-06T09:00:00Z'), durationMinutes: 30, interviewer: 'U0ADA' }],
      actor: { kind: 'api' },
    });
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        scheduleInterview(context, { input: input({ slotId: slot.id, candidateEmail: `c${index}@example.com` }), actor: { kind: 'api' } }),
      ),
    );
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    for (const attempt of attempts) {
      if (attempt.status === 'rejected') expect(String(attempt.reason)).toMatch(/slot/);
    }
  });

  it('lists a slot as open until the second it starts, within its own workspace only', async () => {
    const startsAt = new Date(now.getTime() + 5 * 60_000);
    const [slot] = await addAvailabilitySlots(context, {
      slots: [{ startsAt, durationMinutes: 30, interviewer: 'U0EDGE', slackWorkspace: { teamId: 'TEDGE' } }],
      actor: { kind: 'api' },
    });
    const openAt = (instant: Date, scope: WorkspaceScope) => listOpenSlots({ ...context, now: () => instant }, scope);
    expect((await openAt(new Date(startsAt.getTime() - 1), { kind: 'team', teamId: 'TEDGE' })).map((open) => open.id)).toContain(slot.id);
    expect((await openAt(new Date(startsAt.getTime() - 1), { kind: 'team', teamId: 'TOTHER' })).map((open) => open.id)).not.toContain(
      slot.id,
    );
    expect((await openAt(startsAt, { kind: 'team', teamId: 'TEDGE' })).map((open) => open.id)).not.toContain(slot.id);
    expect((await openAt(new Date(startsAt.getTime() - 1), { kind: 'everything' })).map((open) => open.id)).toContain(slot.id);
    expect(await openAt(new Date(startsAt.getTime() - 1), { kind: 'organization', enterpriseId: 'ENONE' })).toEqual([]);
  });

  it('creates one interview for concurrent requests with the same idempotency key', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        scheduleInterview(context, { input: input({ role: 'SRE' }), actor: { kind: 'api' }, idempotencyKey: 'api:pg-same' }),
      ),
    );
    expect(new Set(results.map((result) => result.interview.id)).size).toBe(1);
  });

  it('pages through interviews newest first', async () => {
    const page = await listInterviews(context, { limit: 2 });
    expect(page.interviews).toHaveLength(2);
    const next = await listInterviews(context, { limit: 2, cursor: page.nextCursor! });
    expect(next.interviews[0].id).not.toBe(page.interviews[1].id);
  });
});
