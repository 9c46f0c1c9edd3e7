import { MoreThanOrEqual, type EntityManager } from 'typeorm';
import { DeliveryJob, DeliveryKind } from '../deliveries/DeliveryJob';
import { describeOffer, type BookingOffer } from './bookingOffers';
import { assertMayChangeBookingRequest, requireBookingRequestForChange } from './bookingRequestChanges';
import { planDeliveriesForBookingChange, queueBookingRequestDeliveries } from './bookingRequestDeliveries';
import { BookingRequestStatus } from './bookingRequestStatus';
import { type DomainContext } from '../shared/domainContext';
import { recordedActor, type Actor } from '../shared/actor';
import { BookingRequestClosedError, RepeatedTooSoonError } from '../shared/errors';
import { recordRequestKeyUse, requireKeyNamesThisRequest, runClaimingRequestKey, type RequestKeyUse } from '../shared/requestKeys';
import { RESEND_QUIET_PERIOD_SECONDS } from '../interviews/resendInvitation';

export interface ResendBookingLinkProps {
  /** The request whose link to send again, as the API path or the button's value gave it (unchecked). */
  bookingRequestId: string;
  /** Who asks: the API, or a Slack user who must be its sender or one of its interviewers. */
  actor: Actor;
  /**
   * The API's Idempotency-Key: a resend retried with it is answered as the first, sending nothing
   * more; a key used for any other request is refused (IdempotencyConflictError).
   */
  requestKey?: string;
}

export interface ResendBookingLinkResult {
  offer: BookingOffer;
  /** True for a retry of a resend already made with the same request key. */
  replayed: boolean;
}

/**
 * Emails the candidate their booking link again, e.g. when they lost it; same link. Refused once
 * the request is closed (its page would only say so), and within a minute of the last email of
 * it, which is a double click rather than a wish for two emails.
 */
export async function resendBookingLink(context: DomainContext, props: ResendBookingLinkProps): Promise<ResendBookingLinkResult> {
  const inTransaction = () =>
    context.database.transaction(async (manager): Promise<ResendBookingLinkResult> => {
      const now = context.now();
      const request = await requireBookingRequestForChange(manager, context.database, props.bookingRequestId);
      await assertMayChangeBookingRequest(manager, request, props.actor);
      const keyedRequest: RequestKeyUse = { action: 'resend_booking_link', targetId: request.id };
      const firstUse = props.requestKey ? await requireKeyNamesThisRequest(manager, props.requestKey, keyedRequest) : null;
      const current = await describeOffer(manager, request, now);
      if (props.requestKey && (await wasResentWithKey(manager, request.id, props.requestKey))) {
        return { offer: current, replayed: true };
      }
      if (current.state !== BookingRequestStatus.Open) {
        throw new BookingRequestClosedError(`This booking link is ${current.state}; there is nothing to resend.`);
      }
      const quietSince = new Date(now.getTime() - RESEND_QUIET_PERIOD_SECONDS * 1000);
      const recent = await manager.findOne(DeliveryJob, {
        where: { bookingRequestId: request.id, kind: DeliveryKind.BookingLinkEmail, createdAt: MoreThanOrEqual(quietSince) },
        order: { createdAt: 'DESC' },
      });
      if (recent) {
        const waitSeconds = Math.max(
          1,
          Math.ceil((recent.createdAt.getTime() + RESEND_QUIET_PERIOD_SECONDS * 1000 - now.getTime()) / 1000),
        );
        throw new RepeatedTooSoonError(
          `The booking link was emailed to ${request.candidateEmail} moments ago; it is on its way. You can send it again in ${waitSeconds} seconds.`,
          waitSeconds,
        );
      }
      if (props.requestKey && !firstUse) await recordRequestKeyUse(manager, props.requestKey, keyedRequest, now);
      await queueBookingRequestDeliveries(
        manager,
        request,
        [
          {
            kind: DeliveryKind.BookingLinkEmail,
            payload: { reason: 'resend', ...(props.requestKey ? { requestKey: props.requestKey } : {}) },
          },
          ...planDeliveriesForBookingChange(request, { event: 'link_resent', by: recordedActor(props.actor) }).filter(
            (delivery) => delivery.kind === DeliveryKind.BookingRequestThreadReply,
          ),
        ],
        now,
      );
      return { offer: current, replayed: false };
    });
  const result = await runClaimingRequestKey(props.requestKey, inTransaction);
  if (!result.replayed) context.onDeliveriesQueued();
  return result;
}

/** Whether a resend with this request key already queued the link's email. */
async function wasResentWithKey(manager: EntityManager, bookingRequestId: string, requestKey: string): Promise<boolean> {
  const emails = await manager.findBy(DeliveryJob, { bookingRequestId, kind: DeliveryKind.BookingLinkEmail });
  return emails.some((job) => (job.payload as { requestKey?: unknown } | null)?.requestKey === requestKey);
}
