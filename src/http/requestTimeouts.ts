import type { ServerOptions } from 'node:http';

/** The headers get this share of the request's time (10 of the default 20 seconds): a request line and headers are a few hundred bytes. */
const HEADERS_SHARE_OF_REQUEST_TIME = 0.5;

/** How often the server looks for requests past their time, at most: the limits hold to within this. */
const LONGEST_CHECK_INTERVAL_MS = 1000;

/**
 * The HTTP server's limits on slow clients, for every route alike (the API, the pages, the booking
 * form and Slack's requests): headers not complete within half the request's time, or the whole
 * request not received within it, and Node answers 408 and closes the connection. Whatever is
 * reading the body then sees it end early, and nothing is changed.
 */
export function requestTimeoutOptions(requestTimeoutSeconds: number): ServerOptions {
  const requestTimeoutMs = requestTimeoutSeconds * 1000;
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.round(requestTimeoutMs * HEADERS_SHARE_OF_REQUEST_TIME),
    connectionsCheckingInterval: Math.min(LONGEST_CHECK_INTERVAL_MS, Math.round(requestTimeoutMs / 4)),
  };
}
