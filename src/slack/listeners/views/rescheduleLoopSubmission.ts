import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { moveLoop } from '../../../domain/loops/moveLoop';
import { InterviewersBusyError, LoopNotFoundError } from '../../../domain/shared/errors';
import type { SlackDependencies } from '../../slackDependencies';
import { withinSlackDeadline } from '../../slackDeadline';
import {
  readRescheduleLoopSubmission,
  RESCHEDULE_LOOP_SUBMIT_LABEL,
  RescheduleLoopBlock,
  rescheduleLoopErrorsFor,
} from '../../views/rescheduleLoopModal';
import { UserTimeZones } from '../../userTimeZones';
import { slackActor } from '../../workspaces/slackTenancy';
import { clashProblem } from './calendarClashes';
import { answerModalFailure } from './modalFailure';

/**
 * The loop's reschedule modal was submitted: the whole loop moves (moveLoop, the same checks as
 * PATCH /api/loops/:id), and its message is redrawn through the outbox. Someone busy at their
 * session's new time, or a time that is not bookable, is shown under the time, nothing moved.
 */
export function rescheduleLoopSubmission(deps: SlackDependencies) {
  const timeZones = new UserTimeZones();
  return async ({ ack, body, view, context, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const submission = readRescheduleLoopSubmission(view);
    try {
      await withinSlackDeadline(
        moveLoop(deps.context, {
          loopId: submission.loopId ?? '',
          input: submission.input,
          actor: slackActor(deps.tenancy, context, body.user.id),
          requestKey: `slack-view:${view.id}`,
        }),
      );
      await ack();
    } catch (error) {
      if (error instanceof InterviewersBusyError) {
        // The times in the zone Slack's date picker showed them in: the recruiter's own.
        const zone = await timeZones.zoneOf(client, context.teamId ?? '', body.user.id, 'UTC');
        const problem = await clashProblem(deps, context.teamId, error, zone, RESCHEDULE_LOOP_SUBMIT_LABEL, {
          field: 'startsAt',
          busyWith: 'interviews',
          canGoAhead: false,
        });
        await ack({ response_action: 'errors', errors: rescheduleLoopErrorsFor([problem]) });
        return;
      }
      if (error instanceof LoopNotFoundError) {
        await ack({ response_action: 'errors', errors: { [RescheduleLoopBlock.startsAt]: 'This loop no longer exists.' } });
        return;
      }
      await ack(
        answerModalFailure(
          error,
          {
            errorsFor: rescheduleLoopErrorsFor,
            noteBlock: RescheduleLoopBlock.startsAt,
            submitLabel: RESCHEDULE_LOOP_SUBMIT_LABEL,
            doing: 'Rescheduling a loop from the modal',
          },
          deps,
        ),
      );
    }
  };
}
