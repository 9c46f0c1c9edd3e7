import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { listOpenSlots } from '../../../domain/availabilitySlots';
import { cancelInterview } from '../../../domain/cancelInterview';
import type { Actor } from '../../../domain/domainContext';
import { InputValidationError, InterviewNotFoundError, NotAllowedError } from '../../../domain/errors';
import { assertMayChangeInterview } from '../../../domain/interviewChanges';
import { findInterviewById } from '../../../domain/interviewQueries';
import { resendInvitation } from '../../../domain/resendInvitation';
import { rotateJoinLink } from '../../../domain/rotateJoinLink';
import { replyPrivately } from '../../privateReply';
import type { SlackDependencies } from '../../slackDependencies';
import { buildRescheduleInterviewModal } from '../../views/rescheduleInterviewModal';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** Runs a button's command after the ack, and tells the person privately if it was refused. */
function interviewButton(
  run: (interviewId: string, actor: Actor, args: ButtonArgs) => Promise<string | null>,
) {
  return async (args: ButtonArgs) => {
    const { ack, action, body, client, respond, logger } = args;
    await ack();
    const actor: Actor = { kind: 'slack', userId: body.user.id, teamId: body.team?.id };
    const reply = (text: string) =>
      replyPrivately({ respond, responseUrl: (body as { response_url?: string }).response_url, client, userId: body.user.id }, text);
    try {
      const confirmation = await run(action.value ?? '', actor, args);
      if (confirmation) await reply(confirmation);
    } catch (error) {
      if (error instanceof NotAllowedError) return reply(`:lock: ${error.message}`);
      if (error instanceof InterviewNotFoundError) return reply('That interview no longer exists.');
      if (error instanceof InputValidationError) return reply(error.problems.map((problem) => problem.message).join(' '));
      logger.error(`Interview button ${action.action_id} failed: ${error instanceof Error ? error.stack : String(error)}`);
      await reply('Something went wrong on our side and nothing was changed. Please try again.');
    }
  };
}

/** Reschedule: checks permission first, then opens a modal pre-filled with the current time. */
export const rescheduleButton = (deps: SlackDependencies) =>
  interviewButton(async (interviewId, actor, { body, client }) => {
    const interview = await findInterviewById(deps.context, interviewId);
    assertMayChangeInterview(interview, actor);
    await client.views.open({ trigger_id: body.trigger_id, view: buildRescheduleInterviewModal(interview, await listOpenSlots(deps.context)) });
    return null;
  });

export const cancelButton = (deps: SlackDependencies) =>
  interviewButton(async (interviewId, actor) => {
    await cancelInterview(deps.context, { interviewId, actor });
    return null;
  });

export const resendInvitationButton = (deps: SlackDependencies) =>
  interviewButton(async (interviewId, actor) => {
    const interview = await resendInvitation(deps.context, { interviewId, actor });
    return `:envelope: Sending the invitation to ${interview.candidateEmail.replace(/[<>&]/g, '')} again.`;
  });

export const rotateLinkButton = (deps: SlackDependencies) =>
  interviewButton(async (interviewId, actor) => {
    await rotateJoinLink(deps.context, { interviewId, actor });
    return ':key: The old join link no longer works; the candidate is being sent the new one.';
  });
