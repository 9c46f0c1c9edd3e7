import { Router, type Request, type Response } from 'express';
import { fingerprintRequest } from '../../domain/interviews/interviewInput';
import { cancelLoop } from '../../domain/loops/cancelLoop';
import type { LoopChangeResult } from '../../domain/loops/loopChanges';
import { moveLoop } from '../../domain/loops/moveLoop';
import { readApiIdempotencyKey } from './interviewsApi';
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

/** Which loop an API change is for, under the request's Idempotency-Key (standing for this change with this body). */
function changeTarget(request: Request<{ id: string }>, change: 'move' | 'cancel') {
  const requestKey = readApiIdempotencyKey(request);
  return {
    loopId: request.params.id,
    actor: { kind: 'api' as const },
    requestKey,
    requestFingerprint: requestKey
      ? fingerprintRequest({ change: `${change}_loop`, body: change === 'move' ? (request.body as unknown) : null })
      : undefined,
  };
}

function presentLoopChange(response: Response, { outcome, ...loop }: LoopChangeResult): void {
  response
    .status(200)
    .set(outcome === 'replayed' ? { 'Idempotent-Replayed': 'true' } : {})
    .json(presentLoopJson(loop));
}
