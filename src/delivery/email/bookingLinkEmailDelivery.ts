import type { Database } from '../../db/database';
import { DeliveryKind } from '../../domain/deliveries/DeliveryJob';
import { describeOffer } from '../../domain/bookings/bookingOffers';
import { BookingRequestStatus } from '../../domain/bookings/bookingRequestStatus';
import type { DeliveryHandlers } from '../deliveryWorker';
import { presentBookingLinkEmail } from './bookingLinkEmail';
import type { Mailer } from './mailer';

export interface BookingLinkEmailDependencies {
  mailer: Mailer;
  database: Database;
  /** The clock that decides whether the request is still open when the email falls due. */
  now: () => Date;
}

/**
 * The outbox handler for the "pick your time" email, first sent, resent, or as a nudge. It checks
 * when it falls due that the request is still open (a nudge waits for days), and sends nothing
 * to a candidate who has picked since, or whose link expired or was withdrawn.
 */
export function createBookingLinkEmailHandlers(deps: BookingLinkEmailDependencies): DeliveryHandlers {
  return {
    [DeliveryKind.BookingLinkEmail]: async (job, { reason }, request) => {
      const offer = await deps.database.read((manager) => describeOffer(manager, request, deps.now()));
      if (offer.state !== BookingRequestStatus.Open) {
        return { skipped: `Not needed any more: the booking request is ${offer.state}.` };
      }
      const email = presentBookingLinkEmail(offer, reason);
      const { providerMessageId } = await deps.mailer.send({
        to: { email: request.candidateEmail, name: request.candidateName },
        subject: email.subject,
        text: email.text,
        html: email.html,
        attachments: [],
        tags: { bookingRequestId: request.id, deliveryJobId: job.id },
      });
      return { providerMessageId };
    },
  };
}
