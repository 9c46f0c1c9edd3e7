import type { EntityManager } from 'typeorm';
import { type DeliveryJob, DeliveryKind } from '../deliveries/DeliveryJob';
import { CANDIDATE_EMAIL_REASON_BY_KIND, isCandidateEmail } from '../deliveries/deliveryKinds';
import type { CalendarEventAction, CandidateEmailReason, InterviewThreadEvent, PlannedDelivery } from '../deliveries/deliveryPayloads';
import { insertDeliveryJobs, type QueuedDelivery } from '../deliveries/insertDeliveryJobs';
import type { Interview } from './Interview';
import { InterviewStatus } from './interviewStatus';

/** The changes people make to a scheduled interview, as their thread tells them. */
export type InterviewChangeEvent = Extract<
  InterviewThreadEvent,
  { event: 'rescheduled' | 'cancelled' | 'link_rotated' | 'invitation_resent' }
>;

/**
 * R4 (docs/rules.md): the candidate is invited exactly when the interview is scheduled, compared with the enum.
 * There is no branch that sends an invitation without its link: the link is a required column.
 */
export function shouldInviteCandidate(interview: Pick<Interview, 'status'>): boolean {
  return interview.status === InterviewStatus.Scheduled;
}

/**
 * How interviewers get their copy of the interview: by calendar-invitation email, or, with a
 * calendar provider, as an event written on their own calendar (one copy, not two; one whose
 * calendar refuses is emailed instead, see planDeliveriesAfterOutcome).
 */
export type InterviewerCopies = 'email' | 'calendar';

/** What a newly scheduled interview owes the world: the candidate's invite, the channel's message. */
export function planDeliveriesForNewInterview(interview: Interview, copies: InterviewerCopies = 'email'): PlannedDelivery[] {
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
  if (shouldInviteCandidate(interview)) deliveries.push(...planInterviewerCopies(interview, 'invitation', copies));
  return deliveries;
}

const CALENDAR_ACTION_BY_EMAIL: Record<CandidateEmailReason, CalendarEventAction> = {
  invitation: 'create',
  update: 'move',
  cancellation: 'delete',
};

/** Each interviewer's copy: the calendar email, or the event on their own calendar created, moved or deleted. */
export function planInterviewerCopies(
  interview: Pick<Interview, 'interviewers'>,
  email: CandidateEmailReason,
  copies: InterviewerCopies,
): PlannedDelivery[] {
  if (copies === 'email') return planInterviewerInvitations(interview, email);
  return interview.interviewers
    .filter((interviewer) => interviewer.email || interviewer.slackUserId)
    .map((interviewer) => ({
      kind: DeliveryKind.CalendarEvent,
      payload: {
        interviewer: interviewer.email ? { email: interviewer.email } : { slackUserId: interviewer.slackUserId },
        action: CALENDAR_ACTION_BY_EMAIL[email],
      },
    }));
}

/** The email an interviewer gets instead when their calendar refused the event. */
export const EMAIL_INSTEAD_OF_CALENDAR: Record<CalendarEventAction, CandidateEmailReason> = {
  create: 'invitation',
  move: 'update',
  delete: 'cancellation',
};

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
export function planDeliveriesForChange(
  interview: Interview,
  change: InterviewChangeEvent,
  copies: InterviewerCopies = 'email',
): PlannedDelivery[] {
  const deliveries: PlannedDelivery[] = [];
  if (change.event === 'cancelled') {
    deliveries.push({ kind: DeliveryKind.CandidateCancellation, payload: null });
    deliveries.push(...planInterviewerCopies(interview, 'cancellation', copies));
  } else if (change.event === 'invitation_resent') {
    if (shouldInviteCandidate(interview)) deliveries.push({ kind: DeliveryKind.CandidateInvitation, payload: null });
  } else if (shouldInviteCandidate(interview)) {
    deliveries.push({ kind: DeliveryKind.CandidateUpdate, payload: null });
    deliveries.push(...planInterviewerCopies(interview, 'update', copies));
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
