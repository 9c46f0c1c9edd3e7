import { listOpenSlots } from '../../../domain/availabilitySlots';
import { cancelInterview } from '../../../domain/cancelInterview';
import type { Actor } from '../../../domain/domainContext';
import {
  InputValidationError,
  InterviewCancelledError,
  InterviewNotFoundError,
  NotAllowedError,
  RepeatedTooSoonError,
} from '../../../domain/errors';
import { assertMayChangeInterview } from '../../../domain/interviewChanges';
import { findInterviewById } from '../../../domain/interviewQueries';
import { resendInvitation } from '../../../domain/resendInvitation';
import { rotateJoinLink } from '../../../domain/rotateJoinLink';
import { ButtonReplies } from '../../messages/buttonReplies';
import type { SlackDependencies } from '../../slackDependencies';
import { buildRescheduleInterviewModal } from '../../views/rescheduleInterviewModal';
import { privatelyAnsweredButton, type ButtonArgs } from './privatelyAnsweredButton';
import { openView } from '../../../slackApi/blockKitCalls';

/** One click on an interview's button: which interview, who clicked, and which click (a retry carries the same key). */
interface Click {
  interviewId: string;
  actor: Extract<Actor, { kind: 'slack' }>;
  requestKey: string;
}

/** Runs a button's command after the ack, and tells the person privately if it was refused. */
function interviewButton(deps: SlackDependencies, run: (click: Click, args: ButtonArgs) => Promise<string | null>) {
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

/** Reschedule: checks permission first, then opens a modal pre-filled with the current time. */
export const rescheduleButton = (deps: SlackDependencies) =>
  interviewButton(deps, async ({ interviewId, actor }, { body, client }) => {
    const interview = await findInterviewById(deps.context, interviewId);
    assertMayChangeInterview(interview, actor);
    await openView(client, {
      trigger_id: body.trigger_id,
      view: buildRescheduleInterviewModal(interview, await listOpenSlots(deps.context, actor.scope)),
    });
    return null;
  });

export const cancelButton = (deps: SlackDependencies) =>
  interviewButton(deps, async (click) => {
    await cancelInterview(deps.context, click);
    return null;
  });

export const resendInvitationButton = (deps: SlackDependencies) =>
  interviewButton(deps, async (click) => {
    const { interview } = await resendInvitation(deps.context, click);
    return ButtonReplies.resending(interview.candidateEmail);
  });

export const rotateLinkButton = (deps: SlackDependencies) =>
  interviewButton(deps, async (click) => {
    await rotateJoinLink(deps.context, click);
    return ButtonReplies.linkRotated;
  });
