import { InputValidationError, InterviewCancelledError, LoopNotFoundError, NotAllowedError } from '../../../domain/shared/errors';
import { ButtonReplies } from '../../messages/buttonReplies';

/** What the clicker of a loop's button is told when the loop's command refuses. */
export function loopRefusal(error: unknown): string | null {
  if (error instanceof NotAllowedError) return ButtonReplies.notAllowed(error.message);
  if (error instanceof LoopNotFoundError) return 'This loop no longer exists.';
  if (error instanceof InterviewCancelledError) return error.message;
  if (error instanceof InputValidationError) return error.problems.map((problem) => problem.message).join(' ');
  return null;
}
