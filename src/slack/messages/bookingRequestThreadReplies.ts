import type { KnownBlock } from '@slack/types';
import type { BookingRequest } from '../../domain/bookings/BookingRequest';
import type { BookingRequestThreadEvent } from '../../domain/deliveries/deliveryPayloads';
import { offerNewSlotsBlock } from './bookingRequestActions';
import type { SlackMessage } from './interviewMessage';
import { escapeMrkdwn, mentionActor, mentionUser, slackDate } from './mrkdwn';

/** A reply in a booking request's thread, saying what just happened; the organizer is mentioned where they must act. */
export function presentBookingRequestThreadReply(event: BookingRequestThreadEvent, request: BookingRequest): SlackMessage {
  const candidate = escapeMrkdwn(request.candidateName);
  const organizer = request.organizerSlackUserId ? `${mentionUser(request.organizerSlackUserId)} ` : '';
  switch (event.event) {
    case 'booked': {
      const when = slackDate(new Date(event.startsAt), '{date_long_pretty} at {time}', event.startsAt);
      return plain(`${organizer}:white_check_mark: ${candidate} picked ${when}. Their invitation with the join link is on its way.`);
    }
    case 'expired': {
      const why =
        event.reason === 'time_up'
          ? 'the booking link expired before they picked a time'
          : 'every time offered was booked by someone else or has begun';
      const text = `${organizer}:hourglass: No interview with ${candidate} yet: ${why}. Offer new slots to send a fresh link.`;
      return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }, offerNewSlotsBlock(request)] as KnownBlock[] };
    }
    case 'cancelled':
      return plain(`:no_entry_sign: Booking request cancelled by ${mentionActor(event.by)}; the link no longer works.`);
    case 'link_resent':
      return plain(`:envelope: Booking link resent to ${escapeMrkdwn(request.candidateEmail)} by ${mentionActor(event.by)}.`);
  }
}

function plain(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
