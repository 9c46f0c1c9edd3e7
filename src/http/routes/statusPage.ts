import { Router } from 'express';
import { renderStatusPage, STATUS_PAGE_CONTENT_SECURITY_POLICY } from '../../presenters/statusPage';
import type { ServiceStatus } from '../../presenters/serviceStatus';

/**
 * `GET /`: a small page saying what this server runs with (Slack's mode, where email goes, which
 * database) and where the health checks and the API are; JSON for clients that ask for it. It shows
 * only kinds, never URLs, paths, counts or addresses, because anyone who can reach the port sees it.
 */
export function statusPageRoutes(status: () => ServiceStatus): Router {
  const router = Router();
  router.get('/', (request, response) => {
    response.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex, nofollow', Vary: 'Accept' });
    if (request.accepts(['html', 'json']) === 'json') {
      response.json(status());
      return;
    }
    response.set('Content-Security-Policy', STATUS_PAGE_CONTENT_SECURITY_POLICY).type('html').send(renderStatusPage(status()));
  });
  return router;
}
