import { z } from 'zod';
import { actorSchema } from '../shared/actor';
import { DeliveryKind } from './DeliveryJob';

/** The three emails a candidate gets about an interview. */
export const candidateEmailReasonSchema = z.enum(['invitation', 'update', 'cancellation']);
export type CandidateEmailReason = z.infer<typeof candidateEmailReasonSchema>;

/**
 * Something that happened to an interview, told in its channel message's thread. Only facts: the
 * words are written by the Slack presenter (src/slack/messages/threadReplies.ts).
 */
const threadEventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('email_delivered'), email: candidateEmailReasonSchema }),
  z.object({ event: z.literal('email_failed'), email: candidateEmailReasonSchema, reason: z.string() }),
  z.object({ event: z.literal('rescheduled'), by: actorSchema, to: z.iso.datetime() }),
  z.object({ event: z.literal('cancelled'), by: actorSchema }),
  z.object({ event: z.literal('link_rotated'), by: actorSchema }),
  z.object({ event: z.literal('invitation_resent'), by: actorSchema }),
  /** Details other than the time were edited: which fields (API names), and for an address, the one it replaced. */
  z.object({
    event: z.literal('details_edited'),
    by: actorSchema,
    fields: z.array(z.string()),
    formerCandidateEmail: z.string().optional(),
  }),
  /** The video provider refused to make, move or delete the interview's meeting for good. */
  z.object({ event: z.literal('meeting_failed'), action: z.enum(['create', 'move', 'delete']), reason: z.string() }),
  /** Someone set the meeting's link by hand (after the provider refused, or instead of its meeting). */
  z.object({ event: z.literal('meeting_url_set'), by: actorSchema }),
  z.object({ event: z.literal('calendar_refused'), interviewer: z.string(), reason: z.string() }),
  z.object({
    event: z.literal('candidate_opened_page'),
    /** True when the channel had already been told the candidate had not turned up. */
    afterNoShowAlert: z.boolean().optional(),
  }),
]);
export type InterviewThreadEvent = z.infer<typeof threadEventSchema>;

/**
 * What a candidate's or interviewer's update email is about, so it says what changed: the time,
 * the join link (the time stayed), or other details (the role, who interviews, the candidate's name).
 */
export const updateReasonSchema = z.enum(['time', 'link', 'details']);
export type UpdateReason = z.infer<typeof updateReasonSchema>;

/** The candidate's update; null (as jobs queued before the reason was recorded) reads as a change of time. */
export const candidateUpdateSchema = z.object({ change: updateReasonSchema }).nullable();

/**
 * The candidate's cancellation; to whom when it goes to an address the interview no longer has (the
 * candidate's address was corrected), with the join link that address was sent, else null.
 */
export const candidateCancellationSchema = z
  .object({ formerCandidate: z.object({ email: z.string(), name: z.string(), joinLink: z.string() }) })
  .nullable();

/** Why an interviewer is sent a direct message. */
export const interviewerNoticeSchema = z.object({
  slackUserId: z.string(),
  change: z.enum(['scheduled', 'rescheduled', 'cancelled']),
});
export type InterviewerNotice = z.infer<typeof interviewerNoticeSchema>;

/**
 * A job due at a moment set by the interview's start: `forStart` is the start it was planned for,
 * so a job that comes due after the interview was moved or cancelled is recognised and not sent.
 */
const timedByStart = { forStart: z.iso.datetime() };

/** The candidate's reminder email, `before` (an ISO 8601 duration) ahead of the start. */
export const candidateReminderSchema = z.object({ before: z.string(), ...timedByStart });

/** An interviewer's reminder DM, `before` ahead of the start. */
export const interviewerReminderSchema = z.object({ slackUserId: z.string(), before: z.string(), ...timedByStart });

/** The check, `after` the start, that the candidate has opened their page. */
export const noShowAlertSchema = z.object({ after: z.string(), ...timedByStart });

/** An interviewer's calendar email: who (a Slack user, whose address is read at send time, or an address) and which one. */
export const interviewerInvitationSchema = z.object({
  interviewer: z.object({ slackUserId: z.string().optional(), email: z.string().optional() }),
  email: candidateEmailReasonSchema,
  /** For an update, what changed (absent: the time). */
  change: updateReasonSchema.optional(),
});

/** Why the candidate is sent the booking link: when the request is made, again on request, or as a nudge. */
export const bookingLinkEmailSchema = z.object({
  reason: z.enum(['request', 'resend', 'nudge']),
  /** The API Idempotency-Key of the resend that queued it, so a retry of that resend sends nothing more. */
  requestKey: z.string().max(255).optional(),
});
export type BookingLinkEmailReason = z.infer<typeof bookingLinkEmailSchema>['reason'];

/** Why a booking request expired: its time ran out, or none of its slots is open any more. */
export const bookingExpiryReasonSchema = z.enum(['time_up', 'no_slot_left']);
export type BookingExpiryReason = z.infer<typeof bookingExpiryReasonSchema>;

/**
 * Something that happened to a booking request, told in its message's thread. Only facts: the
 * words are written by the Slack presenter (src/slack/messages/bookingRequestThreadReplies.ts).
 */
const bookingThreadEventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('booked'), startsAt: z.iso.datetime() }),
  z.object({ event: z.literal('expired'), reason: bookingExpiryReasonSchema }),
  z.object({ event: z.literal('cancelled'), by: actorSchema }),
  z.object({ event: z.literal('link_resent'), by: actorSchema }),
]);
export type BookingRequestThreadEvent = z.infer<typeof bookingThreadEventSchema>;

/** The events sent to WEBHOOK_URL, named as the Standard Webhooks spec suggests: `<resource>.<what happened>`. */
export const WEBHOOK_EVENT_TYPES = [
  'interview.scheduled',
  'interview.rescheduled',
  'interview.cancelled',
  'invitation.delivered',
  'invitation.failed',
  'booking_request.booked',
  'candidate.joined',
  'interview.no_show',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * A webhook event as it will be sent (`type`, `timestamp`, `data`: the body, written once when the
 * event happens, so every retry sends the same bytes). `forStart` is kept only for an event due
 * later (`interview.no_show`): the start it was planned for, checked when it falls due.
 */
export const webhookEventSchema = z.object({
  type: z.enum(WEBHOOK_EVENT_TYPES),
  timestamp: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
  forStart: z.iso.datetime().optional(),
});
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
/** The interview on one interviewer's own calendar: made when scheduled, moved when it changes, deleted when cancelled. */
export const calendarEventSchema = z.object({
  interviewer: z.object({ slackUserId: z.string().optional(), email: z.string().optional() }),
  action: z.enum(['create', 'move', 'delete']),
});
export type CalendarEventAction = z.infer<typeof calendarEventSchema>['action'];

const nothingMore = z.null();

/**
 * A meeting at the provider that is no longer the interview's own, to delete: one replaced by a
 * link set by hand (its id and host unknown while it was still being made: then it is looked up
 * by the interview under the current host), or one left on a former host when the first
 * interviewer changed. Null: the interview's own meeting, as its row says (a cancel).
 */
export const meetingDeleteSchema = z.object({ meetingId: z.string().nullable(), host: z.string().nullable() }).nullable();

/**
 * Each outbox kind's payload. A job is written with exactly its kind's payload (the type system
 * holds the planner to it) and read back through the same schema, so an unknown or damaged
 * payload fails loudly instead of being delivered as something else.
 */
export const DELIVERY_PAYLOAD_SCHEMAS = {
  [DeliveryKind.CandidateInvitation]: nothingMore,
  [DeliveryKind.CandidateUpdate]: candidateUpdateSchema,
  [DeliveryKind.CandidateCancellation]: candidateCancellationSchema,
  [DeliveryKind.ChannelPost]: nothingMore,
  [DeliveryKind.ChannelMessageUpdate]: nothingMore,
  [DeliveryKind.ThreadReply]: threadEventSchema,
  [DeliveryKind.InterviewerNotice]: interviewerNoticeSchema,
  [DeliveryKind.CandidateReminder]: candidateReminderSchema,
  [DeliveryKind.InterviewerReminder]: interviewerReminderSchema,
  [DeliveryKind.NoShowAlert]: noShowAlertSchema,
  [DeliveryKind.InterviewerInvitation]: interviewerInvitationSchema,
  [DeliveryKind.BookingLinkEmail]: bookingLinkEmailSchema,
  [DeliveryKind.BookingRequestPost]: nothingMore,
  [DeliveryKind.BookingRequestMessageUpdate]: nothingMore,
  [DeliveryKind.BookingRequestThreadReply]: bookingThreadEventSchema,
  [DeliveryKind.BookingRequestExpiry]: nothingMore,
  [DeliveryKind.Webhook]: webhookEventSchema,
  [DeliveryKind.MeetingCreate]: nothingMore,
  [DeliveryKind.MeetingMove]: nothingMore,
  [DeliveryKind.MeetingDelete]: meetingDeleteSchema,
  [DeliveryKind.CalendarEvent]: calendarEventSchema,
  [DeliveryKind.LoopInvitation]: nothingMore,
  [DeliveryKind.LoopUpdate]: nothingMore,
  [DeliveryKind.LoopCancellation]: nothingMore,
  [DeliveryKind.LoopChannelPost]: nothingMore,
  [DeliveryKind.LoopMessageUpdate]: nothingMore,
} as const satisfies Record<DeliveryKind, z.ZodType>;

export type DeliveryPayloadOf<Kind extends DeliveryKind> = z.infer<(typeof DELIVERY_PAYLOAD_SCHEMAS)[Kind]>;

/** A message the outbox owes, as its kind and that kind's payload. */
export type PlannedDelivery = { [Kind in DeliveryKind]: { kind: Kind; payload: DeliveryPayloadOf<Kind> } }[DeliveryKind];

/** A stored job's kind or payload is not one this version of the app writes. */
export class UnreadableDeliveryError extends Error {
  constructor(kind: string, problem: string) {
    super(`Delivery of kind "${kind}" cannot be read: ${problem}`);
    this.name = 'UnreadableDeliveryError';
  }
}

/** A stored job read back as its planned delivery, or an `UnreadableDeliveryError`. */
export function readPlannedDelivery(kind: string, storedPayload: unknown): PlannedDelivery {
  if (!isDeliveryKind(kind)) throw new UnreadableDeliveryError(kind, 'unknown kind');
  const parsed = DELIVERY_PAYLOAD_SCHEMAS[kind].safeParse(storedPayload ?? null);
  if (!parsed.success) throw new UnreadableDeliveryError(kind, z.prettifyError(parsed.error).replace(/\s+/g, ' '));
  return { kind, payload: parsed.data } as PlannedDelivery;
}

function isDeliveryKind(kind: string): kind is DeliveryKind {
  return Object.values<string>(DeliveryKind).includes(kind);
}
