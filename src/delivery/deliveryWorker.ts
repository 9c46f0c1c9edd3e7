import { BOOKING_REQUEST_DELIVERIES } from '../domain/bookings/bookingRequestDeliveryOutcomes';
import { type DeliveryJob, DeliveryKind } from '../domain/deliveries/DeliveryJob';
import type { DeliveryPayloadOf } from '../domain/deliveries/deliveryPayloads';
import type { DeliveryResult, DeliverySubjects } from '../domain/deliveries/deliverySubjects';
import { INTERVIEW_DELIVERIES } from '../domain/interviews/interviewDeliveryOutcomes';
import { MEETING_DELIVERIES } from '../domain/meetings/meetingDeliveries';
import { OutboxWorker, type OutboxKinds, type OutboxWorkerDependencies } from './outboxWorker';

export type { DeliveryWorkerSettings } from './outboxWorker';

/**
 * What each kind of delivery is about, and so which aggregate reads it, says whether a job is
 * still needed and records what its outcome changes: the one place a kind is registered. A new kind
 * (a calendar event, a meeting, a webhook) is one entry here and one handler; nothing in the
 * worker's core (outboxWorker.ts) changes.
 */
const SUBJECTS_BY_KIND = {
  [DeliveryKind.CandidateInvitation]: INTERVIEW_DELIVERIES,
  [DeliveryKind.CandidateUpdate]: INTERVIEW_DELIVERIES,
  [DeliveryKind.CandidateCancellation]: INTERVIEW_DELIVERIES,
  [DeliveryKind.ChannelPost]: INTERVIEW_DELIVERIES,
  [DeliveryKind.ChannelMessageUpdate]: INTERVIEW_DELIVERIES,
  [DeliveryKind.ThreadReply]: INTERVIEW_DELIVERIES,
  [DeliveryKind.InterviewerNotice]: INTERVIEW_DELIVERIES,
  [DeliveryKind.CandidateReminder]: INTERVIEW_DELIVERIES,
  [DeliveryKind.InterviewerReminder]: INTERVIEW_DELIVERIES,
  [DeliveryKind.NoShowAlert]: INTERVIEW_DELIVERIES,
  [DeliveryKind.InterviewerInvitation]: INTERVIEW_DELIVERIES,
  [DeliveryKind.BookingLinkEmail]: BOOKING_REQUEST_DELIVERIES,
  [DeliveryKind.BookingRequestPost]: BOOKING_REQUEST_DELIVERIES,
  [DeliveryKind.BookingRequestMessageUpdate]: BOOKING_REQUEST_DELIVERIES,
  [DeliveryKind.BookingRequestThreadReply]: BOOKING_REQUEST_DELIVERIES,
  [DeliveryKind.BookingRequestExpiry]: BOOKING_REQUEST_DELIVERIES,
  [DeliveryKind.Webhook]: INTERVIEW_DELIVERIES,
  [DeliveryKind.MeetingCreate]: MEETING_DELIVERIES,
  [DeliveryKind.MeetingMove]: MEETING_DELIVERIES,
  [DeliveryKind.MeetingDelete]: MEETING_DELIVERIES,
  [DeliveryKind.CalendarEvent]: INTERVIEW_DELIVERIES,
  [DeliveryKind.LoopInvitation]: INTERVIEW_DELIVERIES,
  [DeliveryKind.LoopUpdate]: INTERVIEW_DELIVERIES,
  [DeliveryKind.LoopCancellation]: INTERVIEW_DELIVERIES,
  [DeliveryKind.LoopChannelPost]: INTERVIEW_DELIVERIES,
  [DeliveryKind.LoopMessageUpdate]: INTERVIEW_DELIVERIES,
} as const satisfies Record<DeliveryKind, unknown>;

/**
 * Kinds tried again, with backoff, until the receiver acknowledges them, however many attempts that
 * takes (DELIVERY_MAX_ATTEMPTS does not apply): a webhook receiver that is down for a day misses nothing.
 */
const KINDS_RETRIED_UNTIL_DELIVERED: ReadonlySet<DeliveryKind> = new Set([DeliveryKind.Webhook]);

type SubjectsOf<Kind extends DeliveryKind> = (typeof SUBJECTS_BY_KIND)[Kind];

/** What a job of a kind is about: an interview, or a booking request. */
export type DeliverySubjectOf<Kind extends DeliveryKind> = Kind extends DeliveryKind
  ? SubjectsOf<Kind> extends DeliverySubjects<infer Subject, infer _Result>
    ? Subject
    : never
  : never;

/** What a handler of a kind reports: its delivery, and what it learned of what the job is about. */
export type DeliveryResultOf<Kind extends DeliveryKind> = Kind extends DeliveryKind
  ? SubjectsOf<Kind> extends DeliverySubjects<infer _Subject, infer Result>
    ? Result
    : never
  : never;

/** Delivers one job of one kind, given that kind's payload and what it is about; throws a `DeliveryError` when it cannot. */
export type DeliveryHandler<Kind extends DeliveryKind = DeliveryKind> = (
  job: DeliveryJob,
  payload: DeliveryPayloadOf<Kind>,
  subject: DeliverySubjectOf<Kind>,
) => Promise<DeliveryResultOf<Kind>>;

/** A handler per kind; a kind without one (Slack while Slack is off) is skipped. */
export type DeliveryHandlers = { [Kind in DeliveryKind]?: DeliveryHandler<Kind> };

export interface DeliveryWorkerDependencies extends Omit<OutboxWorkerDependencies, 'kinds'> {
  handlers: DeliveryHandlers;
}

/** The app's outbox worker: the core (outboxWorker.ts) given every kind, with the handlers this process has. */
export class DeliveryWorker extends OutboxWorker {
  constructor({ handlers, ...deps }: DeliveryWorkerDependencies) {
    super({ ...deps, kinds: outboxKinds(handlers) });
  }
}

function outboxKinds(handlers: DeliveryHandlers): OutboxKinds {
  const kinds: OutboxKinds = {};
  for (const kind of Object.values(DeliveryKind)) {
    // TypeScript cannot pair a kind with its handler's payload and subject across the union; the
    // registry above and `readPlannedDelivery` make the pairing, once.
    const deliver = handlers[kind] as ((job: DeliveryJob, payload: unknown, subject: unknown) => Promise<DeliveryResult>) | undefined;
    kinds[kind] = { subjects: SUBJECTS_BY_KIND[kind], deliver, retriesUntilDelivered: KINDS_RETRIED_UNTIL_DELIVERED.has(kind) };
  }
  return kinds;
}
