import type { AvailabilitySlot } from '../domain/slots/AvailabilitySlot';
import type { DeliveryJob } from '../domain/deliveries/DeliveryJob';
import type { Interview } from '../domain/interviews/Interview';

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

export function presentSlotJson(slot: AvailabilitySlot) {
  return {
    id: slot.id,
    startsAt: slot.startsAt.toISOString(),
    durationMinutes: slot.durationMinutes,
    interviewer: slot.interviewer,
    slackTeamId: slot.slackTeamId,
    booked: slot.bookedInterviewId !== null,
    bookedInterviewId: slot.bookedInterviewId,
  };
}
