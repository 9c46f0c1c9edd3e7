import type { DomainContext } from '../shared/domainContext';
import { findPanelFreeTimes } from '../freeTimes/panelFreeTimes';
import type { BookingOffer, OfferedSlot } from './bookingOffers';

/** Enough to find every start on the grid between the first and last offered time (60 days of 5-minute steps). */
const EVERY_START = 20_000;

/**
 * The offer without the free times (`findTimes`) that are no longer free for the whole panel: its
 * calendars read again, and its interviews in this app, by the rules that found them. Slots an
 * interviewer offered by hand are left as they are. A calendar that cannot be read now makes
 * every free time unknown, so none is shown.
 */
export async function withOnlyTimesStillFree(context: DomainContext, offer: BookingOffer): Promise<BookingOffer> {
  const toCheck = offer.openSlots.filter((slot) => slot.fromFreeTimes);
  if (toCheck.length === 0) return offer;
  const stillFree = await startsStillFree(context, offer, toCheck);
  return { ...offer, openSlots: offer.openSlots.filter((slot) => !slot.fromFreeTimes || stillFree.has(slot.startsAt.getTime())) };
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
    to: new Date(last + durationMinutes * 60_000),
    timezone: request.timezone,
    limit: EVERY_START,
    workspace: request,
  });
  return new Set(answer.freeTimes.map((time) => time.startsAt.getTime()));
}
