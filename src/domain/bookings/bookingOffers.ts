import { In, type EntityManager } from 'typeorm';
import { AvailabilitySlot } from '../slots/AvailabilitySlot';
import type { BookingRequest } from './BookingRequest';
import { BookingRequestSlot } from './BookingRequestSlot';
import { Interview } from '../interviews/Interview';
import { InterviewEvent, InterviewEventType } from '../interviews/InterviewEvent';
import { BookingRequestStatus } from './bookingRequestStatus';
import { isSlotOpen } from '../slots/slotQueries';
import { bookingRequestState } from './bookingWindow';
import { findLoopSessions } from '../loops/loopQueries';

/** A slot as offered to a candidate: when, for how long the interview would last, and with whom. */
export interface OfferedSlot {
  id: string;
  startsAt: Date;
  /** The interview's length if this slot is picked: the request's, else the slot's own. */
  durationMinutes: number;
  /** A Slack user id or an email address, as the slot stores it. */
  interviewer: string;
  /** How the candidate reads the interviewer, when known. */
  interviewerName: string | null;
  /** One of the panel's free times (`findTimes`): checked against the calendars again before it is shown or booked. */
  fromFreeTimes?: boolean;
}

/** A booking request as it stands now: its state, what can still be picked, and its interview once booked. */
export interface BookingOffer {
  request: BookingRequest;
  state: BookingRequestStatus;
  /** The offered slots still open (free, not begun), soonest first; empty once the request is closed. */
  openSlots: OfferedSlot[];
  interview: Interview | null;
  /**
   * The join link the candidate booked with, while it still is the interview's link; null before
   * booking and once the link was rotated. Whoever holds the booking link (a forwarded email)
   * learns the join link it made, never the one that replaced it.
   */
  bookedJoinLink: string | null;
  /** When the pick booked a loop: every session, in order (the first is `interview`). */
  loopSessions?: Interview[];
}

/**
 * The request's offered slots that can still be picked at `now`, soonest first: those nobody has
 * booked (here or anywhere else) and that have not begun, as `listOpenSlots` counts them.
 */
export async function findOpenOfferedSlots(manager: EntityManager, request: BookingRequest, now: Date): Promise<OfferedSlot[]> {
  const offers = await manager.findBy(BookingRequestSlot, { bookingRequestId: request.id });
  if (offers.length === 0) return [];
  const slots = await manager.findBy(AvailabilitySlot, { id: In(offers.map((offer) => offer.slotId)) });
  const nameBySlot = new Map(offers.map((offer) => [offer.slotId, offer.interviewerName]));
  return slots
    .filter((slot) => isSlotOpen(slot, now))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .map((slot) => ({
      id: slot.id,
      startsAt: slot.startsAt,
      durationMinutes: request.durationMinutes ?? slot.durationMinutes,
      interviewer: slot.interviewer,
      interviewerName: nameBySlot.get(slot.id) ?? null,
      fromFreeTimes: slot.forBookingRequestId !== null,
    }));
}

/** The request as it stands at `now`, read inside the caller's transaction or read. */
export async function describeOffer(manager: EntityManager, request: BookingRequest, now: Date): Promise<BookingOffer> {
  const openSlots = await findOpenOfferedSlots(manager, request, now);
  const state = bookingRequestState(request, openSlots.length, now);
  const interview = request.interviewId ? await manager.findOneBy(Interview, { id: request.interviewId }) : null;
  const bookedJoinLink = interview && !(await wasLinkRotated(manager, interview)) ? interview.joinLink : null;
  const loopSessions = interview?.loopId ? await findLoopSessions(manager, interview.loopId) : undefined;
  return {
    request,
    state,
    openSlots: state === BookingRequestStatus.Open ? openSlots : [],
    interview,
    bookedJoinLink,
    ...(loopSessions ? { loopSessions } : {}),
  };
}

/** Whether the interview's join link was replaced since it was made (its key is only ever changed by rotating it). */
function wasLinkRotated(manager: EntityManager, interview: Pick<Interview, 'id'>): Promise<boolean> {
  return manager.existsBy(InterviewEvent, { interviewId: interview.id, type: InterviewEventType.LinkRotated });
}

/** Everyone whose slot the request offered, whether still open or not (Slack ids and addresses). */
export async function findOfferedInterviewers(manager: EntityManager, request: Pick<BookingRequest, 'id'>): Promise<string[]> {
  const rows = await manager
    .createQueryBuilder(AvailabilitySlot, 'slot')
    .innerJoin(BookingRequestSlot, 'offer', 'offer.slotId = slot.id')
    .where('offer.bookingRequestId = :id', { id: request.id })
    .select('DISTINCT slot.interviewer', 'interviewer')
    .getRawMany<{ interviewer: string }>();
  return rows.map((row) => row.interviewer);
}
