import { BookingRequestStatus } from '../../src/domain/bookings/bookingRequestStatus';
import { bookingDeadline, bookingRequestState, isForgottenBookingLink, nudgeAt } from '../../src/domain/bookings/bookingWindow';
import { buildBookingLink, generateBookingToken, isWellFormedBookingToken } from '../../src/domain/bookings/bookingLink';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('a booking link', () => {
  it('is the public base URL, /book/ and a 32-hex token of 128 random bits', () => {
    const tokens = new Set(Array.from({ length: 200 }, generateBookingToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(buildBookingLink('https://hire.example.com/', 'a'.repeat(32))).toBe(`https://hire.example.com/book/?token=${'a'.repeat(32)}`);
  });

  it('accepts only well-formed tokens', () => {
    expect(isWellFormedBookingToken('a'.repeat(32))).toBe(true);
    for (const bad of ['A'.repeat(32), 'a'.repeat(31), 'a'.repeat(33), ['a'.repeat(32)], undefined, 42]) {
      expect(isWellFormedBookingToken(bad)).toBe(false);
    }
  });
});

describe('a booking request’s deadline', () => {
  it('is its expiry, or the start of its latest slot when that comes first', () => {
    const expiresAt = at('2030-03-07T10:00:00Z');
    expect(bookingDeadline(expiresAt, [at('2030-03-05T09:00:00Z'), at('2030-03-06T09:00:00Z')])).toEqual(at('2030-03-06T09:00:00Z'));
    expect(bookingDeadline(expiresAt, [at('2030-03-05T09:00:00Z'), at('2030-03-09T09:00:00Z')])).toEqual(expiresAt);
  });
});

describe('the nudge', () => {
  it('comes halfway to the deadline', () => {
    expect(nudgeAt(at('2030-03-04T10:00:00Z'), at('2030-03-07T10:00:00Z'))).toEqual(at('2030-03-05T22:00:00Z'));
  });

  it('is left out when there are less than two hours to pick', () => {
    const created = at('2030-03-04T10:00:00Z');
    expect(nudgeAt(created, new Date(created.getTime() + 2 * HOUR - 1))).toBeNull();
    expect(nudgeAt(created, new Date(created.getTime() + 2 * HOUR))).toEqual(new Date(created.getTime() + HOUR));
  });
});

describe('what a booking request is now', () => {
  const open = { status: BookingRequestStatus.Open, expiresAt: at('2030-03-07T10:00:00Z') };

  it('is open while its link is valid and a slot is open', () => {
    expect(bookingRequestState(open, 1, at('2030-03-07T09:59:59Z'))).toBe(BookingRequestStatus.Open);
  });

  it('is expired once its link expired, even with slots left', () => {
    expect(bookingRequestState(open, 3, at('2030-03-07T10:00:00Z'))).toBe(BookingRequestStatus.Expired);
  });

  it('is expired once none of its slots is open', () => {
    expect(bookingRequestState(open, 0, at('2030-03-05T10:00:00Z'))).toBe(BookingRequestStatus.Expired);
  });

  it('is what was stored once it is closed', () => {
    for (const status of [BookingRequestStatus.Booked, BookingRequestStatus.Cancelled, BookingRequestStatus.Expired]) {
      expect(bookingRequestState({ ...open, status }, 2, at('2030-03-05T10:00:00Z'))).toBe(status);
    }
  });
});

describe('an old booking link', () => {
  it('opens nothing 30 days after it closed or expired, whichever came first', () => {
    const request = { closedAt: at('2030-03-05T10:00:00Z'), expiresAt: at('2030-03-07T10:00:00Z') };
    expect(isForgottenBookingLink(request, at('2030-04-04T10:00:00Z'))).toBe(false);
    expect(isForgottenBookingLink(request, at('2030-04-04T10:00:01Z'))).toBe(true);
    expect(isForgottenBookingLink({ closedAt: null, expiresAt: request.expiresAt }, at('2030-04-06T10:00:00Z'))).toBe(false);
    expect(isForgottenBookingLink({ closedAt: null, expiresAt: request.expiresAt }, at('2030-04-06T10:00:01Z'))).toBe(true);
  });
});
