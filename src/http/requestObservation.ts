import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger';
import { httpRequestDuration } from '../metrics/appMetrics';
import { HEALTH_PATHS } from './routes/health';
import { METRICS_PATH } from './routes/metrics';

/** An `X-Request-Id` sent by a proxy in front is kept when it looks like one; anything else gets a new id. */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Probes and scrapes come every few seconds and say nothing: they are measured, not logged. */
const UNLOGGED_PATHS = new Set<string>([HEALTH_PATHS.liveness, HEALTH_PATHS.readiness, METRICS_PATH]);

/** Each request's route: named by the server (Slack's, outside express), or the pattern express matched, with its mount. */
const routeNames = new WeakMap<IncomingMessage, string>();

/** Names the route of a request that express does not route (POST /slack/events, the install pages). */
export function nameRoute(request: IncomingMessage, route: string): void {
  routeNames.set(request, route);
}

/**
 * The route pattern that answered a request (`/api/interviews/:id`), never its path or query,
 * which carry ids, session keys and booking tokens; `<mount>/*` for an answer from a mounted
 * router's own middleware (a 401, a 404), `unmatched` for anything else.
 */
export function routeOf(request: IncomingMessage): string {
  const named = routeNames.get(request);
  if (named) return named;
  const baseUrl = (request as IncomingMessage & { baseUrl?: string }).baseUrl;
  return baseUrl ? `${baseUrl}/*` : 'unmatched';
}

/**
 * Notes the route pattern express matches, with the mount it was matched under, at the moment it
 * matches it: by the time the answer is sent, an error passed on to a router's error handler has
 * taken the request back out of the inner router, and `baseUrl` no longer names it.
 */
function rememberMatchedRoute(request: IncomingMessage): void {
  let route: unknown;
  Object.defineProperty(request, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(matched: unknown) {
      route = matched;
      const path = (matched as { path?: unknown } | undefined)?.path;
      const baseUrl = (request as IncomingMessage & { baseUrl?: string }).baseUrl ?? '';
      if (typeof path === 'string') routeNames.set(request, `${baseUrl}${path}`);
    },
  });
}

/**
 * Watches every request the server takes: its duration goes into `http_request_duration_seconds`
 * by route pattern, and one access-log line says its method, route, status, duration and request
 * id (also sent back as `X-Request-Id`). Never the path, a query value or a header. The line is
 * written with pino's public API, and only built when its level is enabled: pino-http, which did
 * this before, made two child loggers per request whether or not a line would be written, about
 * 2 % of the app's CPU under slash commands (docs/decisions/access-log.md).
 */
export function observeRequests(logger: Logger): (request: IncomingMessage, response: ServerResponse) => void {
  const accessLog = logger.child({ component: 'http' });
  return (request, response) => {
    const startedAt = performance.now();
    const given = request.headers['x-request-id'];
    const requestId = typeof given === 'string' && WELL_FORMED_REQUEST_ID.test(given) ? given : randomUUID();
    response.setHeader('X-Request-Id', requestId);
    if (!routeNames.has(request)) rememberMatchedRoute(request);
    // 'close' follows 'finish' once the answer is sent, and comes alone when the client went away first.
    response.once('close', () => {
      const durationMs = performance.now() - startedAt;
      const route = routeOf(request);
      const method = request.method ?? 'UNKNOWN';
      const status = response.statusCode;
      if (response.writableFinished) {
        httpRequestDuration.observe({ method, route, status_code: String(status) }, durationMs / 1000);
      }
      const level = accessLogLevel(status);
      if (!accessLog.isLevelEnabled(level) || UNLOGGED_PATHS.has((request.url ?? '').split('?')[0])) return;
      accessLog[level]({ requestId, method, route, status, durationMs: Math.round(durationMs) }, `${method} ${route} ${status}`);
    });
  };
}

/**
 * A 500 (something broke) is an error; another 5xx is a warning: a 503 while the database is away
 * is a deliberate answer, whose outage is logged once by itself.
 */
function accessLogLevel(status: number): 'error' | 'warn' | 'info' {
  if (status === 500) return 'error';
  return status > 500 ? 'warn' : 'info';
}
