import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
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
      if (LOOPBACK_ADDRESSES.has(request.socket.remoteAddress ?? '') && !wasPassedOnByProxy(request)) {
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
  const expected = digest(apiToken);
  return (request, response, next) => {
    const header = request.get('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (match && timingSafeEqual(digest(match[1]), expected)) {
      return next();
    }
    response.set('WWW-Authenticate', 'Bearer realm="interview-scheduler"');
    sendApiError(response, 401, 'unauthorized', 'Send Authorization: Bearer <API_TOKEN>.');
  };
}

/** Hashing first makes the comparison constant-time whatever the lengths. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
