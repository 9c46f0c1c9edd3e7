import { v4 as uuidv4 } from 'uuid';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../db/database';
import { BookingRequest } from './BookingRequest';
import { BookingRequestSlot } from './BookingRequestSlot';
import type { Interview } from '../interviews/Interview';
import type { Interviewer } from '../shared/participants';
import { describeOffer, type BookingOffer, type OfferedSlot } from './bookingOffers';
import { isWellFormedBookingToken } from './bookingLink';
import { loadBookingRequestForChange } from './bookingRequestChanges';
import { queueBookingRequestDeliveries } from './bookingRequestDeliveries';
import { closeAsExpired, expireBookingRequest } from './expireBookingRequest';
import { findBookingOfferByToken } from './bookingRequestQueries';
import { BookingRequestStatus } from './bookingRequestStatus';
import { expiryReason, isForgottenBookingLink } from './bookingWindow';
import { DeliveryKind } from '../deliveries/DeliveryJob';
import { withinTransaction, type DomainContext } from '../shared/domainContext';
import type { Actor } from '../shared/actor';
import { slotIdSchema } from '../interviews/interviewInput';
import { scheduleInterview } from '../interviews/scheduleInterview';
import { queueDeliveries } from '../interviews/interviewDeliveries';
import { planInterviewWebhook, withWebhooksIfOn } from '../interviews/interviewWebhooks';
import { isSlotTakenError } from '../slots/slotBooking';
import { workspaceOfRow } from '../workspaces/slackWorkspace';
import { findPlanTimeAt, withOnlyTimesStillFree } from './freeTimeOffers';
import { bookPlannedTime, planNamesOf, PlannedTimeTakenError } from './bookPlannedTime';
import { isInterviewerOverlap } from '../loops/interviewerBookings';
import type { LoopTime } from '../plans/loopTimes';

export interface BookOfferedSlotProps {
  /** The booking link's token, as the candidate's form sent it (unchecked). */
  token: unknown;
  /** The slot the candidate picked, as the form sent it (unchecked). */
  slotId: unknown;
}

/** What became of a candidate's pick; each outcome is answered differently by the booking page. */
export type BookingAttempt =
  /** The interview exists; `created` is false for a repeated submit of the same pick. */
  | { outcome: 'booked'; interview: Interview; created: boolean }
  /** The slot was offered but someone else got it (or it has begun); `offer` holds what is left. */
  | { outcome: 'slot_taken'; offer: BookingOffer }
  /** One of the panel's free times, which a calendar now shows busy; `offer` holds the times still free. */
  | { outcome: 'time_now_busy'; offer: BookingOffer }
  /** No slot, or one this link never offered, was picked. */
  | { outcome: 'not_offered'; offer: BookingOffer }
  /** The link no longer books: booked (with another pick), expired or cancelled. */
  | { outcome: 'closed'; offer: BookingOffer }
  /** The token opens nothing. */
  | { outcome: 'unknown' };

/** Looked up in place of a malformed token. */
const NEVER_ISSUED_TOKEN = '-';

/** The candidate, as the interview's first event names who scheduled it. */
const CANDIDATE: Actor = { kind: 'candidate' };

/**
 * The candidate picked one of the offered slots. In one transaction: the request is locked and
 * marked booked, and the interview is created by `scheduleInterview`'s own transaction body with
 * that slot (R6 in docs/rules.md: its time is the slot's start, it gets its key, link, invitation and channel
 * message, and the slot is booked once). Two candidates racing for one slot get one interview;
 * a double submit gets the same one.
 */
export async function bookOfferedSlot(context: DomainContext, props: BookOfferedSlotProps): Promise<BookingAttempt> {
  const picked = slotIdSchema.safeParse(props.slotId);
  const slotId = picked.success ? picked.data : null;
  const freshCheck = await checkAFreeTimeIsStillFree(context, props.token, slotId);
  if (freshCheck.busyNow) return freshCheck.busyNow;
  let attempt: BookingAttempt;
  let queuedDeliveries = false;
  try {
    attempt = await context.database.transaction(async (manager) => {
      const inTransaction = await bookInTransaction(manager, context, props.token, slotId, freshCheck.planTime);
      queuedDeliveries = inTransaction.queuedDeliveries;
      return inTransaction.attempt;
    });
  } catch (error) {
    if (error instanceof PlannedTimeTakenError || isInterviewerOverlap(error)) {
      attempt = await afterLosingAPlannedTime(context, props.token);
    } else if (isSlotTakenError(error) || isUniqueViolation(error)) {
      attempt = await afterLosingTheSlot(context, props.token);
    } else {
      throw error;
    }
  }
  if (queuedDeliveries) context.onDeliveriesQueued();
  return attempt;
}

/** What the calendars, read fresh, say of a pick of a free time: busy now (with what is left), or, for a plan, its sessions and people now. */
interface FreshCheck {
  busyNow?: BookingAttempt;
  planTime?: LoopTime;
}

/**
 * A pick of one of the panel's (or a plan's) free times (`findTimes`) is checked against the
 * calendars read fresh, before anything is booked: a time that has become busy is refused with
 * what is left. A plan's time is laid out again (each pool's pick, each session's start) from
 * what the calendars show now.
 */
async function checkAFreeTimeIsStillFree(context: DomainContext, token: unknown, slotId: string | null): Promise<FreshCheck> {
  if (slotId === null) return {};
  const offer = await findBookingOfferByToken(context, token);
  const pickedFreeTime =
    offer?.state === BookingRequestStatus.Open ? offer.openSlots.find((slot) => slot.id === slotId && slot.fromFreeTimes) : undefined;
  if (!offer || !pickedFreeTime) return {};
  if (offer.request.plan) {
    const planTime = await findPlanTimeAt(context, offer.request, pickedFreeTime.startsAt);
    if (planTime) return { planTime };
    return { busyNow: { outcome: 'time_now_busy', offer: await withOnlyTimesStillFree(context, offer) } };
  }
  const fresh = await withOnlyTimesStillFree(context, offer);
  return fresh.openSlots.some((slot) => slot.id === slotId) ? {} : { busyNow: { outcome: 'time_now_busy', offer: fresh } };
}

/** A pick's outcome, and whether the transaction queued deliveries the worker should hear of once it commits. */
interface BookingInTransaction {
  attempt: BookingAttempt;
  queuedDeliveries: boolean;
}

async function bookInTransaction(
  manager: EntityManager,
  context: DomainContext,
  token: unknown,
  slotId: string | null,
  planTime: LoopTime | undefined,
): Promise<BookingInTransaction> {
  const attempt = (outcome: BookingAttempt, queuedDeliveries = false): BookingInTransaction => ({ attempt: outcome, queuedDeliveries });
  const now = context.now();
  // A malformed token is looked up like any other, so timing does not tell them apart.
  const request = await loadBookingRequestForChange(manager, context.database, {
    token: isWellFormedBookingToken(token) ? token : NEVER_ISSUED_TOKEN,
  });
  if (!request || isForgottenBookingLink(request, now)) return attempt({ outcome: 'unknown' });
  const offer = await describeOffer(manager, request, now);
  // A repeated submit is taken to the join page it booked, but only while that link still opens it.
  if (offer.state === BookingRequestStatus.Booked && offer.bookedJoinLink && slotId !== null && offer.interview?.slotId === slotId) {
    return attempt({ outcome: 'booked', interview: offer.interview, created: false });
  }
  if (offer.state !== BookingRequestStatus.Open) {
    // Stored open but nothing left to pick (another candidate's booking passed over this request
    // while it was locked here): this transaction holds its lock, so it closes it for good.
    const closedNow =
      request.status === BookingRequestStatus.Open && (await closeAsExpired(manager, request, expiryReason(request, now), now));
    return attempt({ outcome: 'closed', offer }, closedNow);
  }
  const slot = offer.openSlots.find((open) => open.id === slotId);
  if (!slot) {
    const offered = slotId !== null && (await manager.existsBy(BookingRequestSlot, { bookingRequestId: request.id, slotId }));
    return attempt({ outcome: offered ? 'slot_taken' : 'not_offered', offer });
  }
  const planned = request.plan ? { ...request, plan: request.plan } : null;
  if (planned && planTime?.startsAt.getTime() !== slot.startsAt.getTime()) {
    // The calendars were not read for this pick (the offer changed under it): it is not booked blind.
    return attempt({ outcome: 'time_now_busy', offer });
  }
  const interviewId = uuidv4();
  await manager.update(
    BookingRequest,
    { id: request.id, status: BookingRequestStatus.Open },
    { status: BookingRequestStatus.Booked, interviewId, closedAt: now, closedBy: 'candidate', updatedAt: now },
  );
  const booking = {
    interviewId,
    organizerSlackUserId: request.organizerSlackUserId,
    slackMessage:
      request.slackMessageChannelId && request.slackMessageTs
        ? { channelId: request.slackMessageChannelId, ts: request.slackMessageTs }
        : null,
    workspace: workspaceOfRow(request),
    interviewerNames: planned ? planNamesOf(request) : interviewerNamesOf(request, slot),
  };
  const interview = planned
    ? await bookPlannedTime(manager, context, planned, { slotId: slot.id, time: planTime!, booking, actor: CANDIDATE })
    : (
        await scheduleInterview(withinTransaction(context, manager), {
          input: interviewInputFor(request, slot),
          actor: CANDIDATE,
          idempotencyKey: `booking:${request.id}`,
          booking,
        })
      ).interview;
  const booked = planInterviewWebhook('booking_request.booked', interview, now, { bookingRequestId: request.id });
  await queueDeliveries(manager, interview, withWebhooksIfOn(context, [booked]), now);
  if (request.channelId) {
    await queueBookingRequestDeliveries(
      manager,
      request,
      [{ kind: DeliveryKind.BookingRequestThreadReply, payload: { event: 'booked', startsAt: interview.scheduledTime.toISOString() } }],
      now,
    );
  }
  return attempt({ outcome: 'booked', interview, created: true }, true);
}

/**
 * The request's details and the picked slot as the raw input `scheduleInterview` checks, so the
 * interview passes through the very same rules as one scheduled from Slack or the API.
 */
function interviewInputFor(request: BookingRequest, slot: OfferedSlot): Record<string, unknown> {
  return {
    candidateName: request.candidateName,
    candidateEmail: request.candidateEmail,
    role: request.role,
    slotId: slot.id,
    durationMinutes: request.durationMinutes,
    timezone: request.timezone,
    interviewers: request.interviewers.map((person) => person.slackUserId ?? person.email),
    channelId: request.channelId,
    notes: request.notes,
    meetingUrl: request.meetingUrl,
  };
}

/** The names the request knew for its interviewers and the picked slot's, by Slack id or address. */
function interviewerNamesOf(request: BookingRequest, slot: OfferedSlot): Map<string, string> {
  const names = new Map(request.interviewers.filter((person) => person.name).map((person) => [identityOf(person), person.name!]));
  if (slot.interviewerName) names.set(slot.interviewer, slot.interviewerName);
  return names;
}

function identityOf(person: Interviewer): string {
  return person.slackUserId ?? person.email ?? '';
}

/**
 * Someone the picked plan time needs was booked by another interview while this one was being
 * made, and this transaction was undone: the times still free, read fresh.
 */
async function afterLosingAPlannedTime(context: DomainContext, token: unknown): Promise<BookingAttempt> {
  const offer = await findBookingOfferByToken(context, token);
  if (!offer) return { outcome: 'unknown' };
  if (offer.state !== BookingRequestStatus.Open) return { outcome: 'closed', offer };
  return { outcome: 'time_now_busy', offer: await withOnlyTimesStillFree(context, offer) };
}

/**
 * Another booking took the slot while this one was being made, and this transaction was undone:
 * what is left to pick, or, when nothing is, the request closed as expired.
 */
async function afterLosingTheSlot(context: DomainContext, token: unknown): Promise<BookingAttempt> {
  const offer = await findBookingOfferByToken(context, token);
  if (!offer) return { outcome: 'unknown' };
  if (offer.state === BookingRequestStatus.Open) return { outcome: 'slot_taken', offer };
  await expireBookingRequest(context, offer.request.id);
  const closed = await findBookingOfferByToken(context, token);
  return closed ? { outcome: 'closed', offer: closed } : { outcome: 'unknown' };
}
