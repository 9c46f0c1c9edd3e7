import type { ViewErrorsResponseAction } from '@slack/bolt';
import {
  InputValidationError,
  InterviewCancelledError,
  InterviewNotFoundError,
  NotAllowedError,
  type FieldProblem,
} from '../../../domain/shared/errors';
import { isDatabaseUnavailableError } from '../../../db/databaseAvailability';
import { FailureNotes } from '../../messages/failureNotes';
import type { SlackDependencies } from '../../slackDependencies';
import { TooSlowForSlackError } from '../../slackDeadline';

/** How one modal shows what went wrong: where each field's problem goes, and where a general note goes. */
export interface ModalFailureDisplay {
  errorsFor(problems: FieldProblem[]): Record<string, string>;
  /** The block that carries a note not about one field (its first, or its most important). */
  noteBlock: string;
  /** The modal's submit button, which a note may ask the person to press again. */
  submitLabel: string;
  /** What was being done, for the log when something unexpected failed. */
  doing: string;
}

/**
 * The answer to a modal submission whose command refused or failed: each problem next to its field,
 * a refusal on the note block, that it took too long (the app was busy: the work may still finish,
 * and submitting again finds it instead of doing it twice) or that the database is briefly
 * unavailable, each with "press the button again", or (for a bug, logged with its details) a note
 * saying nothing was saved. The modal stays open with everything typed.
 */
export function answerModalFailure(
  error: unknown,
  display: ModalFailureDisplay,
  deps: Pick<SlackDependencies, 'context' | 'logger'>,
): ViewErrorsResponseAction {
  const note = (text: string): ViewErrorsResponseAction => ({ response_action: 'errors', errors: { [display.noteBlock]: text } });
  if (error instanceof InputValidationError) return { response_action: 'errors', errors: display.errorsFor(error.problems) };
  if (error instanceof NotAllowedError || error instanceof InterviewNotFoundError || error instanceof InterviewCancelledError)
    return note(error.message);
  if (isDatabaseUnavailableError(error)) return note(FailureNotes.couldNotSaveNow);
  // Out of time: an outage only if the database is known to be down; otherwise the app was busy.
  if (error instanceof TooSlowForSlackError) {
    return note(deps.context.database.availability.isDown ? FailureNotes.couldNotSaveNow : FailureNotes.tookTooLong(display.submitLabel));
  }
  deps.logger.error({ err: error }, `${display.doing} failed`);
  return note(FailureNotes.unexpectedInModal);
}
