import type { EntityManager } from 'typeorm';
import type { Interview } from '../interviews/Interview';
import { scheduleInterview, type InterviewFromBooking } from '../interviews/scheduleInterview';
import { busyTimesOf } from '../loops/busyTimes';
import { bookInterviewers } from '../loops/interviewerBookings';
import { storedPicks } from '../loops/planRequest';
import { storeLoop } from '../loops/scheduleLoop';
import type { LoopTime } from '../plans/loopTimes';
import type { Actor } from '../shared/actor';
import { withinTransaction, type DomainContext } from '../shared/domainContext';
import type { BookingPlan, BookingRequest } from './BookingRequest';

/** Someone the picked time needs was booked by another interview after the calendars were read: nothing is stored. */
export class PlannedTimeTakenError extends Error {
  constructor() {
    super('Someone the picked time needs was booked meanwhile.');
    this.name = 'PlannedTimeTakenError';
  }
}

/**
 * Books a plan's free time the candidate picked (a panel with pools, or a loop), inside the
 * booking's transaction: `time` is the plan at that start as the calendars showed it just before
 * (findPlanTimeAt). Everyone's interviews in this app are read again inside the transaction, and
 * their time is booked in interviewer_booking, so two candidates racing for people they share get
 * one booking (on PostgreSQL the schema itself refuses an overlap); the loser's transaction is
 * undone (PlannedTimeTakenError, or PostgreSQL's exclusion violation). One session makes one
 * interview with each pool's pick; a loop makes one per session, grouped by its loop. Returns the
 * (first) interview, which the request records as booked.
 */
export async function bookPlannedTime(
  manager: EntityManager,
  context: DomainContext,
  request: BookingRequest & { plan: BookingPlan },
  picked: { slotId: string; time: LoopTime; booking: Omit<InterviewFromBooking, 'pickedPlanSlotId'>; actor: Actor },
): Promise<Interview> {
  await refuseWhenTakenMeanwhile(manager, picked.time);
  const inside = withinTransaction(context, manager);
  const booking: InterviewFromBooking = { ...picked.booking, pickedPlanSlotId: picked.slotId };
  const common = commonInputOf(request);
  const { plan } = request;
  if (plan.sessions.length === 1) {
    const [session] = picked.time.sessions;
    const { interview } = await scheduleInterview(inside, {
      input: {
        ...common,
        scheduledTime: session.startsAt.toISOString(),
        durationMinutes: plan.sessions[0].durationMinutes,
        interviewers: session.interviewers,
      },
      actor: picked.actor,
      idempotencyKey: `booking:${request.id}`,
      booking,
      plan: { poolPicks: storedPicks(session.picks), loop: null },
    });
    await bookInterviewers(manager, interview);
    return interview;
  }
  const { sessions } = await storeLoop(inside, manager, {
    commonInput: common,
    sessions: picked.time.sessions.map((session, index) => ({ ...session, durationMinutes: plan.sessions[index].durationMinutes })),
    maxGapMinutes: plan.maxGapMinutes,
    actor: picked.actor,
    idempotencyKey: `booking:${request.id}`,
    fingerprint: null,
    bookPeople: true,
    booking,
  });
  return sessions[0];
}

/** The names the request knew for its plan's people (its interviewers', and the Slack users' the directory named). */
export function planNamesOf(request: BookingRequest): Map<string, string> {
  const names = new Map(Object.entries(request.plan?.names ?? {}));
  for (const person of request.interviewers) {
    const identity = person.slackUserId ?? person.email;
    if (identity && person.name) names.set(identity, person.name);
  }
  return names;
}

async function refuseWhenTakenMeanwhile(manager: EntityManager, time: LoopTime): Promise<void> {
  const people = [...new Set(time.sessions.flatMap((session) => session.interviewers))];
  const busy = await busyTimesOf(manager, people, { from: time.startsAt, to: time.endsAt });
  for (const session of time.sessions) {
    for (const person of session.interviewers) {
      const overlaps = (busy.get(person) ?? []).some((range) => range.startsAt < session.endsAt && range.endsAt > session.startsAt);
      if (overlaps) throw new PlannedTimeTakenError();
    }
  }
}

/** What every interview the request makes shares: the candidate and the request's details, without its people or time. */
function commonInputOf(request: BookingRequest): Record<string, unknown> {
  return {
    candidateName: request.candidateName,
    candidateEmail: request.candidateEmail,
    role: request.role,
    timezone: request.timezone,
    channelId: request.channelId,
    notes: request.notes,
    meetingUrl: request.meetingUrl,
  };
}
