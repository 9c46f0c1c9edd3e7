import express, { type Express } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/appConfig';
import type { Database } from '../db/database';
import { watchInterviewWrites } from './cache/interviewWrites';
import { RecentSessionKeys } from './cache/recentSessionKeys';
import type { MailAddress } from '../config/mailAddress';
import type { DomainContext } from '../domain/shared/domainContext';
import type { JoinWindowSettings } from '../domain/interviews/joinWindow';
import type { Logger } from '../logging/logger';
import type { ServiceStatus } from '../presenters/serviceStatus';
import { requireApiAccess } from './apiAccess';
import { isDatabaseUnavailableError } from '../db/databaseAvailability';
import { apiErrorHandler, DATABASE_RETRY_AFTER_SECONDS, sendApiError } from './apiErrors';
import { apiRateLimit, joinPageRateLimit, rateLimitLogger } from './rateLimits';
import { bookingPageRoutes } from './routes/bookingPage';
import { bookingRequestsApiRoutes } from './routes/bookingRequestsApi';
import { healthRoutes } from './routes/health';
import { interviewsApiRoutes } from './routes/interviewsApi';
import { loopsApiRoutes } from './routes/loopsApi';
import { joinPageRoutes } from './routes/joinPage';
import { statusPageRoutes } from './routes/statusPage';
import { slotsApiRoutes } from './routes/slotsApi';

export const API_BODY_LIMIT = '64kb';

/** Join-page lookups are reused for up to a second (see RecentSessionKeys). */
const JOIN_PAGE_LOOKUP_MEMORY = { rememberMs: 1000, maxRemembered: 2000 };

export interface HttpAppDependencies {
  context: DomainContext;
  database: Database;
  logger: Logger;
  apiToken?: string;
  joinWindow: JoinWindowSettings;
  /** Named as the organizer in calendar files. */
  organizer: MailAddress;
  rateLimits: AppConfig['rateLimits'];
  trustProxy: AppConfig['trustProxy'];
  /** What is switched on right now, for /readyz and the status page. */
  status: () => ServiceStatus;
}

/** The express app: REST API, the candidate's join page, and health checks. Slack is routed beside it. */
export function createHttpApp(deps: HttpAppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Every response is dynamic and the join page is no-store: hashing each body for an ETag buys nothing.
  app.set('etag', false);
  app.set('trust proxy', deps.trustProxy);
  app.use(helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } }));

  const rateLimitWarnings = rateLimitLogger(deps.logger);

  // The candidate's page first: it is what the app serves most, and nothing else is under /interview.
  const sessionKeys = new RecentSessionKeys(deps.context, JOIN_PAGE_LOOKUP_MEMORY);
  watchInterviewWrites(deps.database.dataSource, () => sessionKeys.forgetAll());
  app.use(
    '/interview',
    joinPageRateLimit(deps.rateLimits.joinPagePerMinute, rateLimitWarnings),
    joinPageRoutes(deps.context, sessionKeys, deps.joinWindow, deps.organizer),
  );

  app.use(healthRoutes(deps.database, () => deps.status()));
  app.use(statusPageRoutes(deps.status));

  const api = express.Router();
  api.use(apiRateLimit(deps.rateLimits.apiPerMinute, rateLimitWarnings));
  api.use(requireApiAccess(deps.apiToken));
  api.use(express.json({ limit: API_BODY_LIMIT, strict: false }));
  api.use('/interviews', interviewsApiRoutes(deps.context));
  api.use('/loops', loopsApiRoutes(deps.context));
  api.use('/slots', slotsApiRoutes(deps.context));
  api.use('/booking-requests', bookingRequestsApiRoutes(deps.context));
  api.use((_request, response) => sendApiError(response, 404, 'not_found', 'No such API endpoint.'));
  api.use(apiErrorHandler(deps.logger));
  app.use('/api', api);

  app.use('/book', joinPageRateLimit(deps.rateLimits.joinPagePerMinute, rateLimitWarnings));
  app.use(bookingPageRoutes(deps.context));

  app.use((_request, response) => {
    response.status(404).type('text').send('Not found');
  });
  app.use(((error, request, response, _next) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      response.status(status).type('text').send('Bad request');
      return;
    }
    if (isDatabaseUnavailableError(error)) {
      if (!response.headersSent) {
        response
          .status(503)
          .set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
          .type('text')
          .send('This page is unavailable for a moment. Please reload it in a few seconds.');
      }
      return;
    }
    deps.logger.error({ err: error, method: request.method, path: request.path }, 'Unexpected error while serving a page');
    if (!response.headersSent) {
      response.status(500).type('text').send('Something went wrong. Please try again in a moment.');
    }
  }) as express.ErrorRequestHandler);
  return app;
}
