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
import { UserTimeZones } from '../../userTimeZones';
import { slackActor } from '../../workspaces/slackTenancy';
import { answerModalFailure } from './modalFailure';
import { ClashConfirmations, clashProblem } from './calendarClashes';
import { InterviewersBusyError } from '../../../domain/shared/errors';

/** The reschedule modal was submitted: same rules as scheduling, problems shown in the modal. */
export function rescheduleInterviewSubmission(deps: SlackDependencies) {
  const clashes = new ClashConfirmations();
  const timeZones = new UserTimeZones();
  return async ({ ack, body, view, context, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const submission = readRescheduleSubmission(view);
    const formKey = clashes.keyOf(view.id, submission);
    try {
      await withinSlackDeadline(
        rescheduleInterview(deps.context, {
          interviewId: submission.interviewId ?? '',
          input: clashes.confirmed(formKey) ? { ...submission.timing, allowConflicts: true } : submission.timing,
          actor: slackActor(deps.tenancy, context, body.user.id),
          requestKey: `slack-view:${view.id}`,
        }),
      );
      await ack();
    } catch (error) {
      if (error instanceof InterviewersBusyError) {
        // A clash is shown on the time field; the same form sent again unchanged moves the interview anyway.
        clashes.refusedForClash(formKey);
        // The times in the zone Slack's date picker showed them in: the recruiter's own.
        const zone = await timeZones.zoneOf(client, context.teamId ?? '', body.user.id, 'UTC');
        const problem = await clashProblem(deps, context.teamId, error, zone, RESCHEDULE_INTERVIEW_SUBMIT_LABEL);
        await ack({ response_action: 'errors', errors: rescheduleErrorsFor([problem]) });
        return;
      }
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
