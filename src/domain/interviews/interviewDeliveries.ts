import { v4 as uuidv4 } from 'uuid';
import type { EntityManager } from 'typeorm';
import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../deliveries/DeliveryJob';
import type { Interview } from './Interview';
import { insertRows } from '../../db/insertRows';
import type { CandidateEmailReason, InterviewThreadEvent, PlannedDelivery } from '../deliveries/deliveryPayloads';
import { InterviewStatus } from './interviewStatus';
import type { WorkspaceColumns } from '../workspaces/slackWorkspace';

export type { PlannedDelivery } from '../deliveries/deliveryPayloads';

/** A delivery as queued: due at once, or at `dueAt` (a reminder, the no-show alert). */
export type QueuedDelivery = PlannedDelivery & { dueAt?: Date };

/** The candidate's three emails, by outbox kind. */
export const CANDIDATE_EMAIL_REASON_BY_KIND = {
  [DeliveryKind.CandidateInvitation]: 'invitation',
  [DeliveryKind.CandidateUpdate]: 'update',
  [DeliveryKind.CandidateCancellation]: 'cancellation',
} as const satisfies Partial<Record<DeliveryKind, CandidateEmailReason>>;

export type CandidateEmailKind = keyof typeof CANDIDATE_EMAIL_REASON_BY_KIND;

/**
 * How each kind goes out: by email, to Slack with a workspace's bot token, or within the app
 * itself (a booking link closing). What stops when the app is uninstalled from a workspace is the
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
} as const satisfies Record<DeliveryKind, 'email' | 'slack' | 'app'>;

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
    // An interview booked from a booking link takes over that request's message instead of posting another.
    deliveries.push(
      interview.slackMessageTs
        ? { kind: DeliveryKind.ChannelMessageUpdate, payload: null }
        : { kind: DeliveryKind.ChannelPost, payload: null },
    );
  }
  for (const interviewer of interview.interviewers) {
    if (interviewer.slackUserId && interviewer.slackUserId !== interview.organizerSlackUserId) {
      deliveries.push({ kind: DeliveryKind.InterviewerNotice, payload: { slackUserId: interviewer.slackUserId, change: 'scheduled' } });
    }
  }
  if (shouldInviteCandidate(interview)) deliveries.push(...planInterviewerInvitations(interview, 'invitation'));
  return deliveries;
}

/**
 * Each interviewer's copy of the calendar invitation, update or cancellation: by address when
 * one was given, else by Slack user, whose address is read from Slack when it is sent.
 */
export function planInterviewerInvitations(interview: Pick<Interview, 'interviewers'>, email: CandidateEmailReason): PlannedDelivery[] {
  return interview.interviewers
    .filter((interviewer) => interviewer.email || interviewer.slackUserId)
    .map((interviewer) => ({
      kind: DeliveryKind.InterviewerInvitation,
      payload: {
        interviewer: interviewer.email ? { email: interviewer.email } : { slackUserId: interviewer.slackUserId },
        email,
      },
    }));
}

/** What a queued delivery is about: its interview, whose Slack workspace posts it. */
export type DeliveryOwner = Pick<Interview, 'id' | 'slackTeamId' | 'slackEnterpriseId'>;

/** Writes an interview's deliveries into the outbox inside the caller's transaction, due at once or at their `dueAt`. */
export function queueDeliveries(
  manager: EntityManager,
  interview: DeliveryOwner,
  deliveries: QueuedDelivery[],
  now: Date,
): Promise<DeliveryJob[]> {
  return insertDeliveryJobs(
    manager,
    {
      interviewId: interview.id,
      bookingRequestId: null,
      slackTeamId: interview.slackTeamId,
      slackEnterpriseId: interview.slackEnterpriseId,
    },
    deliveries,
    now,
  );
}

/**
 * What an outbox row is about (an interview, or a booking request not yet booked: exactly one),
 * and the Slack workspace whose bot token posts it.
 */
export type DeliverySubjectIds = ({ interviewId: string; bookingRequestId: null } | { interviewId: null; bookingRequestId: string }) &
  WorkspaceColumns;

/** The outbox rows for `deliveries`, pending and due at once or at their `dueAt`, written in the caller's transaction. */
export async function insertDeliveryJobs(
  manager: EntityManager,
  subject: DeliverySubjectIds,
  deliveries: QueuedDelivery[],
  now: Date,
): Promise<DeliveryJob[]> {
  if (deliveries.length === 0) {
    return [];
  }
  const jobs = deliveries.map((delivery) =>
    manager.create(DeliveryJob, {
      id: uuidv4(),
      kind: delivery.kind,
      ...subject,
      payload: delivery.payload,
      status: DeliveryStatus.Pending,
      attempts: 0,
      nextAttemptAt: delivery.dueAt ?? now,
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

/**
 * What finishing a delivery sets off: the channel message shows whether the candidate's email
 * went out. Only a failure is also told in the thread, because someone must act on it; a
 * delivered email is news enough on the message itself, not a reply in a busy channel.
 */
export function planDeliveriesAfterOutcome(
  job: Pick<DeliveryJob, 'kind'>,
  interview: Pick<Interview, 'channelId'>,
  outcome: 'delivered' | 'failed',
  reason?: string,
): PlannedDelivery[] {
  if (job.kind === DeliveryKind.NoShowAlert && outcome === 'delivered' && interview.channelId) {
    return [{ kind: DeliveryKind.ChannelMessageUpdate, payload: null }];
  }
  if (!isCandidateEmail(job.kind) || !interview.channelId) {
    return [];
  }
  const update: PlannedDelivery = { kind: DeliveryKind.ChannelMessageUpdate, payload: null };
  if (outcome === 'delivered') return [update];
  const email = CANDIDATE_EMAIL_REASON_BY_KIND[job.kind];
  return [update, { kind: DeliveryKind.ThreadReply, payload: { event: 'email_failed', email, reason: reason ?? 'unknown error' } }];
}

/** Everyone who should hear about a change to an interview, and how. */
export function planDeliveriesForChange(interview: Interview, change: InterviewChangeEvent): PlannedDelivery[] {
  const deliveries: PlannedDelivery[] = [];
  if (change.event === 'cancelled') {
    deliveries.push({ kind: DeliveryKind.CandidateCancellation, payload: null });
    deliveries.push(...planInterviewerInvitations(interview, 'cancellation'));
  } else if (change.event === 'invitation_resent') {
    if (shouldInviteCandidate(interview)) deliveries.push({ kind: DeliveryKind.CandidateInvitation, payload: null });
  } else if (shouldInviteCandidate(interview)) {
    deliveries.push({ kind: DeliveryKind.CandidateUpdate, payload: null });
    deliveries.push(...planInterviewerInvitations(interview, 'update'));
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

/**
 * The thread reply for the candidate's first visit to their page. After a no-show alert, the
 * thread says they came late and the channel message drops its warning.
 */
export function planDeliveriesForCandidateVisit(interview: Pick<Interview, 'channelId' | 'noShowAlertedAt'>): PlannedDelivery[] {
  if (!interview.channelId) return [];
  if (!interview.noShowAlertedAt) return [{ kind: DeliveryKind.ThreadReply, payload: { event: 'candidate_opened_page' } }];
  return [
    { kind: DeliveryKind.ChannelMessageUpdate, payload: null },
    { kind: DeliveryKind.ThreadReply, payload: { event: 'candidate_opened_page', afterNoShowAlert: true } },
  ];
}
