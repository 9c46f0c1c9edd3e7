import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { IdempotencyConflictError, InterviewersBusyError, NoFreeTimesError } from '../../../domain/shared/errors';
import { isSlackUserId } from '../../../domain/shared/participants';
import { formatBusyPeriods } from '../../messages/calendarClashes';
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
  /** Forms refused for a calendar clash, by view and content: the same form submitted again unchanged schedules anyway. */
  const refusedForClash = new LRUCache<string, true>({ max: 10_000, ttl: CLASH_CONFIRMATION_MS });
  return async ({ ack, body, view, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const { raw } = readScheduleInterviewSubmission(view);
    const formKey = `${view.id}:${createHash('sha256').update(JSON.stringify(raw)).digest('hex')}`;
    try {
      const request = {
        input: refusedForClash.has(formKey) ? { ...raw, allowConflicts: true } : raw,
        actor: slackActor(deps.tenancy, context, body.user.id),
        idempotencyKey: `slack-view:${view.id}`,
      };
      const stored: Promise<unknown> =
        raw.slotIds.length > 0 || raw.findTimes ? requestCandidateBooking(deps.context, request) : scheduleInterview(deps.context, request);
      await withinSlackDeadline(stored);
      await ack();
    } catch (error) {
      if (error instanceof InterviewersBusyError) {
        refusedForClash.set(formKey, true);
        const names = await busyNames(deps, context.teamId, error);
        await ack({
          response_action: 'errors',
          errors: modalErrorsFor([
            {
              field: 'scheduledTime',
              message: `Busy then, by their calendar (times in ${raw.timezone ?? 'UTC'}): ${formatBusyPeriods(error.busy, names, raw.timezone ?? 'UTC')}. Pick another time, or press ${SCHEDULE_INTERVIEW_SUBMIT_LABEL} again to schedule anyway.`,
            },
          ]),
        });
        return;
      }
      if (error instanceof NoFreeTimesError) {
        await ack({ response_action: 'errors', errors: modalErrorsFor([{ field: 'slotIds', message: error.message }]) });
        return;
      }
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

/** How long a form refused for a clash stays "press again to schedule anyway". */
const CLASH_CONFIRMATION_MS = 30 * 60_000;

/** The busy interviewers' names, as Slack knows them (briefly looked up), for the time field's message. */
async function busyNames(deps: SlackDependencies, teamId: string | undefined, error: InterviewersBusyError): Promise<Map<string, string>> {
  const slackIds = error.busy.map((each) => each.interviewer).filter(isSlackUserId);
  if (!deps.context.peopleDirectory || slackIds.length === 0) return new Map();
  return deps.context.peopleDirectory
    .displayNames({ slackTeamId: teamId ?? null, slackEnterpriseId: null }, slackIds)
    .catch(() => new Map<string, string>());
}
