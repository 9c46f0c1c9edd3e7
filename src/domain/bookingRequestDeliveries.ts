import { v4 as uuidv4 } from 'uuid';
import type { EntityManager } from 'typeorm';
import type { BookingRequest } from '../db/entities/BookingRequest';
import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../db/entities/DeliveryJob';
import { insertRows } from '../db/insertRows';
import { bookingDeadline, nudgeAt } from './bookingWindow';
import type { BookingRequestThreadEvent, PlannedDelivery } from './deliveryPayloads';

/** A delivery owed by a booking request, due at once or at `dueAt` (a nudge, the expiry). */
export type PlannedBookingDelivery = PlannedDelivery & { dueAt?: Date };

/**
 * What a new booking request owes: the candidate's "pick your time" email, the channel's
 * "waiting" message, a nudge halfway to the deadline, and the expiry that closes it if nobody
 * picks. The nudge and the expiry check again when they fall due whether they still apply.
 */
export function planDeliveriesForNewBookingRequest(request: BookingRequest, slotStarts: Date[]): PlannedBookingDelivery[] {
  const deadline = bookingDeadline(request.expiresAt, slotStarts);
  const deliveries: PlannedBookingDelivery[] = [{ kind: DeliveryKind.BookingLinkEmail, payload: { reason: 'request' } }];
  if (request.channelId) {
    deliveries.push({ kind: DeliveryKind.BookingRequestPost, payload: null });
  }
  const nudge = nudgeAt(request.createdAt, deadline);
  if (nudge) {
    deliveries.push({ kind: DeliveryKind.BookingLinkEmail, payload: { reason: 'nudge' }, dueAt: nudge });
  }
  deliveries.push({ kind: DeliveryKind.BookingRequestExpiry, payload: null, dueAt: deadline });
  return deliveries;
}

/** A change to a request: its message redrawn and the change told in its thread, when it has a channel. */
export function planDeliveriesForBookingChange(
  request: Pick<BookingRequest, 'channelId'>,
  event: BookingRequestThreadEvent,
): PlannedBookingDelivery[] {
  if (!request.channelId) return [];
  return [
    { kind: DeliveryKind.BookingRequestMessageUpdate, payload: null },
    { kind: DeliveryKind.BookingRequestThreadReply, payload: event },
  ];
}

/** Once the booking link email went out or failed for good, the channel's message shows which. */
export function planBookingRequestDeliveriesAfterOutcome(
  job: Pick<DeliveryJob, 'kind'>,
  request: Pick<BookingRequest, 'channelId'>,
): PlannedBookingDelivery[] {
  if (job.kind !== DeliveryKind.BookingLinkEmail || !request.channelId) return [];
  return [{ kind: DeliveryKind.BookingRequestMessageUpdate, payload: null }];
}

/** Writes a booking request's deliveries into the outbox inside the caller's transaction. */
export async function queueBookingRequestDeliveries(
  manager: EntityManager,
  bookingRequestId: string,
  deliveries: PlannedBookingDelivery[],
  now: Date,
): Promise<DeliveryJob[]> {
  if (deliveries.length === 0) return [];
  const jobs = deliveries.map((delivery) =>
    manager.create(DeliveryJob, {
      id: uuidv4(),
      kind: delivery.kind,
      interviewId: null,
      bookingRequestId,
      payload: delivery.payload,
      status: DeliveryStatus.Pending,
      attempts: 0,
      nextAttemptAt: delivery.dueAt ?? now,
      leaseOwner: null,
      leaseExpiresAt: null,
      providerMessageId: null,
      lastError: null,
      deliveredAt: null,
      createdAt: now,
      updatedAt: now,
    }),
  );
  await insertRows(manager, DeliveryJob, jobs);
  return jobs;
}
