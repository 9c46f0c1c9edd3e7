import type { BookingRequest } from './BookingRequest';
import { BookingRequestStatus } from './bookingRequestStatus';

/** BOOKING_LINK_EXPIRES_HOURS when not configured: three days to pick. */
export const DEFAULT_BOOKING_LINK_EXPIRES_HOURS = 72;

/** A candidate is nudged only when there is this long to pick; a shorter window would make the nudge noise. */
export const MIN_NUDGE_WINDOW_MINUTES = 120;

/** A closed booking link keeps explaining itself (booked, expired, withdrawn) this long; after that it opens nothing. */
export const CLOSED_BOOKING_LINK_ANSWERS_DAYS = 30;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** When a request made `now` stops booking, whatever its slots. */
export function bookingLinkExpiresAt(now: Date, expiresHours: number): Date {
  return new Date(now.getTime() + expiresHours * 60 * MINUTE_MS);
}

/**
 * The last moment anything can be picked: the link's expiry, or the start of the latest offered
 * slot if that comes first (a slot that has begun is no longer open).
 */
export function bookingDeadline(expiresAt: Date, slotStarts: Date[]): Date {
  // No time on offer at the moment (every one busy on a calendar, or a calendar unreadable): the link's own expiry.
  if (slotStarts.length === 0) return expiresAt;
  const latestStart = Math.max(...slotStarts.map((start) => start.getTime()));
  return new Date(Math.min(expiresAt.getTime(), latestStart));
}

/** Halfway to the deadline, the candidate who has not picked yet is reminded; null when the window is too short for that. */
export function nudgeAt(createdAt: Date, deadline: Date): Date | null {
  const windowMs = deadline.getTime() - createdAt.getTime();
  if (windowMs < MIN_NUDGE_WINDOW_MINUTES * MINUTE_MS) return null;
  return new Date(createdAt.getTime() + windowMs / 2);
}

/**
 * What a request is now. A stored `open` request reads as expired once its link has expired or
 * none of its slots is open (booked by someone else, or begun), even before the outbox's expiry
 * job has closed it for good.
 */
export function bookingRequestState(
  request: Pick<BookingRequest, 'status' | 'expiresAt'>,
  openSlotCount: number,
  now: Date,
): BookingRequestStatus {
  if (request.status !== BookingRequestStatus.Open) return request.status;
  if (now.getTime() >= request.expiresAt.getTime() || openSlotCount === 0) return BookingRequestStatus.Expired;
  return BookingRequestStatus.Open;
}

/** Why an open request expired: its time ran out, or nothing is left to pick. */
export function expiryReason(request: Pick<BookingRequest, 'expiresAt'>, now: Date): 'time_up' | 'no_slot_left' {
  return now.getTime() >= request.expiresAt.getTime() ? 'time_up' : 'no_slot_left';
}

/**
 * A link closed long ago opens nothing, like one never issued, so old links cannot be used to
 * learn about past requests.
 */
export function isForgottenBookingLink(request: Pick<BookingRequest, 'closedAt' | 'expiresAt'>, now: Date): boolean {
  const closed = request.closedAt && request.closedAt.getTime() < request.expiresAt.getTime() ? request.closedAt : request.expiresAt;
  return now.getTime() > closed.getTime() + CLOSED_BOOKING_LINK_ANSWERS_DAYS * DAY_MS;
}
