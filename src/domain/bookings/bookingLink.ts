import { randomBytes } from 'node:crypto';

const BOOKING_TOKEN_PATTERN = /^[0-9a-f]{32}$/;

/** 128 random bits as 32 lowercase hex characters: the secret in a booking link. */
export function generateBookingToken(): string {
  return randomBytes(16).toString('hex');
}

export function isWellFormedBookingToken(candidate: unknown): candidate is string {
  return typeof candidate === 'string' && BOOKING_TOKEN_PATTERN.test(candidate);
}

/** The one place a booking link is made: `${PUBLIC_BASE_URL}/book/?token=<token>`. */
export function buildBookingLink(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/book/?token=${token}`;
}
