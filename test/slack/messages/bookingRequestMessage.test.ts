import type { BookingRequest } from '../../../src/domain/bookings/BookingRequest';
import { DeliveryKind, DeliveryStatus, type DeliveryJob } from '../../../src/domain/deliveries/DeliveryJob';
import type { BookingOffer } from '../../../src/domain/bookings/bookingOffers';
import { BookingRequestStatus } from '../../../src/domain/bookings/bookingRequestStatus';
import { presentBookingRequestMessage } from '../../../src/slack/messages/bookingRequestMessage';
import { presentBookingRequestThreadReply } from '../../../src/slack/messages/bookingRequestThreadReplies';

const request = {
  id: 'b1',
  candidateName: '<!channel> Mallory',
  candidateEmail: 'mallory@example.com',
  role: '<https://evil.example|Staff> Engineer',
  durationMinutes: null,
  interviewers: [],
  organizerSlackUserId: 'U0RECRUIT',
  bookingLink: 'https://hire.example.com/book/?token=0123456789abcdef0123456789abcdef',
  expiresAt: new Date('2030-01-04T15:00:00Z'),
} as unknown as BookingRequest;

const offer = (state: BookingRequestStatus): BookingOffer => ({
  request,
  state,
  openSlots:
    state === BookingRequestStatus.Open
      ? [
          { id: 's1', startsAt: new Date('2030-01-02T09:00:00Z'), durationMinutes: 30, interviewer: 'U0ADA', interviewerName: 'Ada' },
          {
            id: 's2',
            startsAt: new Date('2030-01-03T09:00:00Z'),
            durationMinutes: 45,
            interviewer: 'grace@acme.example',
            interviewerName: null,
          },
        ]
      : [],
  interview: null,
  bookedJoinLink: null,
});

const linkEmail = (status: DeliveryStatus, lastError: string | null = null) =>
  ({ kind: DeliveryKind.BookingLinkEmail, status, attempts: 1, lastError }) as DeliveryJob;

describe('a booking request’s channel message', () => {
  const message = presentBookingRequestMessage(offer(BookingRequestStatus.Open), linkEmail(DeliveryStatus.Delivered));
  const everything = JSON.stringify(message);

  it('says the candidate is choosing and lists the offered times as Slack dates, with length and interviewer', () => {
    expect(everything).toContain('Waiting for the candidate to pick a time: <!channel> Mallory');
    expect(everything).toContain('<!date^1893574800^{date_short_pretty} at {time}|2030-01-02 09:00 UTC> · 30 minutes · <@U0ADA>');
    expect(everything).toContain('<!date^1893661200^{date_short_pretty} at {time}|2030-01-03 09:00 UTC> · 45 minutes · grace@acme.example');
    expect(message.text).toBe('Waiting for the candidate to pick a time from 2 offered times: &lt;!channel&gt; Mallory');
  });

  it('pings nobody and links nowhere through user text', () => {
    const mrkdwn = [...everything.matchAll(/"type":"mrkdwn","text":"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1]);
    expect(mrkdwn.length).toBeGreaterThan(3);
    for (const text of mrkdwn) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<https://evil.example');
    }
  });

  it('shows the link, whether it was emailed, and the buttons to resend it or cancel', () => {
    expect(everything).toContain(request.bookingLink);
    expect(everything).toContain(':white_check_mark: Booking link emailed to mallory@example.com');
    expect(message.blocks.at(-1)).toMatchObject({
      type: 'actions',
      elements: [
        { action_id: 'resend_booking_link', value: 'b1' },
        { action_id: 'cancel_booking_request', value: 'b1', style: 'danger' },
      ],
    });
  });

  it('says why the email failed', () => {
    const failed = JSON.stringify(
      presentBookingRequestMessage(offer(BookingRequestStatus.Open), linkEmail(DeliveryStatus.Failed, 'SendGrid answered 400')),
    );
    expect(failed).toContain(':x: Booking link to mallory@example.com failed: SendGrid answered 400');
  });

  it('drops the times, the link and the buttons once cancelled', () => {
    const cancelled = presentBookingRequestMessage(offer(BookingRequestStatus.Cancelled), linkEmail(DeliveryStatus.Delivered));
    const text = JSON.stringify(cancelled);
    expect(text).toContain('Booking request cancelled: <!channel> Mallory');
    expect(text).not.toContain(request.bookingLink);
    expect(text).not.toContain('"type":"actions"');
  });

  it('offers new slots once expired', () => {
    const expired = presentBookingRequestMessage(offer(BookingRequestStatus.Expired), linkEmail(DeliveryStatus.Delivered));
    expect(expired.blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ action_id: 'offer_new_slots', value: 'b1' }] });
  });
});

describe('a booking request’s thread replies', () => {
  it('tell the organizer the candidate picked, in each reader’s zone', () => {
    expect(presentBookingRequestThreadReply({ event: 'booked', startsAt: '2030-01-02T09:00:00.000Z' }, request).text).toBe(
      '<@U0RECRUIT> :white_check_mark: &lt;!channel&gt; Mallory picked <!date^1893574800^{date_long_pretty} at {time}|2030-01-02T09:00:00.000Z>. Their invitation with the join link is on its way.',
    );
  });

  it('tell the organizer the link expired and why, with a button to offer new slots', () => {
    const timeUp = presentBookingRequestThreadReply({ event: 'expired', reason: 'time_up' }, request);
    expect(timeUp.text).toContain('the booking link expired before they picked a time');
    expect(timeUp.blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ action_id: 'offer_new_slots' }] });
    expect(presentBookingRequestThreadReply({ event: 'expired', reason: 'no_slot_left' }, request).text).toContain(
      'every time offered was booked by someone else or has begun',
    );
  });

  it('say who cancelled or resent', () => {
    expect(presentBookingRequestThreadReply({ event: 'cancelled', by: { kind: 'api' } }, request).text).toContain('cancelled by the API');
    expect(presentBookingRequestThreadReply({ event: 'link_resent', by: { kind: 'slack', userId: 'U0ADA' } }, request).text).toBe(
      ':envelope: Booking link resent to mallory@example.com by <@U0ADA>.',
    );
  });
});
