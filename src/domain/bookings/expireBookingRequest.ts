import type { EntityManager } from 'typeorm';
import { BookingRequest } from './BookingRequest';
import { BookingRequestSlot } from './BookingRequestSlot';
import { findOpenOfferedSlots } from './bookingOffers';
import { loadBookingRequestForChange } from './bookingRequestChanges';
import { planDeliveriesForBookingChange, queueBookingRequestDeliveries } from './bookingRequestDeliveries';
import { BookingRequestStatus } from './bookingRequestStatus';
import { bookingRequestState, expiryReason } from './bookingWindow';
import type { BookingExpiryReason } from '../deliveries/deliveryPayloads';
import type { DomainContext } from '../shared/domainContext';

/** Who closes a request that ran out, in its `closedBy`. */
const CLOSED_BY_EXPIRY = 'system';

/**
 * Closes an open request for good as expired and tells its channel (the message redrawn, a reply
 * in its thread offering new slots), inside the caller's transaction. False when it was not open.
 */
export async function closeAsExpired(
  manager: EntityManager,
  request: BookingRequest,
  reason: BookingExpiryReason,
  now: Date,
): Promise<boolean> {
  const closed = await manager.update(
    BookingRequest,
    { id: request.id, status: BookingRequestStatus.Open },
    { status: BookingRequestStatus.Expired, closedAt: now, closedBy: CLOSED_BY_EXPIRY, updatedAt: now },
  );
  if (closed.affected !== 1) return false;
  Object.assign(request, { status: BookingRequestStatus.Expired, closedAt: now, closedBy: CLOSED_BY_EXPIRY, updatedAt: now });
  await queueBookingRequestDeliveries(manager, request, planDeliveriesForBookingChange(request, { event: 'expired', reason }), now);
  return true;
}

/**
 * A slot was just booked, whichever way: every open request that offered it and now has nothing
 * left to pick expires at once, so its channel hears so now rather than at its deadline. Requests
 * another transaction is changing at this moment (a candidate booking one of them) are passed
 * over instead of waited for, so two bookings never wait on each other; that transaction, or the
 * request's expiry job, closes them.
 */
export async function expireOffersLeftWithoutSlots(manager: EntityManager, slotId: string, now: Date): Promise<void> {
  const query = manager
    .createQueryBuilder(BookingRequest, 'request')
    .innerJoin(BookingRequestSlot, 'offer', 'offer.bookingRequestId = request.id')
    .where('offer.slotId = :slotId', { slotId })
    .andWhere('request.status = :open', { open: BookingRequestStatus.Open });
  if (manager.connection.driver.options.type === 'postgres') {
    query.setLock('pessimistic_write', undefined, ['request']).setOnLocked('skip_locked');
  }
  for (const request of await query.getMany()) {
    const openSlots = await findOpenOfferedSlots(manager, request, now);
    if (openSlots.length === 0) await closeAsExpired(manager, request, 'no_slot_left', now);
  }
}

/** What the expiry job found: the request closed now, or it had already been closed some other way. */
export type ExpiryOutcome =
  { outcome: 'expired' } | { outcome: 'already_closed'; status: BookingRequestStatus } | { outcome: 'still_open' };

/**
 * Run when a request's deadline comes (its outbox expiry job), and after a candidate lost the race
 * for a slot: closes it as expired if it is still stored open but nothing can be picked any more.
 */
export async function expireBookingRequest(context: DomainContext, bookingRequestId: string): Promise<ExpiryOutcome> {
  const outcome = await context.database.transaction(async (manager): Promise<ExpiryOutcome> => {
    const now = context.now();
    const request = await loadBookingRequestForChange(manager, context.database, { id: bookingRequestId });
    if (!request) return { outcome: 'already_closed', status: BookingRequestStatus.Cancelled };
    if (request.status !== BookingRequestStatus.Open) return { outcome: 'already_closed', status: request.status };
    const openSlots = await findOpenOfferedSlots(manager, request, now);
    if (bookingRequestState(request, openSlots.length, now) === BookingRequestStatus.Open) return { outcome: 'still_open' };
    await closeAsExpired(manager, request, expiryReason(request, now), now);
    return { outcome: 'expired' };
  });
  if (outcome.outcome === 'expired') context.onDeliveriesQueued();
  return outcome;
}
