import type { EntityManager } from 'typeorm';
import { type DeliveryJob, DeliveryKind } from '../deliveries/DeliveryJob';
import { CANDIDATE_EMAIL_REASON_BY_KIND, isCandidateEmail } from '../deliveries/deliveryKinds';
import type { CandidateEmailReason, InterviewThreadEvent, PlannedDelivery, UpdateReason } from '../deliveries/deliveryPayloads';
import { insertDeliveryJobs, type QueuedDelivery } from '../deliveries/insertDeliveryJobs';
import type { Interview } from './Interview';
import type { Interviewer } from '../shared/participants';
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
export function planInterviewerInvitations(
  interview: Pick<Interview, 'interviewers'>,
  email: CandidateEmailReason,
  change?: UpdateReason,
): PlannedDelivery[] {
  return interview.interviewers
    .filter((interviewer) => interviewer.email || interviewer.slackUserId)
    .map((interviewer) => ({
      kind: DeliveryKind.InterviewerInvitation,
      payload: {
        interviewer: interviewer.email ? { email: interviewer.email } : { slackUserId: interviewer.slackUserId },
        email,
        ...(change ? { change } : {}),
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
export function planDeliveriesForChange(interview: Interview, change: InterviewChangeEvent): PlannedDelivery[] {
  const deliveries: PlannedDelivery[] = [];
  if (change.event === 'cancelled') {
    deliveries.push({ kind: DeliveryKind.CandidateCancellation, payload: null });
    deliveries.push(...planInterviewerInvitations(interview, 'cancellation'));
  } else if (change.event === 'invitation_resent') {
    if (shouldInviteCandidate(interview)) deliveries.push({ kind: DeliveryKind.CandidateInvitation, payload: null });
  } else if (shouldInviteCandidate(interview)) {
    const updateReason = change.event === 'link_rotated' ? 'link' : 'time';
    deliveries.push({ kind: DeliveryKind.CandidateUpdate, payload: { change: updateReason } });
    deliveries.push(...planInterviewerInvitations(interview, 'update', updateReason));
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

/** An interview as it was before an edit: what the edit's deliveries compare against. */
export type InterviewBeforeEdit = Pick<Interview, 'candidateName' | 'candidateEmail' | 'role' | 'interviewers' | 'joinLink'>;

/** What an edit changed: the time (a reschedule), and which other fields, by their API names. */
export interface InterviewEdit {
  before: InterviewBeforeEdit;
  timeChanged: boolean;
  editedFields: string[];
  by: Extract<InterviewThreadEvent, { event: 'details_edited' }>['by'];
  /** The new start, when the time changed. */
  to?: string;
}

/** The same person, by Slack id or address (addresses compared without case). */
function samePerson(a: Interviewer, b: Interviewer): boolean {
  if (a.slackUserId && b.slackUserId) return a.slackUserId === b.slackUserId;
  return Boolean(a.email && b.email && a.email.toLowerCase() === b.email.toLowerCase());
}

/**
 * Everyone who should hear about an edit (PATCH /api/interviews/:id), and how. A new candidate
 * address gets the invitation and the old one a cancellation (with the link it was sent, which the
 * edit replaced); otherwise the candidate gets an update when the time or what they read changed.
 * Interviewers added get the invitation (and, on Slack, the notice), those removed the cancellation,
 * those kept an update; the channel message is redrawn and its thread told.
 */
export function planDeliveriesForEdit(interview: Interview, edit: InterviewEdit): PlannedDelivery[] {
  const deliveries: PlannedDelivery[] = [];
  if (!shouldInviteCandidate(interview)) return deliveries;
  const { before } = edit;
  const addressChanged = before.candidateEmail.toLowerCase() !== interview.candidateEmail.toLowerCase();
  const candidateReads = ['candidateName', 'role', 'interviewers'].some((field) => edit.editedFields.includes(field));
  const updateReason: UpdateReason = edit.timeChanged ? 'time' : 'details';
  if (addressChanged) {
    deliveries.push({
      kind: DeliveryKind.CandidateCancellation,
      payload: { formerCandidate: { email: before.candidateEmail, name: before.candidateName, joinLink: before.joinLink } },
    });
    deliveries.push({ kind: DeliveryKind.CandidateInvitation, payload: null });
  } else if (edit.timeChanged || candidateReads) {
    deliveries.push({ kind: DeliveryKind.CandidateUpdate, payload: { change: updateReason } });
  }
  const added = interview.interviewers.filter((person) => !before.interviewers.some((earlier) => samePerson(earlier, person)));
  const removed = before.interviewers.filter((earlier) => !interview.interviewers.some((person) => samePerson(earlier, person)));
  const kept = interview.interviewers.filter((person) => !added.includes(person));
  const interviewersRead = edit.timeChanged || addressChanged || edit.editedFields.some((field) => field !== 'notes');
  deliveries.push(...planInterviewerInvitations({ interviewers: added }, 'invitation'));
  deliveries.push(...planInterviewerInvitations({ interviewers: removed }, 'cancellation'));
  if (interviewersRead) deliveries.push(...planInterviewerInvitations({ interviewers: kept }, 'update', updateReason));
  const notices: Array<[Interviewer[], 'scheduled' | 'cancelled' | 'rescheduled']> = [
    [added, 'scheduled'],
    [removed, 'cancelled'],
    [edit.timeChanged ? kept : [], 'rescheduled'],
  ];
  for (const [people, change] of notices) {
    for (const person of people) {
      // As when an interview is made, its organizer is not told of their own new interview.
      if (person.slackUserId && (change !== 'scheduled' || person.slackUserId !== interview.organizerSlackUserId)) {
        deliveries.push({ kind: DeliveryKind.InterviewerNotice, payload: { slackUserId: person.slackUserId, change } });
      }
    }
  }
  if (interview.channelId) {
    deliveries.push({ kind: DeliveryKind.ChannelMessageUpdate, payload: null });
    if (edit.timeChanged && edit.to)
      deliveries.push({ kind: DeliveryKind.ThreadReply, payload: { event: 'rescheduled', by: edit.by, to: edit.to } });
    if (edit.editedFields.length > 0) {
      deliveries.push({
        kind: DeliveryKind.ThreadReply,
        payload: {
          event: 'details_edited',
          by: edit.by,
          fields: edit.editedFields,
          ...(addressChanged ? { formerCandidateEmail: before.candidateEmail } : {}),
        },
      });
    }
  }
  return deliveries;
}
