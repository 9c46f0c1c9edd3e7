import { DeliveryKind } from '../domain/deliveries/DeliveryJob';
import { expireBookingRequest } from '../domain/bookings/expireBookingRequest';
import type { DomainContext } from '../domain/shared/domainContext';
import { DeliveryError } from './deliveryError';
import type { DeliveryHandlers } from './deliveryWorker';

/** A request found still open at its deadline (another replica's clock ran ahead) is looked at again this much later. */
const NOT_YET_DUE_RETRY_MS = 60_000;

/**
 * The outbox's timer for a booking request's deadline: when it falls due, the request is closed
 * as expired (its channel told, with a button to offer new slots) unless it was booked,
 * withdrawn or had already expired.
 */
export function createBookingRequestExpiryHandlers(context: DomainContext): DeliveryHandlers {
  return {
    [DeliveryKind.BookingRequestExpiry]: async (_job, _payload, request) => {
      const result = await expireBookingRequest(context, request.id);
      switch (result.outcome) {
        case 'expired':
          return {};
        case 'already_closed':
          return { skipped: `Nothing to close: the booking request was already ${result.status}.` };
        case 'still_open':
          throw DeliveryError.retryable('The booking request is not due to expire yet', NOT_YET_DUE_RETRY_MS);
      }
    },
  };
}
