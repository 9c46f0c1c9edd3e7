import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { IdempotencyConflictError, InputValidationError } from '../../../domain/errors';
import { scheduleInterview } from '../../../domain/scheduleInterview';
import type { SlackDependencies } from '../../slackDependencies';
import { modalErrorsFor, readScheduleInterviewSubmission, ScheduleInterviewBlock } from '../../views/scheduleInterviewModal';

/**
 * The modal was submitted. The interview is stored (a few milliseconds, in one transaction with
 * its outbox jobs) before Slack is answered, so an acknowledged interview always exists and a
 * problem is shown next to its field. Posting and emailing happen after, through the outbox.
 * The view id makes a repeated submission of the same modal return the same interview.
 */
export function scheduleInterviewSubmission(deps: SlackDependencies) {
  return async ({ ack, body, view, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const { raw, metadata } = readScheduleInterviewSubmission(view);
    try {
      const teamId = metadata.teamId ?? body.team?.id ?? undefined;
      await scheduleInterview(deps.context, {
        input: raw,
        actor: { kind: 'slack', userId: body.user.id, teamId },
        idempotencyKey: `slack-view:${view.id}`,
        slackTeamId: teamId,
      });
      await ack();
    } catch (error) {
      if (error instanceof InputValidationError) {
        await ack({ response_action: 'errors', errors: modalErrorsFor(error.problems) });
        return;
      }
      if (error instanceof IdempotencyConflictError) {
        await ack();
        return;
      }
      logger.error(`Scheduling from the modal failed: ${error instanceof Error ? error.stack : String(error)}`);
      await ack({
        response_action: 'errors',
        errors: { [ScheduleInterviewBlock.candidateName]: 'Something went wrong on our side and nothing was saved. Please submit again.' },
      });
    }
  };
}
