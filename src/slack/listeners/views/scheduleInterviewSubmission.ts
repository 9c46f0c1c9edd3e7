import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { IdempotencyConflictError } from '../../../domain/errors';
import { scheduleInterview } from '../../../domain/scheduleInterview';
import type { SlackDependencies } from '../../slackDependencies';
import { withinSlackDeadline } from '../../slackDeadline';
import { modalErrorsFor, readScheduleInterviewSubmission, ScheduleInterviewBlock } from '../../views/scheduleInterviewModal';
import { slackActor } from '../../workspaces/slackTenancy';
import { answerModalFailure } from './modalFailure';

/**
 * The modal was submitted. The interview is stored (a few milliseconds, in one transaction with
 * its outbox jobs) before Slack is answered, so an acknowledged interview always exists and a
 * problem is shown next to its field. Posting and emailing happen after, through the outbox.
 * The view id makes a repeated submission of the same modal return the same interview, so when
 * the database is briefly down the recruiter is asked to press Schedule again, with nothing lost.
 */
export function scheduleInterviewSubmission(deps: SlackDependencies) {
  return async ({ ack, body, view, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const { raw } = readScheduleInterviewSubmission(view);
    try {
      await withinSlackDeadline(
        scheduleInterview(deps.context, {
          input: raw,
          actor: slackActor(deps.tenancy, context, body.user.id),
          idempotencyKey: `slack-view:${view.id}`,
        }),
      );
      await ack();
    } catch (error) {
      if (error instanceof IdempotencyConflictError) {
        await ack();
        return;
      }
      await ack(
        answerModalFailure(
          error,
          { errorsFor: modalErrorsFor, noteBlock: ScheduleInterviewBlock.candidateName, doing: 'Scheduling from the modal' },
          deps.logger,
        ),
      );
    }
  };
}
