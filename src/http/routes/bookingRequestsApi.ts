import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { BookingOffer } from '../../domain/bookings/bookingOffers';
import { findBookingRequestById, listBookingRequests } from '../../domain/bookings/bookingRequestQueries';
import { BookingRequestStatus } from '../../domain/bookings/bookingRequestStatus';
import { cancelBookingRequest } from '../../domain/bookings/cancelBookingRequest';
import { listDeliveriesForBookingRequest } from '../../domain/deliveries/deliveryQueries';
import type { DomainContext } from '../../domain/shared/domainContext';
import { MAX_EMAIL_LENGTH } from '../../domain/shared/participants';
import { requestCandidateBooking } from '../../domain/bookings/requestCandidateBooking';
import { resendBookingLink } from '../../domain/bookings/resendBookingLink';
import { queryParameterText } from '../../domain/shared/textRules';
import { presentBookingRequestJson } from '../../presenters/bookingRequestJson';
import { presentDeliveryJson } from '../../presenters/interviewJson';
import { pageQueryFields, readListQuery, readApiIdempotencyKey, refuseAnyBody, slackTeamIdQueryParameter } from './interviewsApi';
import { answerCreated } from './createdAnswer';

export const bookingRequestListQuerySchema = z.object({
  status: z.enum(BookingRequestStatus, { message: `Use one of: ${Object.values(BookingRequestStatus).join(', ')}.` }).optional(),
  channelId: queryParameterText(32).optional(),
  candidateEmail: queryParameterText(MAX_EMAIL_LENGTH).optional(),
  slackTeamId: slackTeamIdQueryParameter,
  ...pageQueryFields,
});

/** `/api/booking-requests`: thin adapter around the booking link commands and queries, like `/api/interviews`. */
export function bookingRequestsApiRoutes(context: DomainContext): Router {
  const router = Router();

  router.post('/', async (request, response) => {
    const { offer, created } = await requestCandidateBooking(context, {
      input: request.body,
      actor: { kind: 'api' },
      idempotencyKey: readApiIdempotencyKey(request),
    });
    answerCreated(response, created, `/api/booking-requests/${offer.request.id}`, presentBookingRequestJson(offer));
  });

  router.get('/', async (request, response) => {
    const query = readListQuery(bookingRequestListQuerySchema, request.query);
    const page = await listBookingRequests(context, query);
    response.json({ bookingRequests: page.offers.map(presentBookingRequestJson), nextCursor: page.nextCursor });
  });

  router.get('/:id', async (request, response) => {
    const offer = await findBookingRequestById(context, request.params.id);
    const deliveries = await listDeliveriesForBookingRequest(context, offer.request.id);
    response.json({ ...presentBookingRequestJson(offer), deliveries: deliveries.map(presentDeliveryJson) });
  });

  /** Cancelling twice changes nothing; with an Idempotency-Key, a repeat that changed nothing says it was replayed. */
  router.post(
    '/:id/cancel',
    answerChange(200, async (change) => {
      const { offer, changed } = await cancelBookingRequest(context, change);
      return { offer, replayed: change.requestKey !== undefined && !changed };
    }),
  );

  /** 202: the email is queued. A retry with the same Idempotency-Key sends nothing more. */
  router.post(
    '/:id/resend',
    answerChange(202, (change) => resendBookingLink(context, change)),
  );

  return router;
}

/** Which booking request the API asks to change, with its Idempotency-Key: what each change command takes. */
interface BookingRequestChange {
  bookingRequestId: string;
  actor: { kind: 'api' };
  requestKey: string | undefined;
}

/**
 * A route that makes one change to one booking request through its command, answered with
 * `status` and the request as it now stands, marked replayed when a retried key changed nothing.
 */
function answerChange(status: number, change: (request: BookingRequestChange) => Promise<{ offer: BookingOffer; replayed: boolean }>) {
  return async (request: Request<{ id: string }>, response: Response) => {
    refuseAnyBody(request);
    const requestKey = readApiIdempotencyKey(request);
    const { offer, replayed } = await change({ bookingRequestId: request.params.id, actor: { kind: 'api' }, requestKey });
    response
      .status(status)
      .set(replayed ? { 'Idempotent-Replayed': 'true' } : {})
      .json(presentBookingRequestJson(offer));
  };
}
