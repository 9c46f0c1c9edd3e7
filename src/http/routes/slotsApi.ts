import { Router } from 'express';
import { z } from 'zod';
import { offerAvailabilitySlots } from '../../domain/slots/addAvailabilitySlots';
import { findSlotById, listSlots, SLOT_LIST_STATUSES } from '../../domain/slots/slotQueries';
import { deleteSlot, editSlot } from '../../domain/slots/slotChanges';
import { parseAvailabilitySlotRequests } from '../../domain/slots/availabilitySlotInput';
import type { DomainContext } from '../../domain/shared/domainContext';
import { InputValidationError } from '../../domain/shared/errors';
import { interviewerIdentitySchema } from '../../domain/shared/participants';
import { presentSlotJson } from '../../presenters/interviewJson';
import { pageQueryFields, readListQuery, slackTeamIdQueryParameter } from './interviewsApi';

export const slotListQuerySchema = z.object({
  status: z.enum(SLOT_LIST_STATUSES, { message: `Use one of: ${SLOT_LIST_STATUSES.join(', ')}.` }).optional(),
  interviewer: interviewerIdentitySchema('Use a Slack user id (like U0123ABCD) or an email address.').optional(),
  slackTeamId: slackTeamIdQueryParameter,
  ...pageQueryFields,
});

/**
 * `/api/slots`: interviewers' offered windows, a resource like interviews. POST takes one slot
 * (`201` with `Location`, or `200` with the open slot that already offers that window) or
 * `{slots: [...]}`; GET lists them like interviews (filters, `limit`, `cursor`); one slot is read,
 * changed and withdrawn at `/api/slots/:id`, until it is booked (`409`).
 */
export function slotsApiRoutes(context: DomainContext): Router {
  const router = Router();

  router.post('/', async (request, response) => {
    const body: unknown = request.body;
    if (body === undefined || body === null || typeof body !== 'object') {
      throw InputValidationError.forField('body', 'Send a slot {startsAt, durationMinutes, interviewers} or {slots: [...]}.');
    }
    const many = Array.isArray(body) || 'slots' in body;
    if (!Array.isArray(body) && 'slots' in body) {
      const others = Object.keys(body).filter((key) => key !== 'slots');
      if (others.length > 0) {
        throw new InputValidationError(
          others.map((field) => ({ field, message: 'Unknown field: send only slots: [...] with many slots.' })),
        );
      }
    }
    const raw = !Array.isArray(body) && 'slots' in body ? body.slots : body;
    if (many && !Array.isArray(raw)) throw InputValidationError.forField('slots', 'Send slots as a list of slots.');
    const added = await offerAvailabilitySlots(context, {
      slots: parseAvailabilitySlotRequests(raw, context.now()),
      actor: { kind: 'api' },
    });
    const now = context.now();
    if (many) {
      response.status(201).json({ slots: added.map(({ slot }) => presentSlotJson(slot, now)) });
      return;
    }
    const [{ slot, created }] = added;
    response
      .status(created ? 201 : 200)
      .location(`/api/slots/${slot.id}`)
      .json(presentSlotJson(slot, now));
  });

  router.get('/', async (request, response) => {
    const query = readListQuery(slotListQuerySchema, request.query);
    const page = await listSlots(context, query);
    const now = context.now();
    response.json({ slots: page.slots.map((slot) => presentSlotJson(slot, now)), nextCursor: page.nextCursor });
  });

  router.get('/:id', async (request, response) => {
    response.json(presentSlotJson(await findSlotById(context, request.params.id), context.now()));
  });

  router.patch('/:id', async (request, response) => {
    const slot = await editSlot(context, { slotId: request.params.id, input: request.body });
    response.json(presentSlotJson(slot, context.now()));
  });

  router.delete('/:id', async (request, response) => {
    await deleteSlot(context, request.params.id);
    response.status(204).end();
  });

  return router;
}
