import { DeliveryKind } from './DeliveryJob';
import type { CandidateEmailReason } from './deliveryPayloads';

/** The candidate's three emails, by outbox kind. */
export const CANDIDATE_EMAIL_REASON_BY_KIND = {
  [DeliveryKind.CandidateInvitation]: 'invitation',
  [DeliveryKind.CandidateUpdate]: 'update',
  [DeliveryKind.CandidateCancellation]: 'cancellation',
} as const satisfies Partial<Record<DeliveryKind, CandidateEmailReason>>;

export type CandidateEmailKind = keyof typeof CANDIDATE_EMAIL_REASON_BY_KIND;

/**
 * How each kind goes out: by email, to Slack with a workspace's bot token, within the app
 * itself (a booking link closing), to the integrator's WEBHOOK_URL, or to the video provider (VIDEO_PROVIDER). What stops when the app is uninstalled from a workspace is the
 * Slack kinds; the rest still goes.
 */
export const DELIVERY_CHANNEL_BY_KIND = {
  [DeliveryKind.CandidateInvitation]: 'email',
  [DeliveryKind.CandidateUpdate]: 'email',
  [DeliveryKind.CandidateCancellation]: 'email',
  [DeliveryKind.CandidateReminder]: 'email',
  [DeliveryKind.InterviewerInvitation]: 'email',
  [DeliveryKind.BookingLinkEmail]: 'email',
  [DeliveryKind.ChannelPost]: 'slack',
  [DeliveryKind.ChannelMessageUpdate]: 'slack',
  [DeliveryKind.ThreadReply]: 'slack',
  [DeliveryKind.InterviewerNotice]: 'slack',
  [DeliveryKind.InterviewerReminder]: 'slack',
  [DeliveryKind.NoShowAlert]: 'slack',
  [DeliveryKind.BookingRequestPost]: 'slack',
  [DeliveryKind.BookingRequestMessageUpdate]: 'slack',
  [DeliveryKind.BookingRequestThreadReply]: 'slack',
  [DeliveryKind.BookingRequestExpiry]: 'app',
  [DeliveryKind.Webhook]: 'webhook',
  [DeliveryKind.MeetingCreate]: 'video',
  [DeliveryKind.MeetingMove]: 'video',
  [DeliveryKind.MeetingDelete]: 'video',
  [DeliveryKind.CalendarEvent]: 'calendar',
  [DeliveryKind.LoopInvitation]: 'email',
  [DeliveryKind.LoopUpdate]: 'email',
  [DeliveryKind.LoopCancellation]: 'email',
  [DeliveryKind.LoopChannelPost]: 'slack',
  [DeliveryKind.LoopMessageUpdate]: 'slack',
} as const satisfies Record<DeliveryKind, 'email' | 'slack' | 'app' | 'webhook' | 'video' | 'calendar'>;

/** Every kind posted to Slack with a workspace's bot token. */
export const SLACK_DELIVERY_KINDS: readonly DeliveryKind[] = Object.values(DeliveryKind).filter(
  (kind) => DELIVERY_CHANNEL_BY_KIND[kind] === 'slack',
);

export function isCandidateEmail(kind: DeliveryKind): kind is CandidateEmailKind {
  return kind in CANDIDATE_EMAIL_REASON_BY_KIND;
}
