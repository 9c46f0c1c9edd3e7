import { Router, type Request, type Response } from 'express';
import { cancelLoop } from '../../domain/loops/cancelLoop';
import type { LoopChangeResult } from '../../domain/loops/loopChanges';
import { moveLoop } from '../../domain/loops/moveLoop';
import { apiChangeRequest } from './interviewsApi';
import type { DomainContext } from '../../domain/shared/domainContext';
import { findLoopById } from '../../domain/loops/loopQueries';
import { presentLoopJson } from '../../presenters/loopJson';

/** `/api/loops`: a loop's sessions read, moved and cancelled together. */
export function loopsApiRoutes(context: DomainContext): Router {
  const router = Router();

  router.get('/:id', async (request, response) => {
    response.json(presentLoopJson(await findLoopById(context, request.params.id)));
  });

  /** Move: every session by the same amount, links kept. */
  router.patch('/:id', async (request, response) => {
    presentLoopChange(response, await moveLoop(context, { ...changeTarget(request, 'move'), input: request.body }));
  });

  router.post('/:id/cancel', async (request, response) => {
    presentLoopChange(response, await cancelLoop(context, changeTarget(request, 'cancel')));
  });

  return router;
}

/** Which loop an API change is for, made by the API (see apiChangeRequest). */
function changeTarget(request: Request<{ id: string }>, change: 'move' | 'cancel') {
  return { loopId: request.params.id, ...apiChangeRequest(request, `${change}_loop`, change === 'move') };
}

function presentLoopChange(response: Response, { outcome, ...loop }: LoopChangeResult): void {
  response
    .status(200)
    .set(outcome === 'replayed' ? { 'Idempotent-Replayed': 'true' } : {})
    .json(presentLoopJson(loop));
}
