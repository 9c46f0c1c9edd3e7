import type { Actor } from '../../../domain/shared/actor';
import {
  InputValidationError,
  InterviewCancelledError,
  InterviewNotFoundError,
  NotAllowedError,
  RepeatedTooSoonError,
} from '../../../domain/shared/errors';
import { ButtonReplies } from '../../messages/buttonReplies';
import type { SlackDependencies } from '../../slackDependencies';
import { privatelyAnsweredButton, type ButtonArgs } from './privatelyAnsweredButton';

/** One click on an interview's button: which interview, who clicked, and which click (a retry carries the same key). */
export interface InterviewClick {
  interviewId: string;
  actor: Extract<Actor, { kind: 'slack' }>;
  requestKey: string;
}

/** A button on an interview's message: runs its command after the ack, and tells the person privately if it was refused. */
export function interviewButton(deps: SlackDependencies, run: (click: InterviewClick, args: ButtonArgs) => Promise<string | null>) {
  return privatelyAnsweredButton(deps, interviewRefusal, ({ value, actor, requestKey }, args) =>
    run({ interviewId: value, actor, requestKey }, args),
  );
}

/** What the clicker is told when an interview's command refuses. */
function interviewRefusal(error: unknown): string | null {
  if (error instanceof NotAllowedError) return ButtonReplies.notAllowed(error.message);
  if (error instanceof InterviewNotFoundError) return ButtonReplies.interviewGone;
  if (error instanceof InterviewCancelledError || error instanceof RepeatedTooSoonError) return error.message;
  if (error instanceof InputValidationError) return error.problems.map((problem) => problem.message).join(' ');
  return null;
}
