import type { ErrorRequestHandler, Response } from 'express';
import type { MethodNotAllowedAnswer } from './methodNotAllowed';
import {
  BookingRequestClosedError,
  BookingRequestNotFoundError,
  IdempotencyConflictError,
  InputValidationError,
  InterviewCancelledError,
  InterviewNotFoundError,
  InterviewersBusyError,
  NoFreeTimesError,
  LoopNotFoundError,
  NotAllowedError,
  RepeatedTooSoonError,
  SlotBookedError,
  SlotNotFoundError,
  type FieldProblem,
} from '../domain/shared/errors';
import { isDatabaseUnavailableError } from '../db/databaseAvailability';
import type { Logger } from '../logging/logger';

/** What a client is told to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

export function sendApiError(response: Response, status: number, code: string, message: string, problems?: FieldProblem[]): void {
  const body: ApiErrorBody = { error: { code, message } };
  if (problems && problems.length > 0) {
    body.error.fields = Object.fromEntries(problems.map((problem) => [problem.field, problem.message]));
  }
  response.status(status).json(body);
}

/** A known `/api` path asked with a method it does not answer: `405`, `Allow` naming the ones it does. */
export const answerApiMethodNotAllowed: MethodNotAllowedAnswer = (request, response, allowed) => {
  sendApiError(response, 405, 'method_not_allowed', `${request.method} is not allowed on this endpoint; use ${allowed.join(' or ')}.`);
};

/**
 * Maps every error to one clear JSON answer. Domain errors become 4xx naming what was wrong;
 * anything unexpected is logged with the request and answered with a bare 500, never a stack.
 */
export function apiErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, request, response, _next) => {
    if (response.headersSent) {
      return;
    }
    if (error instanceof InputValidationError) {
      return sendApiError(response, 400, 'validation_failed', 'Some fields are missing or invalid.', error.problems);
    }
    if (error instanceof InterviewersBusyError) {
      response.status(409).json({
        error: {
          code: 'interviewers_busy',
          message: error.message,
          busy: error.busy.map((period) => ({
            interviewer: period.interviewer,
            startsAt: period.startsAt.toISOString(),
            endsAt: period.endsAt.toISOString(),
          })),
        },
      });
      return;
    }
    if (
      error instanceof InterviewNotFoundError ||
      error instanceof BookingRequestNotFoundError ||
      error instanceof LoopNotFoundError ||
      error instanceof SlotNotFoundError
    ) {
      return sendApiError(response, 404, 'not_found', error.message);
    }
    if (error instanceof IdempotencyConflictError) {
      return sendApiError(response, 409, 'idempotency_key_reused', error.message);
    }
    if (error instanceof NotAllowedError) {
      return sendApiError(response, 403, 'forbidden', error.message);
    }
    if (error instanceof InterviewCancelledError) {
      return sendApiError(response, 409, 'interview_cancelled', error.message);
    }
    if (error instanceof SlotBookedError) {
      return sendApiError(response, 409, 'slot_booked', error.message);
    }
    if (error instanceof BookingRequestClosedError) {
      return sendApiError(response, 409, 'booking_request_closed', error.message);
    }
    if (error instanceof InterviewersBusyError) {
      response.status(409).json({
        error: {
          code: 'interviewers_busy',
          message: error.message,
          busy: error.busy.map(({ interviewer, startsAt, endsAt }) => ({
            interviewer,
            startsAt: startsAt.toISOString(),
            endsAt: endsAt.toISOString(),
          })),
        },
      });
      return;
    }
    if (error instanceof NoFreeTimesError) {
      response.status(409).json({ error: { code: 'no_free_times', message: error.message, calendars: error.calendars } });
      return;
    }
    if (error instanceof RepeatedTooSoonError) {
      response.set('Retry-After', String(error.retryAfterSeconds));
      return sendApiError(response, 429, 'repeated_too_soon', error.message);
    }
    if (isDatabaseUnavailableError(error)) {
      // Logged once per outage where the database noticed it, not once per request.
      response.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendApiError(
        response,
        503,
        'database_unavailable',
        'The database is unreachable for a moment. Retry after Retry-After seconds; with the same Idempotency-Key a retry creates the interview only once.',
      );
    }
    const bodyParserError = error as { type?: string; status?: number };
    switch (bodyParserError.type) {
      case 'entity.parse.failed':
        return sendApiError(response, 400, 'malformed_json', 'The request body is not valid JSON.');
      case 'entity.too.large':
        return sendApiError(response, 413, 'body_too_large', 'The request body is too large.');
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return sendApiError(response, 415, 'unsupported_encoding', 'Send the body as UTF-8 JSON.');
    }
    if (typeof bodyParserError.status === 'number' && bodyParserError.status >= 400 && bodyParserError.status < 500) {
      return sendApiError(response, bodyParserError.status, 'bad_request', 'The request could not be read.');
    }
    logger.error({ err: error, method: request.method, path: request.path }, 'Unexpected error while handling an API request');
    sendApiError(response, 500, 'internal_error', 'Something went wrong on our side. Nothing was changed; try again.');
  };
}
