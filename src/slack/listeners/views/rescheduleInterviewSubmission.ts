import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { rescheduleInterview } from '../../../domain/interviews/rescheduleInterview';
import type { SlackDependencies } from '../../slackDependencies';
import { withinSlackDeadline } from '../../slackDeadline';
import {
  readRescheduleSubmission,
  RESCHEDULE_INTERVIEW_SUBMIT_LABEL,
  RescheduleBlock,
  rescheduleErrorsFor,
} from '../../views/rescheduleInterviewModal';
import { slackActor } from '../../workspaces/slackTenancy';
import { answerModalFailure } from './modalFailure';

/** The reschedule modal was submitted: same rules as scheduling, problems shown in the modal. */
export function rescheduleInterviewSubmission(deps: SlackDependencies) {
  return async ({ ack, body, view, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const submission = readRescheduleSubmission(view);
    try {
      await withinSlackDeadline(
        rescheduleInterview(deps.context, {
          interviewId: submission.interviewId ?? '',
          input: submission.timing,
          actor: slackActor(deps.tenancy, context, body.user.id),
          requestKey: `slack-view:${view.id}`,
        }),
      );
      await ack();
    } catch (error) {
      await ack(
        answerModalFailure(
          error,
          {
            errorsFor: rescheduleErrorsFor,
            noteBlock: RescheduleBlock.scheduledTime,
            submitLabel: RESCHEDULE_INTERVIEW_SUBMIT_LABEL,
            doing: 'Rescheduling from the modal',
          },
          deps,
        ),
      );
    }
  };
}
