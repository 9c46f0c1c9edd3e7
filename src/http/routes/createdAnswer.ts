import type { Response } from 'express';

/**
 * The answer to a create: `201` with where the new resource lives, or, when the request's
 * Idempotency-Key names one already made, `200` with it and `Idempotent-Replayed: true`.
 */
export function answerCreated(response: Response, created: boolean, location: string, body: unknown): void {
  response
    .status(created ? 201 : 200)
    .location(location)
    .set(created ? {} : { 'Idempotent-Replayed': 'true' })
    .json(body);
}
