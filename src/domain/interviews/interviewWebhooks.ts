import type { ReminderSettings } from '../../config/reminderSettings';
import { type DeliveryJob, DeliveryKind } from '../deliveries/DeliveryJob';
import type { PlannedDelivery, WebhookEventType } from '../deliveries/deliveryPayloads';
import type { QueuedDelivery } from '../deliveries/insertDeliveryJobs';
import type { Interview } from './Interview';
import { InterviewStatus } from './interviewStatus';

/** A webhook event about an interview, as the outbox holds it. */
export type InterviewWebhook = Extract<PlannedDelivery, { kind: DeliveryKind.Webhook }>;

/**
 * An interview as webhook events describe it: enough for an applicant tracking system to match it
 * to its own records and show its state. The join link and its session key are left out: they
 * open the candidate's page, and a webhook receiver has no need of them.
 */
export function describeInterviewForWebhook(interview: Interview) {
  return {
    id: interview.id,
    status: interview.status,
    scheduledTime: interview.scheduledTime.toISOString(),
    durationMinutes: interview.durationMinutes,
    timezone: interview.timezone,
    candidateName: interview.candidateName,
    candidateEmail: interview.candidateEmail,
    role: interview.role,
    interviewers: interview.interviewers,
    meetingUrl: interview.meetingUrl,
    slotId: interview.slotId,
    channelId: interview.channelId,
    slackTeamId: interview.slackTeamId,
  };
}

/**
 * The webhook event `type` for `interview`, written now with the interview as it stands, so every
 * retry sends the same body. `details` adds what the event alone knows (the previous time, why an
 * email failed).
 */
export function planInterviewWebhook(
  type: WebhookEventType,
  interview: Interview,
  occurredAt: Date,
  details: Record<string, string | null> = {},
): InterviewWebhook {
  return {
    kind: DeliveryKind.Webhook,
    payload: { type, timestamp: occurredAt.toISOString(), data: { interview: describeInterviewForWebhook(interview), ...details } },
  };
}

/** Whether the deliveries a command queues may include webhook events: only when WEBHOOK_URL is set. */
export interface WebhookSwitch {
  webhooksOn?: boolean;
}

/** `deliveries` less the webhook events, unless webhooks are on. */
export function withWebhooksIfOn<Delivery extends PlannedDelivery>(context: WebhookSwitch, deliveries: Delivery[]): Delivery[] {
  return context.webhooksOn ? deliveries : deliveries.filter((delivery) => delivery.kind !== DeliveryKind.Webhook);
}

/**
 * `interview.no_show`, due NO_SHOW_ALERT_AFTER past the start of a scheduled interview (whether or
 * not it has a Slack channel), and checked when it falls due (`whyNoShowWebhookIsMoot`).
 */
export function planNoShowWebhook(interview: Interview, settings: ReminderSettings, now: Date): QueuedDelivery[] {
  if (interview.status !== InterviewStatus.Scheduled || !settings.noShowAlertAfter) return [];
  const dueAt = new Date(interview.scheduledTime.getTime() + settings.noShowAlertAfter.milliseconds);
  if (dueAt.getTime() < now.getTime()) return [];
  const event = planInterviewWebhook('interview.no_show', interview, dueAt, { after: settings.noShowAlertAfter.iso });
  return [{ ...event, payload: { ...event.payload, forStart: interview.scheduledTime.toISOString() }, dueAt }];
}

/** True for a webhook event planned for a moment set by the interview's start. */
export function isNoShowWebhook(delivery: PlannedDelivery): delivery is InterviewWebhook {
  return delivery.kind === DeliveryKind.Webhook && delivery.payload.forStart !== undefined;
}

/** Why `interview.no_show` should not be sent now that it is due: the interview was cancelled or moved, or the candidate came. */
export function whyNoShowWebhookIsMoot(
  event: InterviewWebhook,
  interview: Pick<Interview, 'status' | 'scheduledTime' | 'candidateFirstOpenedAt'>,
): string | null {
  if (interview.status !== InterviewStatus.Scheduled) return 'The interview was cancelled before this was due.';
  if (interview.scheduledTime.toISOString() !== event.payload.forStart) {
    return `The interview was moved before this was due (it was planned for the start at ${event.payload.forStart}).`;
  }
  if (interview.candidateFirstOpenedAt) {
    return `The candidate opened their interview page at ${interview.candidateFirstOpenedAt.toISOString()}.`;
  }
  return null;
}

/** `invitation.delivered` or `invitation.failed` when the candidate's invitation email's job ends. */
export function planInvitationWebhook(
  job: Pick<DeliveryJob, 'kind'>,
  interview: Interview,
  outcome: { status: 'delivered' } | { status: 'failed'; reason: string },
  now: Date,
): InterviewWebhook[] {
  if (job.kind !== DeliveryKind.CandidateInvitation) return [];
  return outcome.status === 'delivered'
    ? [planInterviewWebhook('invitation.delivered', interview, now)]
    : [planInterviewWebhook('invitation.failed', interview, now, { reason: outcome.reason })];
}
