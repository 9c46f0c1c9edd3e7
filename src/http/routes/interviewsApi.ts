import { Router } from 'express';
import { z } from 'zod';
import { listDeliveriesForInterview } from '../../domain/deliveryQueries';
import type { DomainContext } from '../../domain/domainContext';
import { InputValidationError } from '../../domain/errors';
import { toFieldProblems } from '../../domain/fieldParsing';
import { decodeCursor, DEFAULT_PAGE_SIZE, findInterviewById, listInterviews, MAX_PAGE_SIZE } from '../../domain/interviewQueries';
import { InterviewStatus } from '../../domain/interviewStatus';
import { MAX_EMAIL_LENGTH, SLACK_USER_ID } from '../../domain/participants';
import { queryParameterText } from '../../domain/textRules';
import { instantQueryParameter } from '../../domain/timeInput';
import { scheduleInterview } from '../../domain/scheduleInterview';
import { SLACK_TEAM_ID } from '../../domain/slackWorkspace';
import { presentDeliveryJson, presentInterviewJson } from '../../presenters/interviewJson';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

const listQuerySchema = z.object({
  status: z.enum(InterviewStatus, { message: `Use one of: ${Object.values(InterviewStatus).join(', ')}.` }).optional(),
  channelId: queryParameterText(32).optional(),
  slackTeamId: z
    .string({ message: 'Send this parameter once.' })
    .regex(SLACK_TEAM_ID, { message: 'Use a Slack team id like T0123ABCD.' })
    .optional(),
  candidateEmail: queryParameterText(MAX_EMAIL_LENGTH).optional(),
  startsAfter: instantQueryParameter.optional(),
  startsBefore: instantQueryParameter.optional(),
  participant: z
    .string({ message: 'Send this parameter once.' })
    .regex(SLACK_USER_ID, { message: 'Use a Slack user id like U0123ABCD.' })
    .optional(),
  limit: z.coerce
    .number({ message: `Use a number from 1 to ${MAX_PAGE_SIZE}.` })
    .int({ message: `Use a number from 1 to ${MAX_PAGE_SIZE}.` })
    .min(1, { message: `Use a number from 1 to ${MAX_PAGE_SIZE}.` })
    .max(MAX_PAGE_SIZE, { message: `Use a number from 1 to ${MAX_PAGE_SIZE}.` })
    .default(DEFAULT_PAGE_SIZE),
  cursor: z
    .string({ message: 'Use the nextCursor from the previous page.' })
    .max(500, { message: 'Use the nextCursor from the previous page.' })
    .refine((value) => decodeCursor(value) !== null, { message: 'Use the nextCursor from the previous page.' })
    .optional(),
});

/** `/api/interviews`: thin adapter around the domain's commands and queries. */
export function interviewsApiRoutes(context: DomainContext): Router {
  const router = Router();

  router.post('/', async (request, response) => {
    const idempotencyKey = request.get('idempotency-key');
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw InputValidationError.forField('Idempotency-Key', 'Use 1 to 200 visible ASCII characters.');
    }
    const { interview, created } = await scheduleInterview(context, {
      input: request.body,
      actor: { kind: 'api' },
      idempotencyKey: idempotencyKey === undefined ? undefined : `api:${idempotencyKey}`,
    });
    response
      .status(created ? 201 : 200)
      .location(`/api/interviews/${interview.id}`)
      .set(created ? {} : { 'Idempotent-Replayed': 'true' })
      .json(presentInterviewJson(interview));
  });

  router.get('/', async (request, response) => {
    const query = listQuerySchema.safeParse(request.query);
    if (!query.success) {
      throw new InputValidationError(toFieldProblems(query.error));
    }
    const { participant, ...filter } = query.data;
    const page = await listInterviews(context, { ...filter, participantSlackUserId: participant });
    response.json({ interviews: page.interviews.map(presentInterviewJson), nextCursor: page.nextCursor });
  });

  router.get('/:id', async (request, response) => {
    const interview = await findInterviewById(context, request.params.id);
    const deliveries = await listDeliveriesForInterview(context, interview.id);
    response.json({ ...presentInterviewJson(interview), deliveries: deliveries.map(presentDeliveryJson) });
  });

  return router;
}
