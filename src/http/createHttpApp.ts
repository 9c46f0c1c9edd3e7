import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Registry } from 'prom-client';
import type { AppConfig } from '../config/appConfig';
import type { Database } from '../db/database';
import { watchInterviewWrites } from './cache/interviewWrites';
import { RecentSessionKeys } from './cache/recentSessionKeys';
import type { MailAddress } from '../config/mailAddress';
import type { DomainContext } from '../domain/shared/domainContext';
import type { JoinWindowSettings } from '../domain/interviews/joinWindow';
import type { Logger } from '../logging/logger';
import type { ServiceStatus } from '../presenters/serviceStatus';
import { requireApiAccess, requireMetricsAccess } from './apiAccess';
import { isDatabaseUnavailableError } from '../db/databaseAvailability';
import { answerApiMethodNotAllowed, apiErrorHandler, DATABASE_RETRY_AFTER_SECONDS, sendApiError } from './apiErrors';
import { refuseOtherMethods } from './methodNotAllowed';
import { refuseRepeatedJsonKeys } from './repeatedJsonKeys';
import { buildOpenApiDocument } from './openApiDocument';
import { apiRateLimit, joinPageRateLimit, rateLimitLogger } from './rateLimits';
import { bookingPageRoutes } from './routes/bookingPage';
import { bookingRequestsApiRoutes } from './routes/bookingRequestsApi';
import { healthRoutes } from './routes/health';
import { interviewsApiRoutes } from './routes/interviewsApi';
import { loopsApiRoutes } from './routes/loopsApi';
import { joinPageRoutes } from './routes/joinPage';
import { statusPageRoutes } from './routes/statusPage';
import { slotsApiRoutes } from './routes/slotsApi';
import { METRICS_PATH, serveMetrics } from './routes/metrics';
import { freeTimesApiRoutes } from './routes/freeTimesApi';

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
  /** What GET /metrics serves. */
  metrics: Registry;
}

/** `GET /api/openapi.json`: the API's OpenAPI 3.1 document, built once. */
function openApiRoutes(publicBaseUrl: string): express.Router {
  const router = express.Router();
  const document = JSON.stringify(buildOpenApiDocument({ serverUrl: publicBaseUrl.replace(/\/+$/, '') }));
  router.get('/openapi.json', (_request, response) => {
    response.type('application/json').send(document);
  });
  return router;
}

/** `GET /metrics`, for this machine or the bearer token (requireMetricsAccess). */
function metricsRoutes(apiToken: string | undefined, registry: Registry): express.Router {
  const router = express.Router();
  router.get(METRICS_PATH, requireMetricsAccess(apiToken), serveMetrics(registry));
  return router;
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
    refuseOtherMethods(joinPageRoutes(deps.context, sessionKeys, deps.joinWindow, deps.organizer)),
  );

  app.use(refuseOtherMethods(healthRoutes(deps.database, () => deps.status())));
  app.use(refuseOtherMethods(statusPageRoutes(deps.status)));
  app.use(refuseOtherMethods(metricsRoutes(deps.apiToken, deps.metrics)));

  const api = express.Router();
  api.use(apiRateLimit(deps.rateLimits.apiPerMinute, rateLimitWarnings));
  api.use(requireApiAccess(deps.apiToken));
  api.use(express.json({ limit: API_BODY_LIMIT, strict: false, verify: refuseRepeatedJsonKeys }));
  api.use(refuseOtherMethods(openApiRoutes(deps.context.publicBaseUrl), answerApiMethodNotAllowed));
  api.use('/interviews', refuseOtherMethods(interviewsApiRoutes(deps.context), answerApiMethodNotAllowed));
  api.use('/loops', refuseOtherMethods(loopsApiRoutes(deps.context), answerApiMethodNotAllowed));
  api.use('/slots', refuseOtherMethods(slotsApiRoutes(deps.context), answerApiMethodNotAllowed));
  api.use('/booking-requests', refuseOtherMethods(bookingRequestsApiRoutes(deps.context), answerApiMethodNotAllowed));
  api.use('/free-times', refuseOtherMethods(freeTimesApiRoutes(deps.context), answerApiMethodNotAllowed));
  api.use((_request, response) => sendApiError(response, 404, 'not_found', 'No such API endpoint.'));
  api.use(apiErrorHandler(deps.logger));
  app.use('/api', api);

  app.use('/book', joinPageRateLimit(deps.rateLimits.joinPagePerMinute, rateLimitWarnings));
  app.use(refuseOtherMethods(bookingPageRoutes(deps.context)));

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
