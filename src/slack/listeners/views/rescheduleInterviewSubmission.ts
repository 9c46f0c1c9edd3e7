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
import { answerModalFailure, type ModalFailureDisplay } from './modalFailure';
import { ClashConfirmations, clashProblem } from './calendarClashes';
import { InterviewersBusyError } from '../../../domain/shared/errors';

/** The reschedule modal was submitted: same rules as scheduling, problems shown in the modal. */
export function rescheduleInterviewSubmission(deps: SlackDependencies) {
  const clashes = new ClashConfirmations(deps.context.database, deps.context.now);
  const timeZones = new UserTimeZones();
  const display: ModalFailureDisplay = {
    errorsFor: rescheduleErrorsFor,
    noteBlock: RescheduleBlock.scheduledTime,
    submitLabel: RESCHEDULE_INTERVIEW_SUBMIT_LABEL,
    doing: 'Rescheduling from the modal',
  };
  return async ({ ack, body, view, context, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const submission = readRescheduleSubmission(view);
    const formKey = clashes.keyOf(view.id, submission);
    try {
      const move = async () =>
        rescheduleInterview(deps.context, {
          interviewId: submission.interviewId ?? '',
          input: (await clashes.confirmed(formKey)) ? { ...submission.timing, allowConflicts: true } : submission.timing,
          actor: slackActor(deps.tenancy, context, body.user.id),
          requestKey: `slack-view:${view.id}`,
        });
      await withinSlackDeadline(move());
      await ack();
    } catch (error) {
      if (error instanceof InterviewersBusyError) {
        // A clash is shown on the time field; the same form sent again unchanged, on any replica, moves the interview anyway.
        // Its times are in the zone Slack's date picker showed them in: the recruiter's own.
        const problem = timeZones
          .zoneOf(client, context.teamId ?? '', body.user.id, 'UTC')
          .then((zone) => clashProblem(deps, context.teamId, error, zone, RESCHEDULE_INTERVIEW_SUBMIT_LABEL));
        await ack(await clashes.answerRefusal(deps, { key: formKey, slackTeamId: context.teamId, problem, display }));
        return;
      }
      await ack(answerModalFailure(error, display, deps));
    }
  };
}
