import type { RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { sendApiError } from './apiErrors';

const ONE_MINUTE_MS = 60_000;

/** At most `perMinute` requests per client per minute, answered by `refuse` past it (with Retry-After); 0 turns it off. */
function perClientPerMinute(perMinute: number, refuse: (response: Response) => void): RequestHandler {
  if (perMinute === 0) return (_request, _response, next) => next();
  return rateLimit({
    windowMs: ONE_MINUTE_MS,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_request, response) => refuse(response),
  });
}

/** Per-client limit on the API: a 429 JSON error with Retry-After past it. 0 turns it off. */
export function apiRateLimit(perMinute: number): RequestHandler {
  return perClientPerMinute(perMinute, (response) =>
    sendApiError(response, 429, 'rate_limited', 'Too many requests; slow down and retry after the Retry-After header.'),
  );
}

/**
 * Per-client limit on join pages, so session keys cannot be guessed by brute force (on top of
 * their 122 random bits). A candidate opens their page a handful of times.
 */
export function joinPageRateLimit(perMinute: number): RequestHandler {
  return perClientPerMinute(perMinute, (response) => {
    response.status(429).type('text').send('Too many requests. Please wait a minute and reload.');
  });
}
