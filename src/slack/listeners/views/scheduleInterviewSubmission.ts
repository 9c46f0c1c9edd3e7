import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { IdempotencyConflictError } from '../../../domain/shared/errors';
import { requestCandidateBooking } from '../../../domain/bookings/requestCandidateBooking';
import { scheduleInterview } from '../../../domain/interviews/scheduleInterview';
import type { SlackDependencies } from '../../slackDependencies';
import { withinSlackDeadline } from '../../slackDeadline';
import {
  alreadySubmittedView,
  modalErrorsFor,
  readScheduleInterviewSubmission,
  SCHEDULE_INTERVIEW_NOTE_BLOCK,
  SCHEDULE_INTERVIEW_SUBMIT_LABEL,
} from '../../views/scheduleInterviewModal';
import { slackActor } from '../../workspaces/slackTenancy';
import { answerModalFailure } from './modalFailure';

/**
 * The modal was submitted. The interview is stored (a few milliseconds, in one transaction with
 * its outbox jobs) before Slack is answered, so an acknowledged interview always exists and a
 * problem is shown next to its field. Posting and emailing happen after, through the outbox.
 * The view id makes a repeated submission of the same modal return the same interview, so when
 * the database is briefly down, or the app too busy to answer within Slack's 3 seconds, the
 * recruiter is asked to press Schedule again, with nothing lost.
 * Slots picked under "Let the candidate choose from" make it a booking request instead, checked
 * and stored the same way (a time given as well is refused on that field by the domain).
 */
export function scheduleInterviewSubmission(deps: SlackDependencies) {
  return async ({ ack, body, view, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const { raw } = readScheduleInterviewSubmission(view);
    try {
      const request = {
        actor: slackActor(deps.tenancy, context, body.user.id),
        idempotencyKey: `slack-view:${view.id}`,
      };
      const { slotIds, ...interviewInput } = raw;
      const stored: Promise<unknown> =
        slotIds.length > 0
          ? requestCandidateBooking(deps.context, { ...request, input: raw })
          : scheduleInterview(deps.context, { ...request, input: interviewInput });
      await withinSlackDeadline(stored);
      await ack();
    } catch (error) {
      if (error instanceof IdempotencyConflictError) {
        await ack({ response_action: 'update', view: alreadySubmittedView() });
        return;
      }
      await ack(
        answerModalFailure(
          error,
          {
            errorsFor: modalErrorsFor,
            noteBlock: SCHEDULE_INTERVIEW_NOTE_BLOCK,
            submitLabel: SCHEDULE_INTERVIEW_SUBMIT_LABEL,
            doing: 'Scheduling from the modal',
          },
          deps,
        ),
      );
    }
  };
}
