import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { InputValidationError, InterviewCancelledError, InterviewNotFoundError, NotAllowedError } from '../../../domain/errors';
import { rescheduleInterview } from '../../../domain/rescheduleInterview';
import { FailureNotes } from '../../messages/failureNotes';
import type { SlackDependencies } from '../../slackDependencies';
import { isTemporaryDatabaseTrouble, withinSlackDeadline } from '../../slackDeadline';
import { readRescheduleSubmission, RescheduleBlock, rescheduleErrorsFor } from '../../views/rescheduleInterviewModal';

/** The reschedule modal was submitted: same rules as scheduling, problems shown in the modal. */
export function rescheduleInterviewSubmission(deps: SlackDependencies) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const submission = readRescheduleSubmission(view);
    try {
      await withinSlackDeadline(
        rescheduleInterview(deps.context, {
          interviewId: submission.interviewId ?? '',
          input: submission.timing,
          actor: { kind: 'slack', userId: body.user.id, teamId: body.team?.id },
          requestKey: `slack-view:${view.id}`,
        }),
      );
      await ack();
    } catch (error) {
      if (error instanceof InputValidationError) {
        await ack({ response_action: 'errors', errors: rescheduleErrorsFor(error.problems) });
        return;
      }
      if (error instanceof NotAllowedError || error instanceof InterviewNotFoundError || error instanceof InterviewCancelledError) {
        await ack({ response_action: 'errors', errors: { [RescheduleBlock.scheduledTime]: error.message } });
        return;
      }
      if (isTemporaryDatabaseTrouble(error)) {
        await ack({ response_action: 'errors', errors: { [RescheduleBlock.scheduledTime]: FailureNotes.couldNotSaveNow } });
        return;
      }
      deps.logger.error({ err: error }, 'Rescheduling from the modal failed');
      await ack({ response_action: 'errors', errors: { [RescheduleBlock.scheduledTime]: FailureNotes.unexpectedInModal } });
    }
  };
}
