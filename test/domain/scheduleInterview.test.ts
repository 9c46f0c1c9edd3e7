import { AvailabilitySlot } from '../../src/domain/slots/AvailabilitySlot';
import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../../src/domain/deliveries/DeliveryJob';
import { Interview } from '../../src/domain/interviews/Interview';
import { InterviewEvent } from '../../src/domain/interviews/InterviewEvent';
import { addAvailabilitySlots } from '../../src/domain/slots/addAvailabilitySlots';
import { listOpenSlots } from '../../src/domain/slots/slotQueries';
import { IdempotencyConflictError, InputValidationError } from '../../src/domain/shared/errors';
import { InterviewStatus } from '../../src/domain/interviews/interviewStatus';
import { scheduleInterview } from '../../src/domain/interviews/scheduleInterview';
import { EVERY_WORKSPACE } from '../../src/domain/shared/slackWorkspaces';
import { openTestDomain, type TestDomain } from '../support/testDatabase';

const now = new Date('2030-03-04T10:02:30.000Z');
let domain: TestDomain;

beforeEach(async () => {
  domain = await openTestDomain({ now });
});
afterEach(async () => {
  await domain.close();
});

const input = (raw: Record<string, unknown> = {}) => ({ candidateName: 'Jane Doe', candidateEmail: 'jane@example.com', ...raw });

const count = (entity: typeof Interview | typeof DeliveryJob | typeof InterviewEvent) =>
  domain.database.read((manager) => manager.count(entity));

describe('scheduling an interview', () => {
  it('stores an interview made from a name and an email with a time, a key and a link (the original defect)', async () => {
    const { interview, created } = await scheduleInterview(domain.context, { input: input(), actor: { kind: 'api' } });
    expect(created).toBe(true);
    const stored = await domain.database.read((manager) => manager.findOneByOrFail(Interview, { id: interview.id }));
    expect(stored.scheduledTime).toEqual(new Date('2030-03-04T11:05:00.000Z'));
    expect(stored.sessionKey).toMatch(/^[0-9a-f]{32}$/);
    expect(stored.joinLink).toBe(`https://hire.example.com/interview/?session_key=${stored.sessionKey}`);
    expect(stored.status).toBe(InterviewStatus.Scheduled);
  });

  it('queues the candidate’s invitation in the same transaction and wakes the worker', async () => {
    const { interview } = await scheduleInterview(domain.context, { input: input(), actor: { kind: 'api' } });
    const jobs = await domain.database.read((manager) => manager.findBy(DeliveryJob, { interviewId: interview.id }));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: DeliveryKind.CandidateInvitation, status: DeliveryStatus.Pending, attempts: 0 });
    expect(domain.wakeCount()).toBe(1);
  });

  it('records who scheduled it', async () => {
    const { interview } = await scheduleInterview(domain.context, {
      input: input({ channelId: 'C0123' }),
      actor: { kind: 'slack', userId: 'U0RECRUIT', scope: EVERY_WORKSPACE },
    });
    const events = await domain.database.read((manager) => manager.findBy(InterviewEvent, { interviewId: interview.id }));
    expect(events.map((event) => event.actor)).toEqual(['slack:U0RECRUIT']);
    expect(interview.organizerSlackUserId).toBe('U0RECRUIT');
  });

  it('refuses a time in the past and stores nothing', async () => {
    await expect(
      scheduleInterview(domain.context, { input: input({ scheduledTime: '2030-03-04T09:00:00Z' }), actor: { kind: 'api' } }),
    ).rejects.toBeInstanceOf(InputValidationError);
    expect(await count(Interview)).toBe(0);
    expect(await count(DeliveryJob)).toBe(0);
    expect(await count(InterviewEvent)).toBe(0);
  });

  it('refuses a time more than a year ahead', async () => {
    await expect(
      scheduleInterview(domain.context, { input: input({ scheduledTime: '2031-06-01T09:00:00Z' }), actor: { kind: 'api' } }),
    ).rejects.toThrow(/more than 365 days/);
  });
});

describe('booking an availability slot', () => {
  async function offerSlot(startsAt = '2030-03-06T09:00:00Z') {
    const [slot] = await addAvailabilitySlots(domain.context, {
      slots: [{ startsAt: new Date(startsAt), durationMinutes: 30, interviewer: 'U0INTERVIEW' }],
      actor: { kind: 'api' },
    });
    return slot;
  }

  it('starts the interview at the slot and takes the slot’s length', async () => {
    const slot = await offerSlot();
    const { interview } = await scheduleInterview(domain.context, { input: input({ slotId: slot.id }), actor: { kind: 'api' } });
    expect(interview.scheduledTime).toEqual(slot.startsAt);
    expect(interview.durationMinutes).toBe(30);
    const stored = await domain.database.read((manager) => manager.findOneByOrFail(AvailabilitySlot, { id: slot.id }));
    expect(stored.bookedInterviewId).toBe(interview.id);
  });

  it('lets a slot be booked only once', async () => {
    const slot = await offerSlot();
    await scheduleInterview(domain.context, { input: input({ slotId: slot.id }), actor: { kind: 'api' } });
    await expect(
      scheduleInterview(domain.context, { input: input({ slotId: slot.id, candidateEmail: 'other@example.com' }), actor: { kind: 'api' } }),
    ).rejects.toThrow(/just booked by someone else/);
    expect(await count(Interview)).toBe(1);
  });

  it('books a slot once when two recruiters try at the same moment', async () => {
    const slot = await offerSlot();
    const attempts = await Promise.allSettled(
      ['a@example.com', 'b@example.com', 'c@example.com'].map((candidateEmail) =>
        scheduleInterview(domain.context, { input: input({ slotId: slot.id, candidateEmail }), actor: { kind: 'api' } }),
      ),
    );
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    expect(await count(Interview)).toBe(1);
  });

  it('refuses a time that disagrees with the chosen slot', async () => {
    const slot = await offerSlot();
    await expect(
      scheduleInterview(domain.context, {
        input: input({ slotId: slot.id, scheduledTime: '2030-03-06T10:00:00Z' }),
        actor: { kind: 'api' },
      }),
    ).rejects.toThrow(/does not match the chosen availability slot/);
  });

  it('refuses an unknown slot', async () => {
    await expect(
      scheduleInterview(domain.context, { input: input({ slotId: '00000000-0000-4000-8000-000000000000' }), actor: { kind: 'api' } }),
    ).rejects.toThrow(/No availability slot/);
  });

  it('makes the slot’s interviewer an interviewer of the interview, once', async () => {
    const slot = await offerSlot();
    const { interview } = await scheduleInterview(domain.context, {
      input: input({ slotId: slot.id, interviewers: ['ada@example.com'] }),
      actor: { kind: 'api' },
    });
    expect(interview.interviewers).toEqual([{ email: 'ada@example.com' }, { slackUserId: 'U0INTERVIEW' }]);
    const other = await offerSlot('2030-03-07T09:00:00Z');
    const again = await scheduleInterview(domain.context, {
      input: input({ slotId: other.id, interviewers: ['U0INTERVIEW'], candidateEmail: 'k@example.com' }),
      actor: { kind: 'api' },
    });
    expect(again.interview.interviewers).toEqual([{ slackUserId: 'U0INTERVIEW' }]);
  });

  it('names a bad email, a past time and an unknown slot in one answer', async () => {
    await expect(
      scheduleInterview(domain.context, {
        input: input({ candidateEmail: 'bad', scheduledTime: '2001-01-01T00:00:00Z', slotId: '00000000-0000-4000-8000-000000000000' }),
        actor: { kind: 'api' },
      }),
    ).rejects.toMatchObject({
      problems: [
        { field: 'candidateEmail', message: 'Enter a valid email address, like jane@example.com.' },
        { field: 'scheduledTime', message: 'This time is in the past. Pick a time from now on.' },
        { field: 'slotId', message: 'No availability slot with that id.' },
      ],
    });
    expect(await count(Interview)).toBe(0);
  });

  it('refuses a slot that has already started', async () => {
    const slot = await offerSlot('2030-03-04T11:00:00Z');
    domain.setNow(new Date('2030-03-04T12:00:00Z'));
    await expect(scheduleInterview(domain.context, { input: input({ slotId: slot.id }), actor: { kind: 'api' } })).rejects.toMatchObject({
      problems: [{ field: 'slotId', message: expect.stringContaining('in the past') }],
    });
  });

  it('names a slot that has begun beside a bad email', async () => {
    const slot = await offerSlot('2030-03-04T11:00:00Z');
    domain.setNow(new Date('2030-03-04T12:00:00Z'));
    await expect(
      scheduleInterview(domain.context, { input: input({ candidateEmail: 'bad', slotId: slot.id }), actor: { kind: 'api' } }),
    ).rejects.toMatchObject({
      problems: [{ field: 'candidateEmail' }, { field: 'slotId', message: expect.stringContaining('in the past') }],
    });
  });

  it('names a time that is not the slot’s start beside a bad email', async () => {
    const slot = await offerSlot('2030-03-05T11:00:00Z');
    await expect(
      scheduleInterview(domain.context, {
        input: input({ candidateEmail: 'bad', slotId: slot.id, scheduledTime: '2030-03-05T15:00:00Z' }),
        actor: { kind: 'api' },
      }),
    ).rejects.toMatchObject({ problems: [{ field: 'candidateEmail' }, { field: 'scheduledTime' }] });
    expect(await count(Interview)).toBe(0);
  });
});

describe('offering availability', () => {
  const window = (startsAt: string, interviewer = 'U0INTERVIEW', durationMinutes = 30) => ({
    startsAt: new Date(startsAt),
    durationMinutes,
    interviewer,
  });

  it('adds a window already offered only once, whether sent twice at once or again later', async () => {
    const first = await addAvailabilitySlots(domain.context, {
      slots: [window('2030-03-06T09:00:00Z'), window('2030-03-06T09:00:00Z'), window('2030-03-06T10:00:00Z')],
      actor: { kind: 'api' },
    });
    expect(new Set(first.map((slot) => slot.id)).size).toBe(2);
    const again = await addAvailabilitySlots(domain.context, {
      slots: [window('2030-03-06T10:00:00Z'), window('2030-03-06T11:00:00Z')],
      actor: { kind: 'api' },
    });
    expect(again[0].id).toBe(first[2].id);
    expect(await domain.database.read((manager) => manager.count(AvailabilitySlot))).toBe(3);
  });

  it('lists a slot as open until the second it starts, within its own workspace only', async () => {
    const startsAt = new Date('2030-03-05T09:00:00Z');
    const [slot] = await addAvailabilitySlots(domain.context, {
      slots: [{ ...window('2030-03-05T09:00:00Z'), slackWorkspace: { teamId: 'TEDGE' } }],
      actor: { kind: 'api' },
    });
    const openAt = async (instant: Date, teamId: string) => {
      domain.setNow(instant);
      return (await listOpenSlots(domain.context, { kind: 'team', teamId })).map((open) => open.id);
    };
    expect(await openAt(new Date(startsAt.getTime() - 1), 'TEDGE')).toEqual([slot.id]);
    expect(await openAt(new Date(startsAt.getTime() - 1), 'TOTHER')).toEqual([]);
    expect(await openAt(startsAt, 'TEDGE')).toEqual([]);
    expect(await listOpenSlots({ ...domain.context, now: () => new Date(startsAt.getTime() - 1) }, { kind: 'everything' })).toHaveLength(1);
    const [orgSlot] = await addAvailabilitySlots(domain.context, {
      slots: [{ ...window('2030-03-06T09:00:00Z'), slackWorkspace: { teamId: 'TORG', enterpriseId: 'EORG' } }],
      actor: { kind: 'api' },
    });
    domain.setNow(new Date('2030-03-05T10:00:00Z'));
    expect((await listOpenSlots(domain.context, { kind: 'organization', enterpriseId: 'EORG' })).map((open) => open.id)).toEqual([
      orgSlot.id,
    ]);
    expect(await listOpenSlots(domain.context, { kind: 'organization', enterpriseId: 'EOTHER' })).toEqual([]);
  });

  it('keeps apart what is not the same offer: another interviewer, another length, or a window already booked', async () => {
    const [booked] = await addAvailabilitySlots(domain.context, { slots: [window('2030-03-07T09:00:00Z')], actor: { kind: 'api' } });
    await scheduleInterview(domain.context, { input: input({ slotId: booked.id }), actor: { kind: 'api' } });
    const others = await addAvailabilitySlots(domain.context, {
      slots: [window('2030-03-07T09:00:00Z'), window('2030-03-07T09:00:00Z', 'U0OTHER'), window('2030-03-07T09:00:00Z', 'U0INTERVIEW', 45)],
      actor: { kind: 'api' },
    });
    expect(new Set([booked.id, ...others.map((slot) => slot.id)]).size).toBe(4);
  });
});

describe('retried requests', () => {
  it('return the interview the first request created, without a second invitation', async () => {
    const first = await scheduleInterview(domain.context, { input: input(), actor: { kind: 'api' }, idempotencyKey: 'api:abc' });
    const second = await scheduleInterview(domain.context, { input: input(), actor: { kind: 'api' }, idempotencyKey: 'api:abc' });
    expect(second).toEqual({ interview: expect.objectContaining({ id: first.interview.id }), created: false });
    expect(await count(Interview)).toBe(1);
    expect(await count(DeliveryJob)).toBe(1);
  });

  it('create one interview when the same request arrives twice at once', async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() => scheduleInterview(domain.context, { input: input(), actor: { kind: 'api' }, idempotencyKey: 'api:same' })),
    );
    expect(new Set(results.map((result) => result.interview.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await count(DeliveryJob)).toBe(1);
  });

  it('return the first interview even once its time has passed or its slot is taken', async () => {
    const [slot] = await addAvailabilitySlots(domain.context, {
      slots: [{ startsAt: new Date('2030-03-04T12:00:00Z'), durationMinutes: 30, interviewer: 'U0INTERVIEW' }],
      actor: { kind: 'api' },
    });
    const first = await scheduleInterview(domain.context, {
      input: input({ slotId: slot.id }),
      actor: { kind: 'api' },
      idempotencyKey: 'api:late',
    });
    domain.setNow(new Date('2030-03-04T13:00:00Z'));
    const retry = await scheduleInterview(domain.context, {
      input: input({ slotId: slot.id }),
      actor: { kind: 'api' },
      idempotencyKey: 'api:late',
    });
    expect(retry).toEqual({ interview: expect.objectContaining({ id: first.interview.id }), created: false });
  });

  it('refuse a different request that reuses the key', async () => {
    await scheduleInterview(domain.context, { input: input(), actor: { kind: 'api' }, idempotencyKey: 'api:abc' });
    await expect(
      scheduleInterview(domain.context, { input: input({ role: 'Designer' }), actor: { kind: 'api' }, idempotencyKey: 'api:abc' }),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
  });
});
