import { In } from 'typeorm';
import type { DeliveryResult, DeliverySubjects } from '../deliveries/deliverySubjects';
import { BookingRequest } from './BookingRequest';
import { planBookingRequestDeliveriesAfterOutcome } from './bookingRequestDeliveries';

/** What a handler of a booking request's delivery reports, with what it learned of the request. */
export interface BookingRequestDeliveryResult extends DeliveryResult {
  /** Where its "waiting" message landed: stored on the request in the transaction that marks the job delivered. */
  bookingRequestChanges?: Partial<Pick<BookingRequest, 'slackMessageChannelId' | 'slackMessageTs'>>;
}

/**
 * The outbox's jobs about a booking request not yet booked: each handler checks for itself whether
 * the request still needs it; a delivered job stores where the request's message landed, and the
 * link email's outcome, delivered or failed, has the channel's message redrawn.
 */
export const BOOKING_REQUEST_DELIVERIES: DeliverySubjects<BookingRequest, BookingRequestDeliveryResult> = {
  idOf: (job) => job.bookingRequestId,
  missingReason: 'The booking request no longer exists.',

  async load(manager, ids) {
    const requests = await manager.findBy(BookingRequest, { id: In(ids) });
    return new Map(requests.map((request) => [request.id, request]));
  },

  async recordOutcome(manager, job, request, outcome) {
    const changes = outcome.status === 'delivered' ? outcome.result.bookingRequestChanges : undefined;
    if (changes && Object.keys(changes).length > 0) await manager.update(BookingRequest, { id: request.id }, changes);
    return planBookingRequestDeliveriesAfterOutcome(job, request);
  },
};
