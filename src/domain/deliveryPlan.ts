import { v4 as uuidv4 } from 'uuid';
import type { EntityManager } from 'typeorm';
import { DeliveryJob, DeliveryKind, DeliveryStatus, type DeliveryPayload } from '../db/entities/DeliveryJob';
import type { Interview } from '../db/entities/Interview';
import { InterviewStatus } from './interviewStatus';
import { insertRows } from '../db/insertRows';

export interface PlannedDelivery {
  kind: DeliveryKind;
  payload?: DeliveryPayload;
}

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
    deliveries.push({ kind: DeliveryKind.CandidateInvitation });
  }
  if (interview.channelId) {
    deliveries.push({ kind: DeliveryKind.ChannelPost });
  }
  for (const interviewer of interview.interviewers) {
    if (interviewer.slackUserId && interviewer.slackUserId !== interview.organizerSlackUserId) {
      deliveries.push({ kind: DeliveryKind.InterviewerNotice, payload: { slackUserId: interviewer.slackUserId, change: 'scheduled' } });
    }
  }
  return deliveries;
}

/** Writes deliveries into the outbox inside the caller's transaction, due at once. */
export async function queueDeliveries(
  manager: EntityManager,
  interviewId: string,
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
      interviewId,
      payload: delivery.payload ?? null,
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

const CANDIDATE_EMAIL_KINDS = new Set<DeliveryKind>([
  DeliveryKind.CandidateInvitation,
  DeliveryKind.CandidateUpdate,
  DeliveryKind.CandidateCancellation,
]);

export function isCandidateEmail(kind: DeliveryKind): boolean {
  return CANDIDATE_EMAIL_KINDS.has(kind);
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
  return [
    { kind: DeliveryKind.ChannelMessageUpdate },
    { kind: DeliveryKind.ThreadReply, payload: { event: `${job.kind}_${outcome}`, reason: reason ?? null } },
  ];
}

/** Everyone who should hear about a change to an interview, and how. */
export function planDeliveriesForChange(
  interview: Interview,
  change: 'rescheduled' | 'cancelled' | 'link_rotated' | 'invitation_resent',
  threadText: string,
): PlannedDelivery[] {
  const deliveries: PlannedDelivery[] = [];
  if (change === 'cancelled') {
    deliveries.push({ kind: DeliveryKind.CandidateCancellation });
  } else if (change === 'invitation_resent') {
    if (shouldInviteCandidate(interview)) deliveries.push({ kind: DeliveryKind.CandidateInvitation });
  } else if (shouldInviteCandidate(interview)) {
    deliveries.push({ kind: DeliveryKind.CandidateUpdate });
  }
  if (interview.channelId) {
    deliveries.push({ kind: DeliveryKind.ChannelMessageUpdate });
    deliveries.push({ kind: DeliveryKind.ThreadReply, payload: { event: change, text: threadText } });
  }
  if (change === 'rescheduled' || change === 'cancelled') {
    for (const interviewer of interview.interviewers) {
      if (interviewer.slackUserId) {
        deliveries.push({ kind: DeliveryKind.InterviewerNotice, payload: { slackUserId: interviewer.slackUserId, change } });
      }
    }
  }
  return deliveries;
}
