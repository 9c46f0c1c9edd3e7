import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
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
import { replyPrivately } from '../../privateReply';
import { ButtonReplies } from '../../messages/buttonReplies';
import { FailureNotes } from '../../messages/failureNotes';
import type { SlackDependencies } from '../../slackDependencies';
import { isTemporaryDatabaseTrouble } from '../../slackDeadline';
import { buildRescheduleInterviewModal } from '../../views/rescheduleInterviewModal';
import { slackActor } from '../../workspaces/slackTenancy';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** One click: who made it (from which workspace) and which click it was, so a retried delivery of it is not applied twice. */
interface Click {
  interviewId: string;
  actor: Extract<Actor, { kind: 'slack' }>;
  requestKey: string;
}

/** Runs a button's command after the ack, and tells the person privately if it was refused. */
function interviewButton(deps: SlackDependencies, run: (click: Click, args: ButtonArgs) => Promise<string | null>) {
  return async (args: ButtonArgs) => {
    const { ack, action, body, client, respond, context } = args;
    await ack();
    const click: Click = {
      interviewId: action.value ?? '',
      actor: slackActor(deps.tenancy, context, body.user.id),
      requestKey: `slack-action:${body.user.id}:${action.action_ts}`,
    };
    const reply = (text: string) =>
      replyPrivately({ respond, responseUrl: (body as { response_url?: string }).response_url, client, userId: body.user.id }, text);
    try {
      const confirmation = await run(click, args);
      if (confirmation) await reply(confirmation);
    } catch (error) {
      if (error instanceof NotAllowedError) return reply(ButtonReplies.notAllowed(error.message));
      if (error instanceof InterviewNotFoundError) return reply(ButtonReplies.interviewGone);
      if (error instanceof InterviewCancelledError || error instanceof RepeatedTooSoonError) return reply(error.message);
      if (error instanceof InputValidationError) return reply(error.problems.map((problem) => problem.message).join(' '));
      if (isTemporaryDatabaseTrouble(error)) return reply(FailureNotes.couldNotChangeNow);
      deps.logger.error({ err: error, actionId: action.action_id }, 'An interview button failed');
      await reply(FailureNotes.unexpectedAfterClick);
    }
  };
}

/** Reschedule: checks permission first, then opens a modal pre-filled with the current time. */
export const rescheduleButton = (deps: SlackDependencies) =>
  interviewButton(deps, async ({ interviewId, actor }, { body, client }) => {
    const interview = await findInterviewById(deps.context, interviewId);
    assertMayChangeInterview(interview, actor);
    await client.views.open({
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
