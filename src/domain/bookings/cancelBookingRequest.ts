import { BookingRequest } from './BookingRequest';
import { describeOffer, type BookingOffer } from './bookingOffers';
import { assertMayChangeBookingRequest, requireBookingRequestForChange } from './bookingRequestChanges';
import { planDeliveriesForBookingChange, queueBookingRequestDeliveries } from './bookingRequestDeliveries';
import { BookingRequestStatus } from './bookingRequestStatus';
import { type DomainContext } from '../shared/domainContext';
import { describeActor, recordedActor, type Actor } from '../shared/actor';
import { BookingRequestClosedError } from '../shared/errors';
import { recordRequestKeyUse, requireKeyNamesThisRequest, runClaimingRequestKey, type RequestKeyUse } from '../shared/requestKeys';

export interface CancelBookingRequestProps {
  /** The request to withdraw, as the API path or the button's value gave it (unchecked). */
  bookingRequestId: string;
  /** Who withdraws it: the API, or a Slack user who must be its sender or one of its interviewers. */
  actor: Actor;
  /** The API's Idempotency-Key: a key used for any other request is refused (IdempotencyConflictError). */
  requestKey?: string;
}

export interface CancelBookingRequestResult {
  offer: BookingOffer;
  /** False when it was already cancelled: cancelling twice changes nothing and tells nobody again. */
  changed: boolean;
}

/** What the hiring team is told when a request can no longer be withdrawn. */
const REFUSALS: Partial<Record<BookingRequestStatus, string>> = {
  [BookingRequestStatus.Booked]: 'The candidate already picked a time, so there is nothing to withdraw. Cancel the interview instead.',
  [BookingRequestStatus.Expired]: 'This booking link has already expired; the candidate can no longer use it.',
};

/**
 * Withdraws a booking link before the candidate picks: the link stops booking at once (its page
 * says the offer was withdrawn) and the channel's message and thread say who withdrew it. Only
 * the person who sent it and its interviewers may, like an interview's buttons.
 */
export async function cancelBookingRequest(context: DomainContext, props: CancelBookingRequestProps): Promise<CancelBookingRequestResult> {
  let changed = false;
  const inTransaction = () =>
    context.database.transaction(async (manager) => {
      changed = false;
      const now = context.now();
      const request = await requireBookingRequestForChange(manager, context.database, props.bookingRequestId);
      await assertMayChangeBookingRequest(manager, request, props.actor);
      const keyedRequest: RequestKeyUse = { action: 'cancel_booking_request', targetId: request.id };
      const firstUse = props.requestKey ? await requireKeyNamesThisRequest(manager, props.requestKey, keyedRequest) : null;
      if (request.status === BookingRequestStatus.Open) {
        if (props.requestKey && !firstUse) await recordRequestKeyUse(manager, props.requestKey, keyedRequest, now);
        await manager.update(
          BookingRequest,
          { id: request.id },
          { status: BookingRequestStatus.Cancelled, closedAt: now, closedBy: describeActor(props.actor), updatedAt: now },
        );
        Object.assign(request, {
          status: BookingRequestStatus.Cancelled,
          closedAt: now,
          closedBy: describeActor(props.actor),
          updatedAt: now,
        });
        await queueBookingRequestDeliveries(
          manager,
          request,
          planDeliveriesForBookingChange(request, { event: 'cancelled', by: recordedActor(props.actor) }),
          now,
        );
        changed = true;
      } else if (request.status !== BookingRequestStatus.Cancelled) {
        throw new BookingRequestClosedError(REFUSALS[request.status] ?? 'This booking link can no longer be withdrawn.');
      }
      return describeOffer(manager, request, now);
    });
  const offer = await runClaimingRequestKey(props.requestKey, inTransaction);
  if (changed) context.onDeliveriesQueued();
  return { offer, changed };
}
