import { Router } from 'express';
import { z } from 'zod';
import { addAvailabilitySlots } from '../../domain/slots/addAvailabilitySlots';
import { listSlots } from '../../domain/slots/slotQueries';
import { parseAvailabilitySlotRequests } from '../../domain/slots/availabilitySlotInput';
import type { DomainContext } from '../../domain/shared/domainContext';
import { InputValidationError } from '../../domain/shared/errors';
import { toFieldProblems } from '../../domain/shared/fieldParsing';
import { presentSlotJson } from '../../presenters/interviewJson';
import { slackTeamIdQueryParameter } from './interviewsApi';
import { refuseOtherMethods } from '../methodNotAllowed';
import { answerApiMethodNotAllowed } from '../apiErrors';

const listQuerySchema = z.object({
  includeBooked: z.enum(['true', 'false'], { message: 'Use true or false.' }).default('false'),
  limit: z.coerce.number().int().min(1).max(500, { message: 'Use a number from 1 to 500.' }).default(100),
  slackTeamId: slackTeamIdQueryParameter,
});

/** `/api/slots`: interviewers' offered windows. POST takes one slot or `{slots: [...]}`; GET filters by `slackTeamId`. */
export function slotsApiRoutes(context: DomainContext): Router {
  const router = Router();

  router.post('/', async (request, response) => {
    const body: unknown = request.body;
    const raw = body && typeof body === 'object' && 'slots' in body ? body.slots : body;
    if (raw === undefined || raw === null || typeof raw !== 'object') {
      throw InputValidationError.forField('body', 'Send a slot {startsAt, durationMinutes, interviewer} or {slots: [...]}.');
    }
    const slots = await addAvailabilitySlots(context, { slots: parseAvailabilitySlotRequests(raw, context.now()), actor: { kind: 'api' } });
    response.status(201).json({ slots: slots.map(presentSlotJson) });
  });

  router.get('/', async (request, response) => {
    const query = listQuerySchema.safeParse(request.query);
    if (!query.success) {
      throw new InputValidationError(toFieldProblems(query.error));
    }
    const { includeBooked, limit, slackTeamId } = query.data;
    const slots = await listSlots(context, { includeBooked: includeBooked === 'true', limit, slackTeamId });
    response.json({ slots: slots.map(presentSlotJson) });
  });

  return refuseOtherMethods(router, answerApiMethodNotAllowed);
}
