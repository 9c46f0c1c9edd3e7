import type { ViewErrorsResponseAction } from '@slack/bolt';
import {
  InputValidationError,
  InterviewCancelledError,
  InterviewNotFoundError,
  NotAllowedError,
  type FieldProblem,
} from '../../../domain/errors';
import type { Logger } from '../../../logger';
import { FailureNotes } from '../../messages/failureNotes';
import { isTemporaryDatabaseTrouble } from '../../slackDeadline';

/** How one modal shows what went wrong: where each field's problem goes, and where a general note goes. */
export interface ModalFailureDisplay {
  errorsFor(problems: FieldProblem[]): Record<string, string>;
  /** The block that carries a note not about one field (its first, or its most important). */
  noteBlock: string;
  /** What was being done, for the log when something unexpected failed. */
  doing: string;
}

/**
 * The answer to a modal submission whose command refused or failed: each problem next to its field,
 * a refusal or "try again in a moment" on the note block, or (for a bug, logged with its details) a
 * note saying nothing was saved. The modal stays open with everything typed.
 */
export function answerModalFailure(error: unknown, display: ModalFailureDisplay, logger: Logger): ViewErrorsResponseAction {
  const note = (text: string): ViewErrorsResponseAction => ({ response_action: 'errors', errors: { [display.noteBlock]: text } });
  if (error instanceof InputValidationError) return { response_action: 'errors', errors: display.errorsFor(error.problems) };
  if (error instanceof NotAllowedError || error instanceof InterviewNotFoundError || error instanceof InterviewCancelledError)
    return note(error.message);
  if (isTemporaryDatabaseTrouble(error)) return note(FailureNotes.couldNotSaveNow);
  logger.error({ err: error }, `${display.doing} failed`);
  return note(FailureNotes.unexpectedInModal);
}
