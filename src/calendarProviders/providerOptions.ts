import { ProviderError, type ProviderName } from '../domain/shared/providerError';
import type { Logger } from '../logging/logger';
import type { ProviderTransport } from './http/providerHttp';
import { DEFAULT_RETRY_POLICY, realSleep, type RetryContext, type RetryPolicy } from './http/providerRetries';

/** What every adapter can be given besides its settings; each has a production default. */
export interface ProviderOptions {
  /** The undici dispatcher, timeout and clock (tests pass a clock they move). */
  transport?: Partial<ProviderTransport>;
  retryPolicy?: RetryPolicy;
  /** How to wait between attempts (tests record the waits instead). */
  sleep?: (milliseconds: number) => Promise<void>;
  /** Retries and unreadable calendars are logged here: what was done and why, never a credential. */
  logger?: Logger;
}

export function retryContextOf(options: ProviderOptions): RetryContext {
  return { policy: options.retryPolicy ?? DEFAULT_RETRY_POLICY, sleep: options.sleep ?? realSleep, logger: options.logger };
}

/** A failure as a ProviderError: anything else (an answer that is not the documented shape) counts as the provider being unavailable. */
export function asProviderError(error: unknown, provider: ProviderName, service: string): ProviderError {
  if (error instanceof ProviderError) return error;
  return new ProviderError(provider, 'unavailable', `${service} gave an answer the app could not read`);
}
