import { Router } from 'express';
import type { Database } from '../../db/database';

export const HEALTH_PATHS = { liveness: '/healthz', readiness: '/readyz' } as const;

/** `/healthz`: the process answers. `/readyz`: and its database does too. */
export function healthRoutes(database: Database): Router {
  const router = Router();
  router.get(HEALTH_PATHS.liveness, (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get(HEALTH_PATHS.readiness, async (_request, response) => {
    const ready = await database.isReachable();
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'database unreachable' });
  });
  return router;
}
