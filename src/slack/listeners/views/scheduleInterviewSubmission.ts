import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { IdempotencyConflictError, InputValidationError, InterviewersBusyError, NoFreeTimesError } from '../../../domain/shared/errors';
import { ClashConfirmations, clashProblem } from './calendarClashes';
import { requestCandidateBooking } from '../../../domain/bookings/requestCandidateBooking';
import { scheduleInterview } from '../../../domain/interviews/scheduleInterview';
import { scheduleWithPools } from '../../../domain/loops/scheduleWithPools';
import type { SlackDependencies } from '../../slackDependencies';
import { withinSlackDeadline } from '../../slackDeadline';
import {
  alreadySubmittedView,
  interviewersWithPool,
  modalErrorsFor,
  readScheduleInterviewSubmission,
  SCHEDULE_INTERVIEW_NOTE_BLOCK,
  SCHEDULE_INTERVIEW_SUBMIT_LABEL,
} from '../../views/scheduleInterviewModal';
import { slackActor } from '../../workspaces/slackTenancy';
import { answerModalFailure, type ModalFailureDisplay } from './modalFailure';

/**
 * The modal was submitted. The interview is stored (a few milliseconds, in one transaction with
 * its outbox jobs) before Slack is answered, so an acknowledged interview always exists and a
 * problem is shown next to its field. Posting and emailing happen after, through the outbox.
 * The view id makes a repeated submission of the same modal return the same interview, so when
 * the database is briefly down, or the app too busy to answer within Slack's 3 seconds, the
 * recruiter is asked to press Schedule again, with nothing lost.
 * Slots picked under "Let the candidate choose from" make it a booking request instead, checked
 * and stored the same way (a time given as well is refused on that field by the domain).
 * People under "Or any of these people" are a pool, sent to the domain as the API's
 * `{"anyOf": [...], "count"}` item of `interviewers`: at a time, the app picks the least busy of
 * them (scheduleWithPools); on a booking link, the booking request's rules apply to it.
 */
export function scheduleInterviewSubmission(deps: SlackDependencies) {
  const clashes = new ClashConfirmations(deps.context.database, deps.context.now);
  return async ({ ack, body, view, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const { raw, pool } = readScheduleInterviewSubmission(view);
    const formKey = clashes.keyOf(view.id, { raw, pool });
    const panel = interviewersWithPool(raw.interviewers, pool);
    const poolAt = pool ? { index: raw.interviewers.length } : undefined;
    const errorsFor = (problems: Parameters<typeof modalErrorsFor>[0]) => modalErrorsFor(problems, poolAt);
    const display: ModalFailureDisplay = {
      errorsFor,
      noteBlock: SCHEDULE_INTERVIEW_NOTE_BLOCK,
      submitLabel: SCHEDULE_INTERVIEW_SUBMIT_LABEL,
      doing: 'Scheduling from the modal',
    };
    try {
      if (panel.problems.length > 0) throw new InputValidationError(panel.problems);
      const request = {
        actor: slackActor(deps.tenancy, context, body.user.id),
        idempotencyKey: `slack-view:${view.id}`,
      };
      const { slotIds, findTimes, ...interviewInput } = raw;
      const store = async (): Promise<unknown> => {
        if (slotIds.length > 0 || findTimes !== undefined) {
          return requestCandidateBooking(deps.context, { ...request, input: { ...raw, interviewers: panel.interviewers } });
        }
        // The same form sent again unchanged after a clash was shown (on any replica): schedule anyway.
        const goAhead = (await clashes.confirmed(formKey)) ? { allowConflicts: true } : {};
        return pool
          ? scheduleWithPools(deps.context, { ...request, input: { ...interviewInput, interviewers: panel.interviewers, ...goAhead } })
          : scheduleInterview(deps.context, { ...request, input: { ...interviewInput, ...goAhead } });
      };
      await withinSlackDeadline(store());
      await ack();
    } catch (error) {
      if (error instanceof InterviewersBusyError) {
        const problem = clashProblem(deps, context.teamId, error, raw.timezone ?? 'UTC', SCHEDULE_INTERVIEW_SUBMIT_LABEL, {
          busyWith: pool ? 'interviews' : 'calendar',
        });
        await ack(await clashes.answerRefusal(deps, { key: formKey, slackTeamId: context.teamId, problem, display }));
        return;
      }
      if (error instanceof NoFreeTimesError) {
        await ack({ response_action: 'errors', errors: errorsFor([{ field: 'slotIds', message: error.message }]) });
        return;
      }
      if (error instanceof IdempotencyConflictError) {
        await ack({ response_action: 'update', view: alreadySubmittedView() });
        return;
      }
      await ack(answerModalFailure(error, display, deps));
    }
  };
}
