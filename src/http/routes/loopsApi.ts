import { Router, type Response } from 'express';
import type { DomainContext } from '../../domain/shared/domainContext';
import { findLoopById } from '../../domain/loops/loopQueries';
import type { ScheduleLoopResult } from '../../domain/loops/scheduleLoop';
import { presentLoopJson } from '../../presenters/loopJson';

/** The answer to POST /api/interviews with `sessions`: the loop with every session, where it lives, and whether it was a retry. */
export function presentLoopCreated(response: Response, { created, ...loop }: ScheduleLoopResult): void {
  response
    .status(created ? 201 : 200)
    .location(`/api/loops/${loop.loop.id}`)
    .set(created ? {} : { 'Idempotent-Replayed': 'true' })
    .json(presentLoopJson(loop));
}

/** `/api/loops`: a loop's sessions read, moved and cancelled together. */
export function loopsApiRoutes(context: DomainContext): Router {
  const router = Router();

  router.get('/:id', async (request, response) => {
    response.json(presentLoopJson(await findLoopById(context, request.params.id)));
  });

  return router;
}
