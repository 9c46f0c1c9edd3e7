import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
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
 * by route pattern, and one access-log line (pino-http) says its method, route, status, duration
 * and request id (also sent back as `X-Request-Id`). Never the path, a query value or a header.
 */
export function observeRequests(logger: Logger): (request: IncomingMessage, response: ServerResponse) => void {
  const accessLog = pinoHttp({
    logger: logger.child({ component: 'http' }),
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    genReqId: (request, response) => {
      const given = request.headers['x-request-id'];
      const id = typeof given === 'string' && WELL_FORMED_REQUEST_ID.test(given) ? given : randomUUID();
      response.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (request) => UNLOGGED_PATHS.has((request.url ?? '').split('?')[0]) },
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
    customSuccessObject: (request, response, fields: { responseTime?: number }) => describeExchange(request, response, fields),
    customErrorObject: (request, response, _error, fields: { responseTime?: number }) => describeExchange(request, response, fields),
    customSuccessMessage: (request, response) => `${request.method} ${routeOf(request)} ${response.statusCode}`,
    customErrorMessage: (request, response) => `${request.method} ${routeOf(request)} ${response.statusCode}`,
  });
  return (request, response) => {
    const stopTimer = httpRequestDuration.startTimer();
    rememberMatchedRoute(request);
    response.once('finish', () => {
      stopTimer({ method: request.method ?? 'UNKNOWN', route: routeOf(request), status_code: String(response.statusCode) });
    });
    accessLog(request, response);
  };
}

function describeExchange(request: IncomingMessage, response: ServerResponse, fields: { responseTime?: number }) {
  return { method: request.method, route: routeOf(request), status: response.statusCode, durationMs: fields.responseTime };
}
