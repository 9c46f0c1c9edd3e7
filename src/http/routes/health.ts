import { Router } from 'express';
import type { Database } from '../../db/database';
import type { ServiceStatus } from '../../presenters/serviceStatus';

export const HEALTH_PATHS = { liveness: '/healthz', readiness: '/readyz' } as const;

/**
 * `/healthz`: the process answers. `/readyz`: and its database does too; it also reports Slack's
 * state and how many workspaces it serves, but a Socket Mode connection that is down does not make the replica unready: it still
 * serves the API and the join pages, which taking it out of the load balancer would cut off too.
 */
export function healthRoutes(
  database: Database,
  slackStatus: () => Pick<ServiceStatus, 'slack' | 'slackWorkspaces'> = () => ({ slack: 'off', slackWorkspaces: 'none' }),
): Router {
  const router = Router();
  router.get(HEALTH_PATHS.liveness, (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get(HEALTH_PATHS.readiness, async (_request, response) => {
    const ready = await database.isReachable();
    const { slack, slackWorkspaces } = slackStatus();
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'database unreachable', slack, slackWorkspaces });
  });
  return router;
}
