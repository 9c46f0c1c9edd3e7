import type { BookingRequest } from '../../src/domain/bookings/BookingRequest';
import type { BookingOffer } from '../../src/domain/bookings/bookingOffers';
import { BookingRequestStatus } from '../../src/domain/bookings/bookingRequestStatus';
import { presentBookingLinkEmail } from '../../src/delivery/email/bookingLinkEmail';

const request = {
  id: 'b1',
  candidateName: 'Jane <script>alert(1)</script> Doe',
  candidateEmail: 'jane@example.com',
  role: 'Backend Engineer',
  timezone: 'Europe/Berlin',
  interviewers: [{ slackUserId: 'U0SECRET' }, { slackUserId: 'U0NAMED', name: 'Grace Hopper' }, { email: 'lin@example.com' }],
  bookingLink: 'https://hire.example.com/book/?token=0123456789abcdef0123456789abcdef',
  expiresAt: new Date('2030-03-07T10:00:00Z'),
} as unknown as BookingRequest;

const offer = (count: number): BookingOffer => ({
  request,
  state: BookingRequestStatus.Open,
  openSlots: Array.from({ length: count }, (_, index) => ({
    id: `s${index}`,
    startsAt: new Date(Date.UTC(2030, 2, 5, 9 + index)),
    durationMinutes: 30,
    interviewer: index === 0 ? 'U0ADA' : 'ada@example.com',
    interviewerName: index === 0 ? 'Ada Lovelace' : null,
  })),
  interview: null,
  bookedJoinLink: null,
});

describe('the “pick your time” email', () => {
  const email = presentBookingLinkEmail(offer(10), 'request');

  it('carries the booking link in both parts', () => {
    expect(email.text).toContain(request.bookingLink);
    expect(email.html).toContain(`href="${request.bookingLink}"`);
  });

  it('lists the open times in the candidate’s zone, with names and never a Slack id, and the rest on the page, and until when', () => {
    expect(email.subject).toBe('Pick a time for your interview for Backend Engineer');
    expect(email.text).toContain('- Tue, Mar 5, 10:00 AM (Berlin time) · 30 minutes · with Ada Lovelace');
    expect(email.text).toContain('- Tue, Mar 5, 11:00 AM (Berlin time) · 30 minutes · with ada@example.com');
    expect(email.text).toContain('…and 2 more on the page.');
    expect(email.text).toContain('With: Grace Hopper, lin@example.com');
    expect(email.text).toContain('Please pick by Tuesday, March 5, 2030 at 7:00 PM (Berlin time).');
    expect(`${email.text}${email.html}`).not.toMatch(/U0SECRET|U0NAMED|U0ADA/);
  });

  it('escapes what the hiring team typed in the HTML part', () => {
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('Jane &lt;script&gt;alert(1)&lt;/script&gt; Doe');
  });

  it('asks for a pick by the link’s expiry when the last time starts after it', () => {
    const later = { ...offer(1), openSlots: [{ ...offer(1).openSlots[0], startsAt: new Date('2030-03-09T09:00:00Z') }] };
    expect(presentBookingLinkEmail(later, 'request').text).toContain('Please pick by Thursday, March 7, 2030 at 11:00 AM (Berlin time).');
  });

  it('says a nudge is a reminder', () => {
    const nudge = presentBookingLinkEmail(offer(1), 'nudge');
    expect(nudge.subject).toBe('Reminder: pick a time for your interview for Backend Engineer');
    expect(nudge.text).toContain("You haven't picked a time for your interview for Backend Engineer yet.");
    expect(nudge.text).toContain(request.bookingLink);
  });
});
