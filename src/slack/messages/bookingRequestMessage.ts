import type { KnownBlock } from '@slack/types';
import { DeliveryStatus, type DeliveryJob } from '../../domain/deliveries/DeliveryJob';
import type { BookingOffer, OfferedSlot } from '../../domain/bookings/bookingOffers';
import { BookingRequestStatus } from '../../domain/bookings/bookingRequestStatus';
import { toInterviewers } from '../../domain/shared/participants';
import { describeDuration } from '../../presenters/interviewTime';
import { bookingRequestActionsBlock, offerNewSlotsBlock } from './bookingRequestActions';
import { describeInterviewersForSlack, type SlackMessage } from './interviewMessage';
import { describePlanForSlack } from './poolPicksText';
import { escapeMrkdwn, mentionUser, mrkdwnLink, slackDate } from './mrkdwn';

const SLOT_DATE_FORMAT = '{date_short_pretty} at {time}';

const HEADLINES: Record<BookingRequestStatus, string> = {
  [BookingRequestStatus.Open]: 'Waiting for the candidate to pick a time',
  [BookingRequestStatus.Booked]: 'The candidate picked a time',
  [BookingRequestStatus.Expired]: 'No time picked: the booking link expired',
  [BookingRequestStatus.Cancelled]: 'Booking request cancelled',
};

/**
 * A booking request's message in its channel: who, the times offered (each reader sees them in
 * their own zone), the link, where the candidate's email stands, and buttons to resend the link
 * or cancel. Redrawn when that changes; once the candidate picks, the interview's own message
 * takes its place.
 */
export function presentBookingRequestMessage(offer: BookingOffer, linkEmail: DeliveryJob | null): SlackMessage {
  const { request, state } = offer;
  const headline = `${HEADLINES[state]}: ${request.candidateName}`;
  const fields = [
    `*Candidate*\n${escapeMrkdwn(request.candidateName)}\n${escapeMrkdwn(request.candidateEmail)}`,
    `*Role*\n${request.role ? escapeMrkdwn(request.role) : '—'}`,
    `*Length*\n${describeLength(offer)}`,
    `*${request.plan && request.plan.sessions.length > 1 ? 'Sessions' : 'Interviewers'}*\n${describeWho(offer)}`,
    `*Requested by*\n${request.organizerSlackUserId ? mentionUser(request.organizerSlackUserId) : 'the API'}`,
    `*Link expires*\n${slackDate(request.expiresAt, SLOT_DATE_FORMAT, request.expiresAt.toISOString())}`,
  ];
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(headline, 150), emoji: false } },
    { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text: truncate(text, 2000) })) },
  ];
  if (state === BookingRequestStatus.Open) {
    blocks.push(
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: truncate(
            `*Offered times*\n${offer.openSlots.map((slot) => describeSlot(slot, request.plan !== null && request.plan !== undefined)).join('\n')}`,
            3000,
          ),
        },
      },
      { type: 'section', text: { type: 'mrkdwn', text: `*Booking link*\n${mrkdwnLink(request.bookingLink, request.bookingLink)}` } },
    );
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: describeBookingLinkEmailState(offer, linkEmail) }] });
  if (state === BookingRequestStatus.Open) blocks.push(bookingRequestActionsBlock(request));
  if (state === BookingRequestStatus.Expired) blocks.push(offerNewSlotsBlock(request));
  const times =
    state === BookingRequestStatus.Open ? ` from ${offer.openSlots.length} offered time${offer.openSlots.length === 1 ? '' : 's'}` : '';
  return { text: `${HEADLINES[state]}${times}: ${escapeMrkdwn(request.candidateName)}`, blocks };
}

function describeLength({ request }: BookingOffer): string {
  if (request.plan && request.plan.sessions.length > 1) return `a loop of ${request.plan.sessions.length} sessions`;
  return request.durationMinutes ? describeDuration(request.durationMinutes) : 'each slot’s own';
}

/** Who interviews: the plan's people and pools (picked when the candidate books), the named people, or each slot's. */
function describeWho({ request }: BookingOffer): string {
  if (request.plan) return describePlanForSlack(request.plan);
  return request.interviewers.length > 0 ? describeInterviewersForSlack(request.interviewers) : 'each slot’s interviewer';
}

/** One offered time, in each reader's own zone, with its length and interviewer (a plan's are picked when the candidate books). */
function describeSlot(slot: OfferedSlot, plan: boolean): string {
  const when = slackDate(slot.startsAt, SLOT_DATE_FORMAT, `${slot.startsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  const who = plan ? [] : [describeInterviewersForSlack(toInterviewers([slot.interviewer]))];
  return ['• ' + when, describeDuration(slot.durationMinutes), ...who].join(' · ');
}

/** Where the candidate's "pick your time" email stands, in words a recruiter understands. */
export function describeBookingLinkEmailState(offer: BookingOffer, linkEmail: DeliveryJob | null): string {
  const to = escapeMrkdwn(offer.request.candidateEmail);
  if (offer.state === BookingRequestStatus.Cancelled) return `:no_entry_sign: The booking link for ${to} no longer works.`;
  if (!linkEmail) return `:envelope: Booking link to ${to}: not sent`;
  switch (linkEmail.status) {
    case DeliveryStatus.Pending:
    case DeliveryStatus.InFlight:
      return linkEmail.attempts > 0
        ? `:hourglass_flowing_sand: Booking link to ${to}: retrying (attempt ${linkEmail.attempts + 1}) after: ${escapeMrkdwn(linkEmail.lastError ?? 'an error')}`
        : `:hourglass_flowing_sand: Booking link to ${to}: sending…`;
    case DeliveryStatus.Delivered:
      return `:white_check_mark: Booking link emailed to ${to}`;
    case DeliveryStatus.Skipped:
      return `:no_entry_sign: Booking link to ${to} not sent: ${escapeMrkdwn(linkEmail.lastError ?? 'no way to send email')}`;
    case DeliveryStatus.Failed:
      return `:x: Booking link to ${to} failed: ${escapeMrkdwn(linkEmail.lastError ?? 'unknown error')}`;
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
