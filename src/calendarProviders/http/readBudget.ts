import { ProviderError, type ProviderName } from '../../domain/shared/providerError';

/**
 * How long one calendar read (every batch, attempt, retry and per-person fallback of one
 * readBusyPeriods) may take in all: a free-times answer or a booking waits at most this long for
 * the provider; whoever is not read by then is unavailable.
 */
export const CALENDAR_READ_BUDGET_MS = 12_000;

/** A retry starts only when, after its wait, at least this much of the budget is left for the attempt. */
export const MIN_ATTEMPT_MS = 1_000;

/** The end of a read's budget: one for all the calls of that read. */
export interface Deadline {
  /** The whole budget, for reasons ("in 12000 ms"). */
  readonly budgetMs: number;
  /** Aborts when the budget has run out: every request of the read listens to it. */
  readonly signal: AbortSignal;
  /** What is left of the budget, in milliseconds (0 once it has run out). */
  remainingMs(): number;
}

/** A deadline `budgetMs` from now, on the monotonic clock (tests that move the app's clock do not move it). */
export function deadlineAfter(budgetMs: number): Deadline {
  const endsAt = performance.now() + budgetMs;
  return {
    budgetMs,
    signal: AbortSignal.timeout(budgetMs),
    remainingMs: () => Math.max(0, endsAt - performance.now()),
  };
}

/** The failure of a call cut short by the read's budget: unavailable, like a provider that does not answer. */
export function budgetRanOut(provider: ProviderName, service: string, deadline: Deadline): ProviderError {
  return new ProviderError(
    provider,
    'unavailable',
    `${service} did not answer in time (the ${deadline.budgetMs} ms a calendar read may take ran out)`,
  );
}

/**
 * `work`, or the budget's failure as soon as the budget runs out, whichever comes first. For work
 * shared with other callers (a token request), which must not be aborted for this one.
 */
export async function beforeDeadline<T>(work: Promise<T>, deadline: Deadline | undefined, ranOut: () => ProviderError): Promise<T> {
  if (!deadline) return work;
  const { signal } = deadline;
  if (signal.aborted) {
    work.catch(() => {});
    throw ranOut();
  }
  let onAbort = () => {};
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(ranOut());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** `run` for each item, at most `limit` at once; resolves when all have settled (`run` must not throw). */
export async function eachAtMost<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
