import type { Context } from '@slack/bolt';

/**
 * When a Slack request reached the app, as `performance.now()` milliseconds: the receivers put it
 * in each request's Bolt context (through `customProperties`, Bolt's public way to add to the
 * context), so a listener racing Slack's clock (a trigger id lives 3 s from when Slack sent it)
 * counts from the arrival, not from when it got to run after the body was read and checked.
 */
const ARRIVED_AT_KEY = 'requestArrivedAtMs';

/** What a receiver adds to the context of a request that arrived at `arrivedAtMs`. */
export function arrivalProperties(arrivedAtMs = performance.now()): Record<string, number> {
  return { [ARRIVED_AT_KEY]: arrivedAtMs };
}

/** When the request behind `context` arrived; now, for a context no receiver stamped. */
export function requestArrivedAtMs(context: Context): number {
  const arrivedAt = context[ARRIVED_AT_KEY] as unknown;
  return typeof arrivedAt === 'number' ? arrivedAt : performance.now();
}
