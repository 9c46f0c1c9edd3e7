import { ProviderError, type ProviderName } from '../domain/shared/providerError';
import type { Logger } from '../logging/logger';
import { defaultTransport, type ProviderTransport } from './http/providerHttp';
import { CALENDAR_READ_BUDGET_MS, deadlineAfter, type Deadline } from './http/readBudget';
import { DEFAULT_RETRY_POLICY, realSleep, withRetries, type RetryContext, type RetryPolicy } from './http/providerRetries';

/** What every adapter can be given besides its settings; each has a production default. */
export interface ProviderOptions {
  /** The undici dispatcher, timeout and clock (tests pass a clock they move). */
  transport?: Partial<ProviderTransport>;
  retryPolicy?: RetryPolicy;
  /** How to wait between attempts (tests record the waits instead). */
  sleep?: (milliseconds: number) => Promise<void>;
  /** Retries and unreadable calendars are logged here: what was done and why, never a credential. */
  logger?: Logger;
  /** How long one calendar read may take in all (CALENDAR_READ_BUDGET_MS by default; tests make it short). */
  calendarReadBudgetMs?: number;
}

export function retryContextOf(options: ProviderOptions): RetryContext {
  return { policy: options.retryPolicy ?? DEFAULT_RETRY_POLICY, sleep: options.sleep ?? realSleep, logger: options.logger };
}

/**
 * What every provider adapter keeps of its options, the same way: its API client over the
 * options' transport, and how its calls are retried and where that is logged.
 */
export abstract class ProviderAdapter<Api> {
  /** The provider's API, as the adapter calls it. */
  readonly api: Api;
  private readonly retries: RetryContext;
  private readonly readBudgetMs: number;

  /** @param connect Makes the adapter's API client, over the transport the options say (the production one by default). */
  protected constructor(options: ProviderOptions, connect: (transport: ProviderTransport) => Api) {
    this.api = connect(defaultTransport(options.transport));
    this.retries = retryContextOf(options);
    this.readBudgetMs = options.calendarReadBudgetMs ?? CALENDAR_READ_BUDGET_MS;
  }

  /** The deadline of a calendar read starting now: every call it makes shares it. */
  protected readDeadline(): Deadline {
    return deadlineAfter(this.readBudgetMs);
  }

  /** Where retries and unreadable calendars are logged, when anywhere. */
  protected get logger(): Logger | undefined {
    return this.retries.logger;
  }

  /**
   * `attempt`, tried again as the provider's answers allow (ProviderError.retryable), named in the
   * log by `operation`; with a `deadline`, only while it leaves time for the wait and an attempt.
   */
  protected retried<T>(operation: string, attempt: () => Promise<T>, deadline?: Deadline): Promise<T> {
    return withRetries(operation, this.retries, attempt, deadline);
  }
}

/** A failure as a ProviderError: anything else (an answer that is not the documented shape) counts as the provider being unavailable. */
export function asProviderError(error: unknown, provider: ProviderName, service: string): ProviderError {
  if (error instanceof ProviderError) return error;
  return new ProviderError(provider, 'unavailable', `${service} gave an answer the app could not read`);
}
