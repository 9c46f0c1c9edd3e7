import { AvailabilitySlot } from '../../src/domain/slots/AvailabilitySlot';
import { EVERY_WORKSPACE } from '../../src/domain/shared/slackWorkspaces';
import { BookingRequest } from '../../src/domain/bookings/BookingRequest';
import { DeliveryJob, DeliveryKind } from '../../src/domain/deliveries/DeliveryJob';
import { Interview } from '../../src/domain/interviews/Interview';
import { InterviewEvent } from '../../src/domain/interviews/InterviewEvent';
import { addAvailabilitySlots } from '../../src/domain/slots/addAvailabilitySlots';
import { bookOfferedSlot, type BookingAttempt } from '../../src/domain/bookings/bookOfferedSlot';
import { expireBookingRequest } from '../../src/domain/bookings/expireBookingRequest';
import { findBookingOfferByToken, findBookingRequestById } from '../../src/domain/bookings/bookingRequestQueries';
import { BookingRequestStatus } from '../../src/domain/bookings/bookingRequestStatus';
import { cancelBookingRequest } from '../../src/domain/bookings/cancelBookingRequest';
import {
  BookingRequestClosedError,
  IdempotencyConflictError,
  InputValidationError,
  NotAllowedError,
  RepeatedTooSoonError,
} from '../../src/domain/shared/errors';
import { InterviewStatus } from '../../src/domain/interviews/interviewStatus';
import { requestCandidateBooking } from '../../src/domain/bookings/requestCandidateBooking';
import { resendBookingLink } from '../../src/domain/bookings/resendBookingLink';
import { scheduleInterview } from '../../src/domain/interviews/scheduleInterview';
import { openTestDomain, type TestDomain } from '../support/testDatabase';

const now = new Date('2030-03-04T10:02:30.000Z');
const HOUR = 3_600_000;
let domain: TestDomain;

beforeEach(async () => {
  domain = await openTestDomain({ now });
});
afterEach(async () => {
  await domain.close();
});

const api = { kind: 'api' } as const;

async function offerSlots(starts: string[], interviewer = 'U0ADA'): Promise<AvailabilitySlot[]> {
  return addAvailabilitySlots(domain.context, {
    slots: starts.map((startsAt) => ({ startsAt: new Date(startsAt), durationMinutes: 30, interviewer })),
    actor: api,
  });
}

const input = (slotIds: string[], raw: Record<string, unknown> = {}) => ({
  candidateName: 'Jane Doe',
  candidateEmail: 'jane@example.com',
  role: 'Backend Engineer',
  timezone: 'Europe/Berlin',
  channelId: 'C0HIRING',
  slotIds,
  ...raw,
});

async function request(
  slotIds: string[],
  raw: Record<string, unknown> = {},
  actor: Parameters<typeof requestCandidateBooking>[1]['actor'] = api,
) {
  return (await requestCandidateBooking(domain.context, { input: input(slotIds, raw), actor })).offer.request;
}

const jobsOf = (bookingRequestId: string) =>
  domain.database.read((manager) => manager.find(DeliveryJob, { where: { bookingRequestId }, order: { createdAt: 'ASC' } }));
const count = (entity: typeof Interview | typeof BookingRequest | typeof DeliveryJob) =>
  domain.database.read((manager) => manager.count(entity));
const booked = (attempt: BookingAttempt) => {
  if (attempt.outcome !== 'booked') throw new Error(`Expected a booking, got ${attempt.outcome}`);
  return attempt.interview;
};

describe('asking a candidate to pick a slot', () => {
  it('stores an open request with a 128-bit link that expires after 72 hours, and no interview yet', async () => {
    const slots = await offerSlots(['2030-03-05T09:00:00Z', '2030-03-06T09:00:00Z']);
    const { offer, created } = await requestCandidateBooking(domain.context, { input: input(slots.map((slot) => slot.id)), actor: api });
    expect(created).toBe(true);
    expect(offer.state).toBe(BookingRequestStatus.Open);
    expect(offer.request.token).toMatch(/^[0-9a-f]{32}$/);
    expect(offer.request.bookingLink).toBe(`https://hire.example.com/book/?token=${offer.request.token}`);
    expect(offer.request.expiresAt).toEqual(new Date(now.getTime() + 72 * HOUR));
    expect(offer.openSlots.map((slot) => slot.id)).toEqual(slots.map((slot) => slot.id));
    expect(await count(Interview)).toBe(0);
  });

  it('queues the candidate’s email and the channel message at once, the nudge halfway and the expiry at the deadline', async () => {
    const slots = await offerSlots(['2030-03-05T09:00:00Z', '2030-03-10T09:00:00Z']);
    const stored = await request(slots.map((slot) => slot.id));
    const jobs = await jobsOf(stored.id);
    expect(jobs.map((job) => [job.kind, job.payload, job.nextAttemptAt.toISOString(), job.interviewId])).toEqual([
      [DeliveryKind.BookingLinkEmail, { reason: 'request' }, now.toISOString(), null],
      [DeliveryKind.BookingRequestPost, null, now.toISOString(), null],
      [DeliveryKind.BookingLinkEmail, { reason: 'nudge' }, new Date(now.getTime() + 36 * HOUR).toISOString(), null],
      [DeliveryKind.BookingRequestExpiry, null, stored.expiresAt.toISOString(), null],
    ]);
    expect(domain.wakeCount()).toBe(1);
  });

  it('moves the deadline to the latest slot’s start when that comes before the link expires', async () => {
    const slots = await offerSlots(['2030-03-04T12:00:00Z', '2030-03-04T14:02:30Z']);
    const stored = await request(
      slots.map((slot) => slot.id),
      { channelId: undefined },
    );
    const jobs = await jobsOf(stored.id);
    expect(jobs.map((job) => [job.kind, job.nextAttemptAt.toISOString()])).toEqual([
      [DeliveryKind.BookingLinkEmail, now.toISOString()],
      [DeliveryKind.BookingLinkEmail, '2030-03-04T12:02:30.000Z'],
      [DeliveryKind.BookingRequestExpiry, '2030-03-04T14:02:30.000Z'],
    ]);
  });

  it('uses BOOKING_LINK_EXPIRES_HOURS from the context', async () => {
    domain.context.bookingLinkExpiresHours = 24;
    const [slot] = await offerSlots(['2030-03-09T09:00:00Z']);
    expect((await request([slot.id])).expiresAt).toEqual(new Date(now.getTime() + 24 * HOUR));
  });

  it('checks the candidate by the interview’s rules and names every bad field at once, storing nothing', async () => {
    await expect(
      requestCandidateBooking(domain.context, {
        input: input(['not-a-slot'], { candidateName: '  ', candidateEmail: 'jane@', timezone: 'Mars/Base' }),
        actor: api,
      }),
    ).rejects.toMatchObject({
      problems: [
        { field: 'candidateName', message: 'Candidate name is required.' },
        { field: 'candidateEmail', message: 'Enter a valid email address, like jane@example.com.' },
        { field: 'timezone', message: 'Use a time zone name like Europe/Berlin or America/New_York.' },
        { field: 'slotIds', message: 'Slot id is not a valid slot id.' },
      ],
    });
    expect(await count(BookingRequest)).toBe(0);
    expect(await count(DeliveryJob)).toBe(0);
  });

  it.each([
    ['no slots', undefined, 'Pick at least one slot for the candidate to choose from.'],
    ['an empty list', [], 'Pick at least one slot for the candidate to choose from.'],
    ['something else than a list', 'abc', 'Send slotIds as a list of slot ids.'],
  ])('refuses %s', async (_what, slotIds, message) => {
    await expect(requestCandidateBooking(domain.context, { input: input([], { slotIds }), actor: api })).rejects.toMatchObject({
      problems: [{ field: 'slotIds', message }],
    });
  });

  it('offers at most 20 slots', async () => {
    const starts = Array.from({ length: 21 }, (_, index) => new Date(Date.parse('2030-03-05T09:00:00Z') + index * HOUR).toISOString());
    const slots = await offerSlots(starts);
    await expect(request(slots.map((slot) => slot.id))).rejects.toMatchObject({
      problems: [{ field: 'slotIds', message: 'Offer at most 20 slots.' }],
    });
    expect((await request(slots.slice(0, 20).map((slot) => slot.id))).status).toBe(BookingRequestStatus.Open);
  });

  it('refuses a time given as well as slots, on the offered slots', async () => {
    const [slot] = await offerSlots(['2030-03-05T09:00:00Z']);
    await expect(request([slot.id], { scheduledTime: '2030-03-05T09:00:00Z' })).rejects.toThrow(
      'slotIds: Either set the time yourself or let the candidate choose from slots, not both.',
    );
    await expect(request([slot.id], { slotId: slot.id })).rejects.toMatchObject({ problems: [{ field: 'slotIds' }] });
  });

  it('refuses an unknown, a booked or a past slot, saying which of the slots', async () => {
    const [past, free, taken] = await offerSlots(['2030-03-04T11:00:00Z', '2030-03-05T09:00:00Z', '2030-03-06T09:00:00Z']);
    await scheduleInterview(domain.context, {
      input: { candidateName: 'Other', candidateEmail: 'o@example.com', slotId: taken.id },
      actor: api,
    });
    await expect(request([free.id, taken.id])).rejects.toMatchObject({
      problems: [{ field: 'slotIds', message: 'Slot 2 of 2: That slot was just booked by someone else. Pick another slot.' }],
    });
    await expect(request(['00000000-0000-4000-8000-000000000000'])).rejects.toMatchObject({
      problems: [{ field: 'slotIds', message: 'No availability slot with that id.' }],
    });
    domain.setNow(new Date('2030-03-04T11:30:00Z'));
    await expect(request([past.id])).rejects.toThrow('slotIds: This slot is in the past.');
    expect(await count(BookingRequest)).toBe(0);
  });

  it('answers a retry with the first request, and refuses the same key for a different request', async () => {
    const [slot] = await offerSlots(['2030-03-05T09:00:00Z']);
    const first = await requestCandidateBooking(domain.context, { input: input([slot.id]), actor: api, idempotencyKey: 'api:k' });
    const again = await requestCandidateBooking(domain.context, { input: input([slot.id]), actor: api, idempotencyKey: 'api:k' });
    expect(again).toMatchObject({ created: false, offer: { request: { id: first.offer.request.id } } });
    await expect(
      requestCandidateBooking(domain.context, {
        input: input([slot.id], { candidateName: 'Someone Else' }),
        actor: api,
        idempotencyKey: 'api:k',
      }),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(await count(BookingRequest)).toBe(1);
  });

  it('keeps the names the people directory knows, for the candidate to read, and drops unfit ones', async () => {
    domain.context.peopleDirectory = {
      displayNames: async (_workspace, ids) =>
        new Map(ids.map((id) => [id, id === 'U0ADA' ? 'Ada Lovelace' : id === 'U0GRACE' ? 'Grace\u202eHopper' : 'Unused'])),
    };
    const [slot] = await offerSlots(['2030-03-05T09:00:00Z']);
    const stored = await request([slot.id], { interviewers: ['U0GRACE', 'lin@example.com'] });
    expect(stored.interviewers).toEqual([{ slackUserId: 'U0GRACE' }, { email: 'lin@example.com' }]);
    const offer = await findBookingOfferByToken(domain.context, stored.token);
    expect(offer!.openSlots[0].interviewerName).toBe('Ada Lovelace');
  });
});

describe('the candidate picking a slot', () => {
  it('creates the interview through scheduleInterview’s path: the slot’s start, a key, a link, the invitation, the slot booked', async () => {
    const slots = await offerSlots(['2030-03-05T09:00:00Z', '2030-03-06T09:00:00Z']);
    const stored = await request(
      slots.map((slot) => slot.id),
      {},
      { kind: 'slack', userId: 'U0RECRUIT', scope: EVERY_WORKSPACE },
    );
    const interview = booked(await bookOfferedSlot(domain.context, { token: stored.token, slotId: slots[1].id }));
    expect(interview).toMatchObject({
      scheduledTime: slots[1].startsAt,
      durationMinutes: 30,
      status: InterviewStatus.Scheduled,
      candidateEmail: 'jane@example.com',
      timezone: 'Europe/Berlin',
      organizerSlackUserId: 'U0RECRUIT',
      slotId: slots[1].id,
      idempotencyKey: `booking:${stored.id}`,
      interviewers: [{ slackUserId: 'U0ADA' }],
    });
    expect(interview.joinLink).toBe(`https://hire.example.com/interview/?session_key=${interview.sessionKey}`);
    const slot = await domain.database.read((manager) => manager.findOneByOrFail(AvailabilitySlot, { id: slots[1].id }));
    expect(slot.bookedInterviewId).toBe(interview.id);
    const interviewJobs = await domain.database.read((manager) => manager.findBy(DeliveryJob, { interviewId: interview.id }));
    expect(interviewJobs.map((job) => job.kind).sort()).toEqual(
      [
        DeliveryKind.CandidateInvitation,
        DeliveryKind.ChannelPost,
        DeliveryKind.InterviewerInvitation,
        DeliveryKind.InterviewerNotice,
      ].sort(),
    );
    const events = await domain.database.read((manager) => manager.findBy(InterviewEvent, { interviewId: interview.id }));
    expect(events.map((event) => [event.type, event.actor])).toEqual([['scheduled', 'candidate']]);
    const after = await findBookingRequestById(domain.context, stored.id);
    expect(after).toMatchObject({
      state: BookingRequestStatus.Booked,
      request: { interviewId: interview.id, closedBy: 'candidate' },
      openSlots: [],
    });
    const replies = (await jobsOf(stored.id)).filter((job) => job.kind === DeliveryKind.BookingRequestThreadReply);
    expect(replies.map((job) => job.payload)).toEqual([{ event: 'booked', startsAt: '2030-03-06T09:00:00.000Z' }]);
  });

  it('takes over the request’s channel message instead of posting another', async () => {
    const [slot] = await offerSlots(['2030-03-05T09:00:00Z']);
    const stored = await request([slot.id]);
    await domain.database.transaction((manager) =>
      manager.update(BookingRequest, { id: stored.id }, { slackMessageChannelId: 'C0HIRING', slackMessageTs: '1800000000.000100' }),
    );
    const interview = booked(await bookOfferedSlot(domain.context, { token: stored.token, slotId: slot.id }));
    expect(interview).toMatchObject({ slackMessageChannelId: 'C0HIRING', slackMessageTs: '1800000000.000100' });
    const kinds = (await domain.database.read((manager) => manager.findBy(DeliveryJob, { interviewId: interview.id }))).map(
      (job) => job.kind,
    );
    expect(kinds).toContain(DeliveryKind.ChannelMessageUpdate);
    expect(kinds).not.toContain(DeliveryKind.ChannelPost);
  });

  it('names the interviewers as the request knew them', async () => {
    domain.context.peopleDirectory = { displayNames: async () => new Map([['U0ADA', 'Ada Lovelace']]) };
    const [slot] = await offerSlots(['2030-03-05T09:00:00Z']);
    const stored = await request([slot.id]);
    const interview = booked(await bookOfferedSlot(domain.context, { token: stored.token, slotId: slot.id }));
    expect(interview.interviewers).toEqual([{ slackUserId: 'U0ADA', name: 'Ada Lovelace' }]);
  });

  it('makes one interview of a double submit', async () => {
    const [slot] = await offerSlots(['2030-03-05T09:00:00Z']);
    const stored = await request([slot.id]);
    const attempts = await Promise.all([1, 2, 3].map(() => bookOfferedSlot(domain.context, { token: stored.token, slotId: slot.id })));
    expect(new Set(attempts.map((attempt) => booked(attempt).id)).size).toBe(1);
    expect(attempts.filter((attempt) => attempt.outcome === 'booked' && attempt.created)).toHaveLength(1);
    expect(await count(Interview)).toBe(1);
  });

  it('gives exactly one of twenty candidates racing for one slot an interview', async () => {
    const [slot] = await offerSlots(['2030-03-05T09:00:00Z']);
    const requests = [];
    for (let index = 0; index < 20; index += 1) requests.push(await request([slot.id], { candidateEmail: `c${index}@example.com` }));
    const attempts = await Promise.all(requests.map((each) => bookOfferedSlot(domain.context, { token: each.token, slotId: slot.id })));
    expect(attempts.filter((attempt) => attempt.outcome === 'booked')).toHaveLength(1);
    expect(attempts.filter((attempt) => attempt.outcome === 'closed')).toHaveLength(19);
    expect(await count(Interview)).toBe(1);
  });

  it('shows what is left when the slot was taken elsewhere, and drops it from every offer', async () => {
    const [first, second] = await offerSlots(['2030-03-05T09:00:00Z', '2030-03-06T09:00:00Z']);
    const mine = await request([first.id, second.id]);
    const theirs = await request([first.id], { candidateEmail: 'other@example.com' });
    booked(await bookOfferedSlot(domain.context, { token: theirs.token, slotId: first.id }));
    const attempt = await bookOfferedSlot(domain.context, { token: mine.token, slotId: first.id });
    expect(attempt).toMatchObject({ outcome: 'slot_taken', offer: { state: BookingRequestStatus.Open, openSlots: [{ id: second.id }] } });
    expect(await count(Interview)).toBe(1);
  });

  it('expires at once a request whose last slot was booked elsewhere, and tells its channel', async () => {
    const [slot] = await offerSlots(['2030-03-05T09:00:00Z']);
    const left = await request([slot.id]);
    await scheduleInterview(domain.context, {
      input: { candidateName: 'Other', candidateEmail: 'o@example.com', slotId: slot.id },
      actor: api,
    });
    const stored = await domain.database.read((manager) => manager.findOneByOrFail(BookingRequest, { id: left.id }));
    expect(stored).toMatchObject({ status: BookingRequestStatus.Expired, closedBy: 'system', closedAt: now });
    const jobs = (await jobsOf(left.id)).filter((job) => job.kind === DeliveryKind.BookingRequestThreadReply);
    expect(jobs.map((job) => job.payload)).toEqual([{ event: 'expired', reason: 'no_slot_left' }]);
    expect(await bookOfferedSlot(domain.context, { token: left.token, slotId: slot.id })).toMatchObject({
      outcome: 'closed',
      offer: { state: BookingRequestStatus.Expired },
    });
  });

  it('closes for good a request still stored open when its candidate finds nothing left to pick', async () => {
    // On PostgreSQL the winner passes over a request whose own candidate has it locked at that
    // moment; that candidate's transaction then finds the slot gone and must close it itself.
    const [slot] = await offerSlots(['2030-03-05T09:00:00Z']);
    const winner = await request([slot.id], { candidateEmail: 'winner@example.com' });
    const passedOver = await request([slot.id]);
    booked(await bookOfferedSlot(domain.context, { token: winner.token, slotId: slot.id }));
    await domain.database.transaction((manager) =>
      manager.update(BookingRequest, { id: passedOver.id }, { status: BookingRequestStatus.Open, closedAt: null, closedBy: null }),
    );
    await domain.database.transaction((manager) =>
      manager.delete(DeliveryJob, { bookingRequestId: passedOver.id, kind: DeliveryKind.BookingRequestThreadReply }),
    );

    expect(await bookOfferedSlot(domain.context, { token: passedOver.token, slotId: slot.id })).toMatchObject({
      outcome: 'closed',
      offer: { state: BookingRequestStatus.Expired },
    });
    const stored = await domain.database.read((manager) => manager.findOneByOrFail(BookingRequest, { id: passedOver.id }));
    expect(stored).toMatchObject({ status: BookingRequestStatus.Expired, closedBy: 'system', closedAt: now });
    const replies = (await jobsOf(passedOver.id)).filter((job) => job.kind === DeliveryKind.BookingRequestThreadReply);
    expect(replies.map((job) => job.payload)).toEqual([{ event: 'expired', reason: 'no_slot_left' }]);
  });

  it('refuses a slot the link never offered, and a missing one, without booking', async () => {
    const [offered, other] = await offerSlots(['2030-03-05T09:00:00Z', '2030-03-06T09:00:00Z']);
    const stored = await request([offered.id]);
    for (const slotId of [other.id, undefined, 'nonsense', ['x']]) {
      expect(await bookOfferedSlot(domain.context, { token: stored.token, slotId })).toMatchObject({ outcome: 'not_offered' });
    }
    expect(await count(Interview)).toBe(0);
  });

  it('opens nothing for an unknown, malformed or long-closed token', async () => {
    const [slot] = await offerSlots(['2030-03-05T09:00:00Z']);
    const stored = await request([slot.id]);
    for (const token of ['0'.repeat(32), 'nope', undefined, [stored.token]]) {
      expect(await bookOfferedSlot(domain.context, { token, slotId: slot.id })).toEqual({ outcome: 'unknown' });
    }
    domain.setNow(new Date(stored.expiresAt.getTime() + 31 * 24 * HOUR));
    expect(await bookOfferedSlot(domain.context, { token: stored.token, slotId: slot.id })).toEqual({ outcome: 'unknown' });
    expect(await findBookingOfferByToken(domain.context, stored.token)).toBeNull();
  });

  it('refuses a pick once the link has expired or was withdrawn', async () => {
    const [slot] = await offerSlots(['2030-03-09T09:00:00Z']);
    const expiring = await request([slot.id]);
    const withdrawn = await request([slot.id], { candidateEmail: 'w@example.com' });
    await cancelBookingRequest(domain.context, { bookingRequestId: withdrawn.id, actor: api });
    expect(await bookOfferedSlot(domain.context, { token: withdrawn.token, slotId: slot.id })).toMatchObject({
      outcome: 'closed',
      offer: { state: BookingRequestStatus.Cancelled },
    });
    domain.setNow(expiring.expiresAt);
    expect(await bookOfferedSlot(domain.context, { token: expiring.token, slotId: slot.id })).toMatchObject({
      outcome: 'closed',
      offer: { state: BookingRequestStatus.Expired },
    });
    expect(await count(Interview)).toBe(0);
  });

  it('answers another pick after booking with the booked interview’s request, closed', async () => {
    const [first, second] = await offerSlots(['2030-03-05T09:00:00Z', '2030-03-06T09:00:00Z']);
    const stored = await request([first.id, second.id]);
    const interview = booked(await bookOfferedSlot(domain.context, { token: stored.token, slotId: first.id }));
    expect(await bookOfferedSlot(domain.context, { token: stored.token, slotId: second.id })).toMatchObject({
      outcome: 'closed',
      offer: { state: BookingRequestStatus.Booked, interview: { id: interview.id } },
    });
  });
});

describe('withdrawing a booking link', () => {
  it('closes it and tells the channel who withdrew it', async () => {
    const [slot] = await offerSlots(['2030-03-05T09:00:00Z']);
    const stored = await request([slot.id], {}, { kind: 'slack', userId: 'U0RECRUIT', scope: EVERY_WORKSPACE });
    const result = await cancelBookingRequest(domain.context, {
      bookingRequestId: stored.id,
      actor: { kind: 'slack', userId: 'U0RECRUIT', scope: EVERY_WORKSPACE },
    });
    expect(result).toMatchObject({
      changed: true,
      offer: { state: BookingRequestStatus.Cancelled, request: { closedBy: 'slack:U0RECRUIT' } },
    });
    const jobs = (await jobsOf(stored.id)).filter((job) => job.createdAt.getTime() === now.getTime()).slice(-2);
    expect(jobs.map((job) => [job.kind, job.payload])).toEqual([
      [DeliveryKind.BookingRequestMessageUpdate, null],
      [DeliveryKind.BookingRequestThreadReply, { event: 'cancelled', by: { kind: 'slack', userId: 'U0RECRUIT' } }],
    ]);
    const again = await cancelBookingRequest(domain.context, { bookingRequestId: stored.id, actor: api });
    expect(again.changed).toBe(false);
  });

  it('is allowed to the sender and the interviewers whose slots it offers, no one else', async () => {
    const [slot] = await offerSlots(['2030-03-05T09:00:00Z']);
    const stored = await request([slot.id], {}, { kind: 'slack', userId: 'U0RECRUIT', scope: EVERY_WORKSPACE });
    await expect(
      cancelBookingRequest(domain.context, {
        bookingRequestId: stored.id,
        actor: { kind: 'slack', userId: 'U0NOSY', scope: EVERY_WORKSPACE },
      }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    await expect(
      cancelBookingRequest(domain.context, {
        bookingRequestId: stored.id,
        actor: { kind: 'slack', userId: 'U0ADA', scope: EVERY_WORKSPACE },
      }),
    ).resolves.toMatchObject({
      changed: true,
    });
  });

  it('is refused once the candidate booked', async () => {
    const [slot] = await offerSlots(['2030-03-05T09:00:00Z']);
    const stored = await request([slot.id]);
    booked(await bookOfferedSlot(domain.context, { token: stored.token, slotId: slot.id }));
    await expect(cancelBookingRequest(domain.context, { bookingRequestId: stored.id, actor: api })).rejects.toThrow(
      BookingRequestClosedError,
    );
    await expect(cancelBookingRequest(domain.context, { bookingRequestId: stored.id, actor: api })).rejects.toThrow(
      /Cancel the interview instead/,
    );
  });
});

describe('resending a booking link', () => {
  it('emails the same link again and tells the thread, but not twice within a minute', async () => {
    const [slot] = await offerSlots(['2030-03-05T09:00:00Z']);
    const stored = await request([slot.id]);
    await expect(resendBookingLink(domain.context, { bookingRequestId: stored.id, actor: api })).rejects.toBeInstanceOf(
      RepeatedTooSoonError,
    );
    domain.setNow(new Date(now.getTime() + 61_000));
    await resendBookingLink(domain.context, { bookingRequestId: stored.id, actor: api });
    const jobs = (await jobsOf(stored.id)).filter((job) => job.createdAt.getTime() === now.getTime() + 61_000);
    expect(jobs.map((job) => [job.kind, job.payload])).toEqual([
      [DeliveryKind.BookingLinkEmail, { reason: 'resend' }],
      [DeliveryKind.BookingRequestThreadReply, { event: 'link_resent', by: api }],
    ]);
  });

  it('is refused once the link no longer books', async () => {
    const [slot] = await offerSlots(['2030-03-05T09:00:00Z']);
    const stored = await request([slot.id]);
    await cancelBookingRequest(domain.context, { bookingRequestId: stored.id, actor: api });
    domain.setNow(new Date(now.getTime() + 61_000));
    await expect(resendBookingLink(domain.context, { bookingRequestId: stored.id, actor: api })).rejects.toThrow(
      /cancelled; there is nothing to resend/,
    );
  });

  it('is refused for an unknown request', async () => {
    await expect(resendBookingLink(domain.context, { bookingRequestId: 'nope', actor: api })).rejects.toThrow(
      'No booking request with that id.',
    );
  });
});

describe('the expiry job', () => {
  it('closes an unbooked request at its deadline and tells its channel', async () => {
    const [slot] = await offerSlots(['2030-03-09T09:00:00Z']);
    const stored = await request([slot.id]);
    domain.setNow(new Date(stored.expiresAt.getTime() - 1));
    expect(await expireBookingRequest(domain.context, stored.id)).toEqual({ outcome: 'still_open' });
    domain.setNow(stored.expiresAt);
    expect(await expireBookingRequest(domain.context, stored.id)).toEqual({ outcome: 'expired' });
    const replies = (await jobsOf(stored.id)).filter((job) => job.kind === DeliveryKind.BookingRequestThreadReply);
    expect(replies.map((job) => job.payload)).toEqual([{ event: 'expired', reason: 'time_up' }]);
    expect(await expireBookingRequest(domain.context, stored.id)).toEqual({
      outcome: 'already_closed',
      status: BookingRequestStatus.Expired,
    });
  });

  it('leaves a booked request alone', async () => {
    const [slot] = await offerSlots(['2030-03-05T09:00:00Z']);
    const stored = await request([slot.id]);
    booked(await bookOfferedSlot(domain.context, { token: stored.token, slotId: slot.id }));
    domain.setNow(stored.expiresAt);
    expect(await expireBookingRequest(domain.context, stored.id)).toEqual({
      outcome: 'already_closed',
      status: BookingRequestStatus.Booked,
    });
  });
});

it('refuses bad input of any kind with a clear error', async () => {
  for (const raw of [null, 42, 'text', []]) {
    await expect(requestCandidateBooking(domain.context, { input: raw, actor: api })).rejects.toBeInstanceOf(InputValidationError);
  }
});
