import type { Logger } from '../../logging/logger';
import { ProviderError } from '../../domain/shared/providerError';
import { MIN_ATTEMPT_MS, type Deadline } from './readBudget';

/** How hard one operation tries before its failure goes up (to the outbox, or into an answer). */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The first retry waits about this long; each later one twice as long. */
  baseDelayMs: number;
  /** No wait longer than this between attempts. */
  maxDelayMs: number;
  /**
   * A Retry-After longer than this is not waited out in-process: the error goes up carrying it,
   * so the outbox schedules the retry and a free-times answer is not held up.
   */
  maxRetryAfterMs: number;
}

/** A few quick tries: the outbox retries for longer, and people waiting for free times should not wait minutes. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 2_000, maxRetryAfterMs: 5_000 };

export interface RetryContext {
  policy: RetryPolicy;
  sleep: (milliseconds: number) => Promise<void>;
  logger?: Logger;
  /** Random in [0, 1), for jitter. */
  random?: () => number;
}

export const realSleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/**
 * Runs `attempt` until it succeeds, fails for good, or runs out of attempts. Only retryable
 * `ProviderError`s (429, 5xx, unreachable) are tried again, after exponential backoff with jitter
 * or the provider's Retry-After, whichever is longer. `operation` names what was being done in the
 * log line (never its arguments: they may hold addresses, and no line ever holds a credential).
 * With a `deadline`, no retry starts unless what is left of it covers the wait and MIN_ATTEMPT_MS.
 */
export async function withRetries<T>(operation: string, context: RetryContext, attempt: () => Promise<T>, deadline?: Deadline): Promise<T> {
  const { policy } = context;
  const random = context.random ?? Math.random;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ProviderError) || !error.retryable) throw error;
      const retryAfterMs = error.retryAfterMs ?? 0;
      if (attemptNumber >= policy.maxAttempts || retryAfterMs > policy.maxRetryAfterMs) {
        throw attemptNumber > 1
          ? new ProviderError(error.provider, error.kind, `${error.message} (after ${attemptNumber} attempts)`, error.retryAfterMs)
          : error;
      }
      const backoffMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1));
      const delayMs = Math.round(Math.max(retryAfterMs, backoffMs / 2 + random() * (backoffMs / 2)));
      if (deadline && deadline.remainingMs() < delayMs + MIN_ATTEMPT_MS) {
        context.logger?.warn(
          { provider: error.provider, operation, attempt: attemptNumber, failure: error.kind, retryInMs: delayMs },
          'provider call failed; no time left to try again',
        );
        throw attemptNumber > 1
          ? new ProviderError(error.provider, error.kind, `${error.message} (after ${attemptNumber} attempts)`, error.retryAfterMs)
          : error;
      }
      context.logger?.warn(
        { provider: error.provider, operation, attempt: attemptNumber, failure: error.kind, retryInMs: delayMs },
        'provider call failed; trying again',
      );
      await context.sleep(delayMs);
    }
  }
}
