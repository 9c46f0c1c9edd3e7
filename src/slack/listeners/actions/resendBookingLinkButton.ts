import { resendBookingLink } from '../../../domain/bookings/resendBookingLink';
import { BookingRequestReplies } from '../../messages/bookingRequestReplies';
import type { SlackDependencies } from '../../slackDependencies';
import { bookingRequestButton } from './bookingRequestButton';

/** "Resend link": the candidate is emailed the same booking link again. */
export const resendBookingLinkButton = (deps: SlackDependencies) =>
  bookingRequestButton(deps, async (click) => {
    const { offer } = await resendBookingLink(deps.context, click);
    return BookingRequestReplies.resending(offer.request.candidateEmail);
  });
