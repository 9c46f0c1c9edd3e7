import type { DomainContext } from '../shared/domainContext';
import { findPanelFreeTimes } from '../freeTimes/panelFreeTimes';
import { findPlanFreeTimes, type InterviewPlan } from '../freeTimes/planFreeTimes';
import type { LoopTime } from '../plans/loopTimes';
import type { BookingRequest } from './BookingRequest';
import type { BookingOffer, OfferedSlot } from './bookingOffers';

/** Enough to find every start on the grid between the first and last offered time (60 days of 5-minute steps). */
const EVERY_START = 20_000;
const MINUTE_MS = 60_000;

/**
 * The offer without the free times (`findTimes`) that are no longer free for the whole panel (or
 * its plan: each pool with enough free members, each loop session fitting): its calendars read
 * again, and its interviews in this app, by the rules that found them. Slots an interviewer
 * offered by hand are left as they are. A calendar that cannot be read now makes every free time
 * unknown, so none is shown.
 */
export async function withOnlyTimesStillFree(context: DomainContext, offer: BookingOffer): Promise<BookingOffer> {
  const toCheck = offer.openSlots.filter((slot) => slot.fromFreeTimes);
  if (toCheck.length === 0) return offer;
  const stillFree = offer.request.plan
    ? await planStartsStillFree(context, offer.request, offer.request.plan, toCheck)
    : await startsStillFree(context, offer, toCheck);
  return { ...offer, openSlots: offer.openSlots.filter((slot) => !slot.fromFreeTimes || stillFree.has(slot.startsAt.getTime())) };
}

/**
 * The plan's sessions and people at `firstStart`, if that is still one of its free times: the
 * calendars read fresh, just before the candidate's pick is booked. Null when it is not.
 */
export async function findPlanTimeAt(context: DomainContext, request: BookingRequest, firstStart: Date): Promise<LoopTime | null> {
  const plan = request.plan;
  if (!plan) return null;
  const answer = await findPlanFreeTimes(context, {
    plan,
    from: firstStart,
    to: new Date(firstStart.getTime() + longestSpanMs(plan)),
    timezone: request.timezone,
    limit: 1,
    workspace: request,
  });
  const found = answer.times[0];
  return found && found.startsAt.getTime() === firstStart.getTime() ? found : null;
}

/** The longest a plan can last: every session, with the longest gap between each two. */
function longestSpanMs(plan: InterviewPlan): number {
  const minutes =
    plan.sessions.reduce((sum, session) => sum + session.durationMinutes, 0) + plan.maxGapMinutes * (plan.sessions.length - 1);
  return minutes * MINUTE_MS;
}

async function planStartsStillFree(
  context: DomainContext,
  request: BookingRequest,
  plan: InterviewPlan,
  slots: OfferedSlot[],
): Promise<Set<number>> {
  const first = Math.min(...slots.map((slot) => slot.startsAt.getTime()));
  const last = Math.max(...slots.map((slot) => slot.startsAt.getTime()));
  const answer = await findPlanFreeTimes(context, {
    plan,
    from: new Date(first),
    to: new Date(last + longestSpanMs(plan)),
    timezone: request.timezone,
    limit: EVERY_START,
    workspace: request,
  });
  return new Set(answer.times.map((time) => time.startsAt.getTime()));
}

async function startsStillFree(context: DomainContext, offer: BookingOffer, slots: OfferedSlot[]): Promise<Set<number>> {
  const { request } = offer;
  const durationMinutes = slots[0].durationMinutes;
  const first = Math.min(...slots.map((slot) => slot.startsAt.getTime()));
  const last = Math.max(...slots.map((slot) => slot.startsAt.getTime()));
  const answer = await findPanelFreeTimes(context, {
    interviewers: request.interviewers.flatMap((person) => {
      const identity = person.slackUserId ?? person.email;
      return identity ? [identity] : [];
    }),
    durationMinutes,
    from: new Date(first),
    to: new Date(last + durationMinutes * MINUTE_MS),
    timezone: request.timezone,
    limit: EVERY_START,
    workspace: request,
  });
  return new Set(answer.freeTimes.map((time) => time.startsAt.getTime()));
}
