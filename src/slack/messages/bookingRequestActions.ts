import type { ActionsBlock } from '@slack/types';
import type { BookingRequest } from '../../domain/bookings/BookingRequest';
import { dangerButtonWithConfirm } from './confirmedButton';

/** The buttons on a booking request's message and thread. Each value is the request's id. */
export const BookingRequestAction = {
  cancel: 'cancel_booking_request',
  resendLink: 'resend_booking_link',
  offerNewSlots: 'offer_new_slots',
} as const;

/** Buttons while the candidate may still pick: resend the link, or cancel the request. */
export function bookingRequestActionsBlock(request: Pick<BookingRequest, 'id'>): ActionsBlock {
  return {
    type: 'actions',
    block_id: `booking_request_actions:${request.id}`,
    elements: [
      {
        type: 'button',
        action_id: BookingRequestAction.resendLink,
        value: request.id,
        text: { type: 'plain_text', text: 'Resend link' },
      },
      dangerButtonWithConfirm({
        actionId: BookingRequestAction.cancel,
        value: request.id,
        label: 'Cancel request',
        question: 'Cancel this booking request?',
        consequence: 'The booking link stops working at once; its page tells the candidate the times were withdrawn.',
      }),
    ],
  };
}

/** After the link expired unbooked: one button that opens the scheduling form again, filled in. */
export function offerNewSlotsBlock(request: Pick<BookingRequest, 'id'>): ActionsBlock {
  return {
    type: 'actions',
    block_id: `booking_request_expired:${request.id}`,
    elements: [
      {
        type: 'button',
        action_id: BookingRequestAction.offerNewSlots,
        value: request.id,
        style: 'primary',
        text: { type: 'plain_text', text: 'Offer new slots' },
      },
    ],
  };
}
