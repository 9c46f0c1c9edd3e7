import { LRUCache } from 'lru-cache';

/** A token as the provider issued it. */
export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

/** Tokens are renewed this long before they expire (less for tokens that live under two minutes). */
export const RENEW_BEFORE_EXPIRY_MS = 60_000;

/** Google issues one token per impersonated interviewer: keep the most recently used ones. */
const MAX_CACHED_SUBJECTS = 1000;

interface CachedToken {
  accessToken: string;
  renewAt: number;
}

/**
 * Access tokens by subject (the impersonated person, or '' for an app-wide token), reused until
 * shortly before they expire. Callers asking at once for a subject with no valid token share one
 * request to the token endpoint. A failed request is not remembered: the next call asks again.
 */
export class AccessTokenCache {
  private readonly tokens = new LRUCache<string, CachedToken>({ max: MAX_CACHED_SUBJECTS });
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly issue: (subject: string) => Promise<IssuedToken>,
    private readonly now: () => number,
  ) {}

  async tokenFor(subject = ''): Promise<string> {
    const cached = this.tokens.get(subject);
    if (cached && this.now() < cached.renewAt) return cached.accessToken;
    const inFlight = this.pending.get(subject);
    if (inFlight) return inFlight;
    const request = this.requestToken(subject).finally(() => this.pending.delete(subject));
    this.pending.set(subject, request);
    return request;
  }

  /** Drops a token the provider no longer accepts (401), so the next call gets a new one. */
  forget(subject = ''): void {
    this.tokens.delete(subject);
  }

  private async requestToken(subject: string): Promise<string> {
    const issuedAt = this.now();
    const { accessToken, expiresInSeconds } = await this.issue(subject);
    const lifetimeMs = expiresInSeconds * 1000;
    this.tokens.set(subject, { accessToken, renewAt: issuedAt + lifetimeMs - Math.min(RENEW_BEFORE_EXPIRY_MS, lifetimeMs / 2) });
    return accessToken;
  }
}
