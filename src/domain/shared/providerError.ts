/** The outside services whose answers the domain reasons about. */
export type ProviderName = 'google' | 'microsoft' | 'zoom';

/**
 * Why a provider call failed, in the words the rules need:
 * - `rate_limited`, `unavailable` (5xx, timeouts, unreachable): try again later;
 * - `grant_refused` (the admin's grant is missing, revoked, or the credentials are wrong),
 *   `not_found` (no such user, mailbox, event or meeting), `forbidden` (403: the grant does not
 *   reach this person), `rejected` (the provider refused the request itself): trying again will
 *   not help until a person changes something.
 */
export type ProviderFailureKind = 'rate_limited' | 'unavailable' | 'grant_refused' | 'not_found' | 'forbidden' | 'rejected';

const RETRYABLE_KINDS: ReadonlySet<ProviderFailureKind> = new Set(['rate_limited', 'unavailable']);

/**
 * A calendar or meeting provider did not do what was asked. The message is the reason, phrased
 * for the people who scheduled the interview ("Google Workspace has no user ada@acme.com"); it
 * never holds a credential or a token. The outbox maps `retryable` and `retryAfterMs` onto its
 * own retries; answers such as free times show `message` beside the person concerned.
 */
export class ProviderError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly provider: ProviderName,
    readonly kind: ProviderFailureKind,
    reason: string,
    /** How long the provider asked us to wait (Retry-After), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(reason);
    this.name = 'ProviderError';
    this.retryable = RETRYABLE_KINDS.has(kind);
  }
}
