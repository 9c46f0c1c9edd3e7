import { cancelLoop } from '../../../domain/loops/cancelLoop';
import { InputValidationError, InterviewCancelledError, LoopNotFoundError, NotAllowedError } from '../../../domain/shared/errors';
import { ButtonReplies } from '../../messages/buttonReplies';
import type { SlackDependencies } from '../../slackDependencies';
import { privatelyAnsweredButton } from './privatelyAnsweredButton';

/** "Cancel loop" on a loop's message: every session is cancelled; the message says so, so no private reply is needed. */
export const cancelLoopButton = (deps: SlackDependencies) =>
  privatelyAnsweredButton(deps, loopRefusal, async ({ value, actor, requestKey }) => {
    await cancelLoop(deps.context, { loopId: value, actor, requestKey });
    return null;
  });

/** What the clicker is told when the loop's command refuses. */
function loopRefusal(error: unknown): string | null {
  if (error instanceof NotAllowedError) return ButtonReplies.notAllowed(error.message);
  if (error instanceof LoopNotFoundError) return 'This loop no longer exists.';
  if (error instanceof InterviewCancelledError) return error.message;
  if (error instanceof InputValidationError) return error.problems.map((problem) => problem.message).join(' ');
  return null;
}
