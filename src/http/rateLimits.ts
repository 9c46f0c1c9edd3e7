import type { RequestHandler, Response } from 'express';
import { rateLimit, type Logger as RateLimitLogger } from 'express-rate-limit';
import type { Logger } from '../logging/logger';
import { sendApiError } from './apiErrors';

const ONE_MINUTE_MS = 60_000;

/**
 * What to change, for each misconfiguration express-rate-limit notices in a request: said once,
 * as a warning naming the setting, instead of the library's stack trace on stderr.
 */
const SETTING_TO_CHANGE: Record<string, string> = {
  ERR_ERL_UNEXPECTED_X_FORWARDED_FOR:
    'A request came with X-Forwarded-For but TRUST_PROXY is unset, so rate limits count every client behind that proxy as one. Behind a load balancer or reverse proxy, set TRUST_PROXY to the number of proxies in front (e.g. 1), or to loopback for one on this machine.',
  ERR_ERL_PERMISSIVE_TRUST_PROXY:
    'TRUST_PROXY=true believes every X-Forwarded-For address, so any client can pick its own address and slip past the rate limits. Set TRUST_PROXY to the number of proxies in front (e.g. 1) instead.',
  ERR_ERL_FORWARDED_HEADER:
    'A request came with a Forwarded header, which rate limits do not read: clients are told apart by X-Forwarded-For under TRUST_PROXY. Have the proxy send X-Forwarded-For and set TRUST_PROXY to the number of proxies in front (e.g. 1).',
};

/**
 * express-rate-limit's logger, writing through the app's: each of the library's configuration
 * warnings (codes ERR_ERL_…) once per process, at warn level, saying which setting to change; any
 * other error (its store failing) as an error. Nothing goes to the console, so the log stays JSON lines.
 */
export function rateLimitLogger(logger: Logger): RateLimitLogger {
  const warned = new Set<string>();
  const report = (error: unknown, message?: string) => {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('ERR_ERL_')) {
      if (warned.has(code)) return;
      warned.add(code);
      logger.warn({ code }, SETTING_TO_CHANGE[code] ?? `Rate limits: ${error instanceof Error ? error.message : code}`);
      return;
    }
    logger.error({ err: error }, message ?? 'Rate limits failed');
  };
  return { warn: report, error: report };
}

/** At most `perMinute` requests per client per minute, answered by `refuse` past it (with Retry-After); 0 turns it off. */
function perClientPerMinute(perMinute: number, logger: RateLimitLogger, refuse: (response: Response) => void): RequestHandler {
  if (perMinute === 0) return (_request, _response, next) => next();
  return rateLimit({
    windowMs: ONE_MINUTE_MS,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    logger,
    handler: (_request, response) => refuse(response),
  });
}

/** Per-client limit on the API: a 429 JSON error with Retry-After past it. 0 turns it off. */
export function apiRateLimit(perMinute: number, logger: RateLimitLogger): RequestHandler {
  return perClientPerMinute(perMinute, logger, (response) =>
    sendApiError(response, 429, 'rate_limited', 'Too many requests; slow down and retry after the Retry-After header.'),
  );
}

/**
 * Per-client limit on join pages, so session keys cannot be guessed by brute force (on top of
 * their 122 random bits). A candidate opens their page a handful of times.
 */
export function joinPageRateLimit(perMinute: number, logger: RateLimitLogger): RequestHandler {
  return perClientPerMinute(perMinute, logger, (response) => {
    response.status(429).type('text').send('Too many requests. Please wait a minute and reload.');
  });
}
