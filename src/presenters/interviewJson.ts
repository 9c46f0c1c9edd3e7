import type { AvailabilitySlot } from '../domain/slots/AvailabilitySlot';
import type { DeliveryJob } from '../domain/deliveries/DeliveryJob';
import type { Interview } from '../domain/interviews/Interview';
import { toInterviewers } from '../domain/shared/participants';
import { slotStatus } from '../domain/slots/slotQueries';

/** An interview as the REST API shows it. `interviewLink` is the join link (R3, docs/rules.md). */
export function presentInterviewJson(interview: Interview) {
  return {
    id: interview.id,
    candidateName: interview.candidateName,
    candidateEmail: interview.candidateEmail,
    role: interview.role,
    scheduledTime: interview.scheduledTime.toISOString(),
    durationMinutes: interview.durationMinutes,
    timezone: interview.timezone,
    status: interview.status,
    sessionKey: interview.sessionKey,
    interviewLink: interview.joinLink,
    meetingUrl: interview.meetingUrl,
    interviewers: interview.interviewers,
    channelId: interview.channelId,
    slackTeamId: interview.slackTeamId,
    slackEnterpriseId: interview.slackEnterpriseId,
    organizerSlackUserId: interview.organizerSlackUserId,
    slotId: interview.slotId,
    notes: interview.notes,
    loopId: interview.loopId,
    sessionTitle: interview.sessionTitle,
    poolPicks: interview.poolPicks,
    candidateFirstOpenedAt: interview.candidateFirstOpenedAt?.toISOString() ?? null,
    noShowAlertedAt: interview.noShowAlertedAt?.toISOString() ?? null,
    cancelledAt: interview.cancelledAt?.toISOString() ?? null,
    createdAt: interview.createdAt.toISOString(),
    updatedAt: interview.updatedAt.toISOString(),
  };
}

export function presentDeliveryJson(job: DeliveryJob) {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    attempts: job.attempts,
    nextAttemptAt: job.nextAttemptAt.toISOString(),
    providerMessageId: job.providerMessageId,
    lastError: job.lastError,
    deliveredAt: job.deliveredAt?.toISOString() ?? null,
  };
}

/**
 * A slot as the REST API shows it. `interviewers` names its one interviewer as interviews name
 * theirs; `interviewer` is the same person as text, kept for clients written before (deprecated).
 */
export function presentSlotJson(slot: AvailabilitySlot, now: Date) {
  return {
    id: slot.id,
    startsAt: slot.startsAt.toISOString(),
    durationMinutes: slot.durationMinutes,
    interviewers: toInterviewers([slot.interviewer]),
    interviewer: slot.interviewer,
    status: slotStatus(slot, now),
    slackTeamId: slot.slackTeamId,
    slackEnterpriseId: slot.slackEnterpriseId,
    booked: slot.bookedInterviewId !== null,
    bookedInterviewId: slot.bookedInterviewId,
    createdAt: slot.createdAt.toISOString(),
  };
}
