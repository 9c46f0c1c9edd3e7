import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { cancelInterview } from '../../domain/interviews/cancelInterview';
import { listDeliveriesForInterview } from '../../domain/deliveries/deliveryQueries';
import type { DomainContext } from '../../domain/shared/domainContext';
import { InputValidationError } from '../../domain/shared/errors';
import { fingerprintRequest } from '../../domain/interviews/interviewInput';
import { toFieldProblems } from '../../domain/shared/fieldParsing';
import {
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  findInterviewById,
  listInterviews,
  MAX_PAGE_SIZE,
} from '../../domain/interviews/interviewQueries';
import { InterviewStatus } from '../../domain/interviews/interviewStatus';
import { MAX_EMAIL_LENGTH, SLACK_USER_ID } from '../../domain/shared/participants';
import { queryParameterText } from '../../domain/shared/textRules';
import { instantQueryParameter } from '../../domain/shared/timeInput';
import type { InterviewChangeResult } from '../../domain/interviews/interviewChanges';
import { editInterview } from '../../domain/interviews/editInterview';
import { editInterviewWithPools } from '../../domain/loops/editWithPools';
import { resendInvitation } from '../../domain/interviews/resendInvitation';
import { rotateJoinLink } from '../../domain/interviews/rotateJoinLink';
import { scheduleInterview } from '../../domain/interviews/scheduleInterview';
import { SLACK_TEAM_ID } from '../../domain/workspaces/slackWorkspace';
import { presentDeliveryJson, presentInterviewJson } from '../../presenters/interviewJson';
import { readMeetingState } from '../../domain/meetings/meetingQueries';
import { setMeetingUrl } from '../../domain/meetings/setMeetingUrl';
import { asksForALoop, namesAPool } from '../../domain/loops/planRequest';
import { scheduleWithPools } from '../../domain/loops/scheduleWithPools';
import { scheduleLoop } from '../../domain/loops/scheduleLoop';
import type { ScheduleLoopResult } from '../../domain/loops/scheduleLoop';
import { presentLoopJson } from '../../presenters/loopJson';
import { answerCreated } from './createdAnswer';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * The request's Idempotency-Key header, prefixed `api:` so it can never collide with a key Slack's
 * requests use; undefined when absent, refused when not 1 to 200 visible ASCII characters.
 */
export function readApiIdempotencyKey(request: Request): string | undefined {
  const idempotencyKey = request.get('idempotency-key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw InputValidationError.forField('Idempotency-Key', 'Use 1 to 200 visible ASCII characters.');
  }
  return idempotencyKey === undefined ? undefined : `api:${idempotencyKey}`;
}

/**
 * A change that takes no body (cancel, resend, rotate-link) is sent none, or `{}`: a field sent
 * with it is named and refused, since nothing would read it.
 */
export function refuseAnyBody(request: Request): void {
  const body: unknown = request.body;
  if (body === undefined || body === null) return;
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw InputValidationError.forField('body', 'This request takes no body; send none, or {}.');
  }
  const fields = Object.keys(body);
  if (fields.length > 0) {
    throw new InputValidationError(fields.map((field) => ({ field, message: 'Unknown field: this request takes no body.' })));
  }
}

/** `limit` and `cursor`, the same for every list the API pages through. */
export const pageQueryFields = {
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
};

/**
 * A list's query parameters, read by `schema`, every bad one named at once: one the list does not
 * take too, as free-times does, so a misspelt filter (`?candidate_email=`) is not a list of everything.
 */
export function readListQuery<Schema extends z.ZodObject>(schema: Schema, query: unknown): z.output<Schema> {
  const raw = query as Record<string, unknown>;
  const known = Object.keys(schema.shape);
  const parsed = schema.safeParse(raw);
  const problems = [
    ...(parsed.success ? [] : toFieldProblems(parsed.error)),
    ...Object.keys(raw)
      .filter((name) => !known.includes(name))
      .map((name) => ({ field: name, message: `Unknown parameter; use ${known.join(', ')}.` })),
  ];
  if (!parsed.success || problems.length > 0) throw new InputValidationError(problems);
  return parsed.data;
}

/** `?slackTeamId=T…`: only one Slack workspace's rows, on every list. */
export const slackTeamIdQueryParameter = z
  .string({ message: 'Send this parameter once.' })
  .regex(SLACK_TEAM_ID, { message: 'Use a Slack team id like T0123ABCD.' })
  .optional();

export const interviewListQuerySchema = z.object({
  status: z.enum(InterviewStatus, { message: `Use one of: ${Object.values(InterviewStatus).join(', ')}.` }).optional(),
  channelId: queryParameterText(32).optional(),
  slackTeamId: slackTeamIdQueryParameter,
  candidateEmail: queryParameterText(MAX_EMAIL_LENGTH).optional(),
  startsAfter: instantQueryParameter.optional(),
  startsBefore: instantQueryParameter.optional(),
  participant: z
    .string({ message: 'Send this parameter once.' })
    .regex(SLACK_USER_ID, { message: 'Use a Slack user id like U0123ABCD.' })
    .optional(),
  ...pageQueryFields,
});

/**
 * Who asks for an API change, under the request's Idempotency-Key. The key stands for this change
 * with this body (`withBody`), so reused for another change, or another body, it is refused.
 */
export function apiChangeRequest(request: Request, change: string, withBody: boolean) {
  const requestKey = readApiIdempotencyKey(request);
  return {
    actor: { kind: 'api' as const },
    requestKey,
    requestFingerprint: requestKey ? fingerprintRequest({ change, body: withBody ? (request.body as unknown) : null }) : undefined,
  };
}

/** Which interview an API change is for, made by the API (see apiChangeRequest). */
function changeTarget(request: Request<{ id: string }>, change: 'reschedule' | 'cancel' | 'resend' | 'rotate-link' | 'meeting-url') {
  const withBody = change === 'reschedule' || change === 'meeting-url';
  if (!withBody) refuseAnyBody(request);
  return { interviewId: request.params.id, ...apiChangeRequest(request, change, withBody) };
}

/** A change's answer: the interview as it stands; a repeated Idempotency-Key is answered as the first, and says so. */
function presentChange(
  response: Response,
  status: number,
  { interview, outcome }: InterviewChangeResult,
  meeting?: Awaited<ReturnType<typeof readMeetingState>>,
): void {
  response
    .status(status)
    .set(outcome === 'replayed' ? { 'Idempotent-Replayed': 'true' } : {})
    .json({ ...presentInterviewJson(interview), ...(meeting === undefined ? {} : { meeting }) });
}

/**
 * A PATCH that sets the call link: `meetingUrl` is changed in a request of its own, never beside a
 * new time (two changes, each with its own thread reply and answer).
 */
function isMeetingUrlChange(body: unknown): body is { meetingUrl: unknown } {
  if (typeof body !== 'object' || body === null || !('meetingUrl' in body)) return false;
  const others = Object.keys(body).filter((key) => key !== 'meetingUrl');
  if (others.length > 0) {
    throw InputValidationError.forField('meetingUrl', `Set the call link in a request of its own, without ${others.join(', ')}.`);
  }
  return true;
}

/** The answer to POST /api/interviews with `sessions`: the loop with every session, where it lives, and whether it was a retry. */
export function presentLoopCreated(response: Response, { created, ...loop }: ScheduleLoopResult): void {
  answerCreated(response, created, `/api/loops/${loop.loop.id}`, presentLoopJson(loop));
}

/** `/api/interviews`: thin adapter around the domain's commands and queries. */
export function interviewsApiRoutes(context: DomainContext): Router {
  const router = Router();

  router.post('/', async (request, response) => {
    if (asksForALoop(request.body)) {
      presentLoopCreated(
        response,
        await scheduleLoop(context, { input: request.body, actor: { kind: 'api' }, idempotencyKey: readApiIdempotencyKey(request) }),
      );
      return;
    }
    const schedule = namesAPool(request.body) ? scheduleWithPools : scheduleInterview;
    const { interview, created } = await schedule(context, {
      input: request.body,
      actor: { kind: 'api' },
      idempotencyKey: readApiIdempotencyKey(request),
    });
    answerCreated(response, created, `/api/interviews/${interview.id}`, presentInterviewJson(interview));
  });

  router.get('/', async (request, response) => {
    const { participant, ...filter } = readListQuery(interviewListQuerySchema, request.query);
    const page = await listInterviews(context, { ...filter, participantSlackUserId: participant });
    response.json({ interviews: page.interviews.map(presentInterviewJson), nextCursor: page.nextCursor });
  });

  router.get('/:id', async (request, response) => {
    const interview = await findInterviewById(context, request.params.id);
    const deliveries = await listDeliveriesForInterview(context, interview.id);
    response.json({
      ...presentInterviewJson(interview),
      meeting: await readMeetingState(context, interview),
      deliveries: deliveries.map(presentDeliveryJson),
    });
  });

  /** Edit: the time (the same rules as the Slack modal's reschedule) and the details set when scheduling; `{"meetingUrl"}` alone sets the call link by hand. */
  router.patch('/:id', async (request, response) => {
    if (isMeetingUrlChange(request.body)) {
      const target = changeTarget(request, 'meeting-url');
      const result = await setMeetingUrl(context, { ...target, meetingUrl: request.body.meetingUrl });
      presentChange(response, 200, result, await readMeetingState(context, result.interview));
      return;
    }
    const target = changeTarget(request, 'reschedule');
    const edit = namesAPool(request.body) ? editInterviewWithPools : editInterview;
    presentChange(response, 200, await edit(context, { ...target, input: request.body }));
  });

  router.post('/:id/cancel', async (request, response) => {
    const target = changeTarget(request, 'cancel');
    presentChange(response, 200, await cancelInterview(context, target));
  });

  /** 202: the invitation is queued, not yet sent; GET /api/interviews/:id shows its state. */
  router.post('/:id/resend', async (request, response) => {
    const target = changeTarget(request, 'resend');
    presentChange(response, 202, await resendInvitation(context, target));
  });

  router.post('/:id/rotate-link', async (request, response) => {
    const target = changeTarget(request, 'rotate-link');
    presentChange(response, 200, await rotateJoinLink(context, target));
  });

  return router;
}
