import { cancelBookingRequest } from '../../../domain/bookings/cancelBookingRequest';
import type { SlackDependencies } from '../../slackDependencies';
import { bookingRequestButton } from './bookingRequestButton';

/** "Cancel request": the link stops booking; the message and its thread say so, so no private reply is needed. */
export const cancelBookingRequestButton = (deps: SlackDependencies) =>
  bookingRequestButton(deps, async (click) => {
    await cancelBookingRequest(deps.context, click);
    return null;
  });
