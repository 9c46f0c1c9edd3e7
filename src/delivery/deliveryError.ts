/**
 * A delivery that did not go through. `retryable` failures (rate limits, 5xx, timeouts) are tried
 * again later; the rest fail for good and are shown to the people who scheduled the interview.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** How long the provider asked us to wait (Retry-After), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }

  static retryable(message: string, retryAfterMs?: number): DeliveryError {
    return new DeliveryError(message, true, retryAfterMs);
  }

  static permanent(message: string): DeliveryError {
    return new DeliveryError(message, false);
  }
}

/** Reads an HTTP Retry-After header (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: unknown, now: Date = new Date()): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(String(value));
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}
