import type { BookingOffer } from '../domain/bookings/bookingOffers';
import { toInterviewers } from '../domain/shared/participants';
import type { InterviewPlan } from '../domain/freeTimes/planFreeTimes';

/**
 * A booking request as the REST API shows it. `status` is what it is now (an open request whose
 * time ran out reads `expired`), `slots` what the candidate can still pick, and `interviewId` the
 * interview their pick created, once booked.
 */
export function presentBookingRequestJson(offer: BookingOffer) {
  const { request } = offer;
  return {
    id: request.id,
    status: offer.state,
    bookingLink: request.bookingLink,
    slots: offer.openSlots.map((slot) => ({
      id: slot.id,
      startsAt: slot.startsAt.toISOString(),
      durationMinutes: slot.durationMinutes,
      interviewers: toInterviewers([slot.interviewer]),
      /** @deprecated the same person as `interviewers` */
      interviewer: slot.interviewer,
    })),
    expiresAt: request.expiresAt.toISOString(),
    interviewId: request.interviewId,
    candidateName: request.candidateName,
    candidateEmail: request.candidateEmail,
    role: request.role,
    durationMinutes: request.durationMinutes,
    timezone: request.timezone,
    interviewers: request.interviewers,
    channelId: request.channelId,
    slackTeamId: request.slackTeamId,
    slackEnterpriseId: request.slackEnterpriseId,
    organizerSlackUserId: request.organizerSlackUserId,
    notes: request.notes,
    meetingUrl: request.meetingUrl,
    closedAt: request.closedAt?.toISOString() ?? null,
    createdAt: request.createdAt.toISOString(),
    updatedAt: request.updatedAt.toISOString(),
    ...(request.plan ? { plan: presentPlan(request.plan) } : {}),
  };
}

/** The plan as it was asked for: each session's people, then its pools as `{anyOf, count}`. */
function presentPlan(plan: InterviewPlan) {
  return {
    sessions: plan.sessions.map((session) => ({
      title: session.title,
      durationMinutes: session.durationMinutes,
      interviewers: [
        ...session.interviewers.people,
        ...session.interviewers.pools.map((pool) => ({ anyOf: pool.anyOf, count: pool.count })),
      ],
    })),
    maxGapMinutes: plan.maxGapMinutes,
  };
}
