import { LRUCache } from 'lru-cache';

/**
 * Requests one client may have refused per minute (bad or missing signature, timestamp outside the
 * window, body over the limit) before the rest of its minute is answered 429 without being read.
 * Slack itself is never refused in normal running, so the limit only slows down guessing and floods.
 */
export const SLACK_REFUSALS_PER_CLIENT_PER_MINUTE = 20;

const WINDOW_MS = 60_000;

/** Clients remembered at once; the least recently refused are forgotten first, so many addresses cannot grow memory. */
const MAX_CLIENTS_REMEMBERED = 10_000;

/** Counts refused Slack requests per client address over a fixed one-minute window from its first refusal. */
export class SlackRefusalCounter {
  private readonly refusals = new LRUCache<string, { count: number }>({ max: MAX_CLIENTS_REMEMBERED, ttl: WINDOW_MS });

  constructor(readonly limit = SLACK_REFUSALS_PER_CLIENT_PER_MINUTE) {}

  isLimited(client: string): boolean {
    return (this.refusals.get(client)?.count ?? 0) >= this.limit;
  }

  /** Counts one refusal; true when it is the one that reaches the limit. */
  record(client: string): boolean {
    const entry = this.refusals.get(client);
    if (!entry) {
      this.refusals.set(client, { count: 1 });
      return this.limit === 1;
    }
    entry.count += 1;
    return entry.count === this.limit;
  }

  /** Whole seconds until the client's window ends. */
  secondsUntilReset(client: string): number {
    return Math.max(1, Math.ceil(this.refusals.getRemainingTTL(client) / 1000));
  }
}
