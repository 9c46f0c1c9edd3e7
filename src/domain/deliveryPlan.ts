import { v4 as uuidv4 } from 'uuid';
import type { EntityManager } from 'typeorm';
import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../db/entities/DeliveryJob';
import type { Interview } from '../db/entities/Interview';
import { insertRows } from '../db/insertRows';
import type { CandidateEmailReason, InterviewThreadEvent, PlannedDelivery } from './deliveryPayloads';
import { InterviewStatus } from './interviewStatus';

export type { PlannedDelivery } from './deliveryPayloads';

/** The candidate's three emails, by outbox kind. */
export const CANDIDATE_EMAIL_REASON_BY_KIND = {
  [DeliveryKind.CandidateInvitation]: 'invitation',
  [DeliveryKind.CandidateUpdate]: 'update',
  [DeliveryKind.CandidateCancellation]: 'cancellation',
} as const satisfies Partial<Record<DeliveryKind, CandidateEmailReason>>;

export type CandidateEmailKind = keyof typeof CANDIDATE_EMAIL_REASON_BY_KIND;

/** How each kind goes out: what stops when the app is uninstalled from a workspace, and what still goes. */
export const DELIVERY_CHANNEL_BY_KIND = {
  [DeliveryKind.CandidateInvitation]: 'email',
  [DeliveryKind.CandidateUpdate]: 'email',
  [DeliveryKind.CandidateCancellation]: 'email',
  [DeliveryKind.ChannelPost]: 'slack',
  [DeliveryKind.ChannelMessageUpdate]: 'slack',
  [DeliveryKind.ThreadReply]: 'slack',
  [DeliveryKind.InterviewerNotice]: 'slack',
} as const satisfies Record<DeliveryKind, 'email' | 'slack'>;

/** Every kind posted to Slack with a workspace's bot token. */
export const SLACK_DELIVERY_KINDS: readonly DeliveryKind[] = Object.values(DeliveryKind).filter(
  (kind) => DELIVERY_CHANNEL_BY_KIND[kind] === 'slack',
);

export function isCandidateEmail(kind: DeliveryKind): kind is CandidateEmailKind {
  return kind in CANDIDATE_EMAIL_REASON_BY_KIND;
}

/** The changes people make to a scheduled interview, as their thread tells them. */
export type InterviewChangeEvent = Extract<
  InterviewThreadEvent,
  { event: 'rescheduled' | 'cancelled' | 'link_rotated' | 'invitation_resent' }
>;

/**
 * R4: the candidate is invited exactly when the interview is scheduled, compared with the enum.
 * There is no branch that sends an invitation without its link: the link is a required column.
 */
export function shouldInviteCandidate(interview: Pick<Interview, 'status'>): boolean {
  return interview.status === InterviewStatus.Scheduled;
}

/** What a newly scheduled interview owes the world: the candidate's invite, the channel's message. */
export function planDeliveriesForNewInterview(interview: Interview): PlannedDelivery[] {
  const deliveries: PlannedDelivery[] = [];
  if (shouldInviteCandidate(interview)) {
    deliveries.push({ kind: DeliveryKind.CandidateInvitation, payload: null });
  }
  if (interview.channelId) {
    deliveries.push({ kind: DeliveryKind.ChannelPost, payload: null });
  }
  for (const interviewer of interview.interviewers) {
    if (interviewer.slackUserId && interviewer.slackUserId !== interview.organizerSlackUserId) {
      deliveries.push({ kind: DeliveryKind.InterviewerNotice, payload: { slackUserId: interviewer.slackUserId, change: 'scheduled' } });
    }
  }
  return deliveries;
}

/** What a queued delivery is about: its interview, whose Slack workspace posts it. */
export type DeliveryOwner = Pick<Interview, 'id' | 'slackTeamId' | 'slackEnterpriseId'>;

/** Writes deliveries into the outbox inside the caller's transaction, due at once. */
export async function queueDeliveries(
  manager: EntityManager,
  interview: DeliveryOwner,
  deliveries: PlannedDelivery[],
  now: Date,
): Promise<DeliveryJob[]> {
  if (deliveries.length === 0) {
    return [];
  }
  const jobs = deliveries.map((delivery) =>
    manager.create(DeliveryJob, {
      id: uuidv4(),
      kind: delivery.kind,
      interviewId: interview.id,
      slackTeamId: interview.slackTeamId,
      slackEnterpriseId: interview.slackEnterpriseId,
      payload: delivery.payload,
      status: DeliveryStatus.Pending,
      attempts: 0,
      nextAttemptAt: now,
      leaseOwner: null,
      leaseExpiresAt: null,
      providerMessageId: null,
      lastError: null,
      deliveredAt: null,
      createdAt: now,
      updatedAt: now,
    }),
  );
  await insertRows(manager, DeliveryJob, jobs);
  return jobs;
}

/** What finishing a delivery sets off: the channel learns whether the candidate's email went out. */
export function planDeliveriesAfterOutcome(
  job: Pick<DeliveryJob, 'kind'>,
  interview: Pick<Interview, 'channelId'>,
  outcome: 'delivered' | 'failed',
  reason?: string,
): PlannedDelivery[] {
  if (!isCandidateEmail(job.kind) || !interview.channelId) {
    return [];
  }
  const email = CANDIDATE_EMAIL_REASON_BY_KIND[job.kind];
  return [
    { kind: DeliveryKind.ChannelMessageUpdate, payload: null },
    {
      kind: DeliveryKind.ThreadReply,
      payload:
        outcome === 'delivered' ? { event: 'email_delivered', email } : { event: 'email_failed', email, reason: reason ?? 'unknown error' },
    },
  ];
}

/** Everyone who should hear about a change to an interview, and how. */
export function planDeliveriesForChange(interview: Interview, change: InterviewChangeEvent): PlannedDelivery[] {
  const deliveries: PlannedDelivery[] = [];
  if (change.event === 'cancelled') {
    deliveries.push({ kind: DeliveryKind.CandidateCancellation, payload: null });
  } else if (change.event === 'invitation_resent') {
    if (shouldInviteCandidate(interview)) deliveries.push({ kind: DeliveryKind.CandidateInvitation, payload: null });
  } else if (shouldInviteCandidate(interview)) {
    deliveries.push({ kind: DeliveryKind.CandidateUpdate, payload: null });
  }
  if (interview.channelId) {
    deliveries.push({ kind: DeliveryKind.ChannelMessageUpdate, payload: null });
    deliveries.push({ kind: DeliveryKind.ThreadReply, payload: change });
  }
  if (change.event === 'rescheduled' || change.event === 'cancelled') {
    for (const interviewer of interview.interviewers) {
      if (interviewer.slackUserId) {
        deliveries.push({ kind: DeliveryKind.InterviewerNotice, payload: { slackUserId: interviewer.slackUserId, change: change.event } });
      }
    }
  }
  return deliveries;
}

/** The thread reply for the candidate's first visit to their page. */
export function planDeliveriesForCandidateVisit(interview: Pick<Interview, 'channelId'>): PlannedDelivery[] {
  return interview.channelId ? [{ kind: DeliveryKind.ThreadReply, payload: { event: 'candidate_opened_page' } }] : [];
}
