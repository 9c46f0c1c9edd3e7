import type { EntityManager } from 'typeorm';
import type { BookingRequest } from './BookingRequest';
import { type DeliveryJob, DeliveryKind } from '../deliveries/DeliveryJob';
import { bookingDeadline, nudgeAt } from './bookingWindow';
import type { BookingRequestThreadEvent } from '../deliveries/deliveryPayloads';
import { insertDeliveryJobs, type QueuedDelivery } from '../deliveries/insertDeliveryJobs';

/**
 * What a new booking request owes: the candidate's "pick your time" email, the channel's
 * "waiting" message, a nudge halfway to the deadline, and the expiry that closes it if nobody
 * picks. The nudge and the expiry check again when they fall due whether they still apply.
 */
export function planDeliveriesForNewBookingRequest(request: BookingRequest, slotStarts: Date[]): QueuedDelivery[] {
  const deadline = bookingDeadline(request.expiresAt, slotStarts);
  const deliveries: QueuedDelivery[] = [{ kind: DeliveryKind.BookingLinkEmail, payload: { reason: 'request' } }];
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
): QueuedDelivery[] {
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
): QueuedDelivery[] {
  if (job.kind !== DeliveryKind.BookingLinkEmail || !request.channelId) return [];
  return [{ kind: DeliveryKind.BookingRequestMessageUpdate, payload: null }];
}

/** Writes a booking request's deliveries into the outbox inside the caller's transaction. */
export function queueBookingRequestDeliveries(
  manager: EntityManager,
  request: Pick<BookingRequest, 'id' | 'slackTeamId' | 'slackEnterpriseId'>,
  deliveries: QueuedDelivery[],
  now: Date,
): Promise<DeliveryJob[]> {
  return insertDeliveryJobs(
    manager,
    { interviewId: null, bookingRequestId: request.id, slackTeamId: request.slackTeamId, slackEnterpriseId: request.slackEnterpriseId },
    deliveries,
    now,
  );
}
