export interface RetrySettings {
  /** The first retry waits about this long; each later one doubles it. */
  retryBaseMs: number;
  /** No retry waits longer than this. */
  retryMaxMs: number;
  maxAttempts: number;
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of
 * many jobs after one outage spread out instead of arriving together. A provider's Retry-After
 * is honoured as a floor, up to `retryMaxMs`: an absurd one (days, or a date centuries away) would
 * leave the job waiting past the interview, or past the dates a database can store.
 */
export function computeRetryDelayMs(
  attempt: number,
  settings: RetrySettings,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.round(Math.min(settings.retryMaxMs, Math.max(jittered, retryAfterMs ?? 0)));
}

/** True while another attempt is allowed after `attempt` attempts. */
export function hasAttemptsLeft(attempt: number, settings: RetrySettings): boolean {
  return attempt < settings.maxAttempts;
}
