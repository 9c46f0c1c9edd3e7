import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { sendApiError } from './apiErrors';
import { wasPassedOnByProxy } from './clientAddress';

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * With API_TOKEN set, every /api request must carry `Authorization: Bearer <API_TOKEN>`.
 * Without it the API is open only to this machine, so a fresh install is not an open door. A
 * request that came through a proxy on this machine (a reverse proxy, a tunnel) is somebody
 * else's request, even though its connection is from loopback: any forwarding header, of any name
 * a proxy or CDN uses (see wasPassedOnByProxy), means the request is not this machine's own.
 */
export function requireApiAccess(apiToken: string | undefined): RequestHandler {
  if (!apiToken) {
    return (request, response, next) => {
      if (isThisMachinesOwnRequest(request)) {
        return next();
      }
      sendApiError(
        response,
        401,
        'unauthorized',
        'The API only answers requests made on this machine, not through a proxy, until API_TOKEN is set.',
      );
    };
  }
  const carriesToken = bearerTokenCheck(apiToken);
  return (request, response, next) => {
    if (carriesToken(request)) {
      return next();
    }
    response.set('WWW-Authenticate', 'Bearer realm="interview-scheduler"');
    sendApiError(response, 401, 'unauthorized', 'Send Authorization: Bearer <API_TOKEN>.');
  };
}

/**
 * GET /metrics answers a request from this machine itself (the same rule as the API's without a
 * token: no forwarding header of any kind), or one carrying `Authorization: Bearer <API_TOKEN>`,
 * e.g. Prometheus scraping the pod. A metric names no person, but request rates and backlogs are
 * still not for the internet.
 */
export function requireMetricsAccess(apiToken: string | undefined): RequestHandler {
  const carriesToken = apiToken ? bearerTokenCheck(apiToken) : () => false;
  return (request, response, next) => {
    if (isThisMachinesOwnRequest(request) || carriesToken(request)) return next();
    if (apiToken) response.set('WWW-Authenticate', 'Bearer realm="interview-scheduler"');
    response
      .status(401)
      .type('text')
      .send(
        apiToken
          ? 'Send Authorization: Bearer <API_TOKEN>, or ask from this machine.'
          : 'Metrics are served to this machine only (not through a proxy) until API_TOKEN is set.',
      );
  };
}

function isThisMachinesOwnRequest(request: Request): boolean {
  return LOOPBACK_ADDRESSES.has(request.socket.remoteAddress ?? '') && !wasPassedOnByProxy(request);
}

function bearerTokenCheck(token: string): (request: Request) => boolean {
  const expected = digest(token);
  return (request) => {
    const match = /^Bearer\s+(.+)$/i.exec((request.get('authorization') ?? '').trim());
    return match !== null && timingSafeEqual(digest(match[1]), expected);
  };
}

/** Hashing first makes the comparison constant-time whatever the lengths. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
