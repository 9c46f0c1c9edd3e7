import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { listUpcomingInterviewsFor, findNextReminders } from '../../../domain/interviews/interviewQueries';
import { openView } from '../../../slackApi/blockKitCalls';
import { parseScheduleInterviewCommand, prefillFromCommandText } from '../../commandText';
import { FormTriggerTooOldError } from '../../formOpeningQueue';
import { FailureNotes } from '../../messages/failureNotes';
import { presentUpcomingInterviews } from '../../messages/upcomingInterviews';
import { USAGE_TEXT } from '../../messages/usage';
import { requestArrivedAtMs } from '../../requestArrival';
import { openScheduleInterviewModal } from '../../scheduleModalOpening';
import type { SlackDependencies } from '../../slackDependencies';
import { isTemporaryDatabaseTrouble } from '../../slackDeadline';
import { UserTimeZones } from '../../userTimeZones';
import { buildAddAvailabilityModal } from '../../views/addAvailabilityModal';
import { slackActor } from '../../workspaces/slackTenancy';

export const SCHEDULE_INTERVIEW_COMMAND = '/schedule-interview';
const UPCOMING_LIST_LENGTH = 10;

/** What views.open answers when the command's trigger id can no longer open anything. */
const SPENT_TRIGGER_ERRORS = new Set(['expired_trigger_id', 'exchanged_trigger_id', 'invalid_trigger_id']);

/**
 * `/schedule-interview [text]`: acknowledged at once, always; then the form (a modal) is opened
 * with the trigger id before anything slow, through the app's FormOpeningQueue, and if it did not
 * open (the trigger aged past use while the app was busy, or Slack refused), the recruiter is told
 * privately through the response URL. Once open, the form is filled in with what needs Slack or
 * the database (see openScheduleInterviewModal). `help` answers in the ack; `list` after it.
 */
export function scheduleInterviewCommand(deps: SlackDependencies) {
  const timeZones = new UserTimeZones();
  return async ({ command, ack, client, respond, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const parsed = parseScheduleInterviewCommand(command.text);
    if (parsed.kind === 'help') {
      await ack({ response_type: 'ephemeral', text: USAGE_TEXT });
      return;
    }
    await ack();
    if (parsed.kind === 'list') {
      await listUpcoming(deps, command.user_id, context, respond);
      return;
    }
    const arrivedAtMs = requestArrivedAtMs(context);
    if (parsed.kind === 'slots') {
      const open = () => openView(client, { trigger_id: command.trigger_id, view: buildAddAvailabilityModal(command.user_id) });
      await openFormOrSaySo(deps, arrivedAtMs, open, `${SCHEDULE_INTERVIEW_COMMAND} slots`, respond);
      return;
    }
    const now = deps.context.now();
    const actor = slackActor(deps.tenancy, context, command.user_id);
    const open = () =>
      openScheduleInterviewModal(deps, client, timeZones, {
        triggerId: command.trigger_id,
        teamId: command.team_id,
        userId: command.user_id,
        actor,
        metadata: { channelId: command.channel_id, teamId: command.team_id },
        prefillFor: (timezone) => ({ ...prefillFromCommandText(parsed.text, { timezone, now }), timezone }),
      });
    await openFormOrSaySo(deps, arrivedAtMs, open, SCHEDULE_INTERVIEW_COMMAND, respond);
  };
}

/** Opens a command's form in its turn, or tells the person privately why it did not appear and that typing `command` again starts over. */
async function openFormOrSaySo(
  deps: SlackDependencies,
  arrivedAtMs: number,
  open: () => Promise<unknown>,
  command: string,
  respond: RespondFn,
): Promise<void> {
  try {
    await deps.formOpenings.open(arrivedAtMs, open);
  } catch (error) {
    deps.logger.warn({ err: error }, `The form for ${command} did not open`);
    await respond({ response_type: 'ephemeral', text: whyTheFormDidNotOpen(error, command) }).catch((respondError: unknown) =>
      deps.logger.warn({ err: respondError }, `Could not tell the person the form for ${command} did not open`),
    );
  }
}

function whyTheFormDidNotOpen(error: unknown, command: string): string {
  if (error instanceof FormTriggerTooOldError) return FailureNotes.formNotOpenedInTime(command);
  const { data, original } = (error ?? {}) as { data?: { error?: string }; original?: { name?: string } };
  // Slack refused the spent trigger, or did not answer before it died (openView gives up then).
  const tooLate = (data?.error !== undefined && SPENT_TRIGGER_ERRORS.has(data.error)) || original?.name === 'TimeoutError';
  return tooLate ? FailureNotes.formTriggerExpired(command) : FailureNotes.couldNotOpenForm(command);
}

async function listUpcoming(
  deps: SlackDependencies,
  userId: string,
  context: AllMiddlewareArgs['context'],
  respond: RespondFn,
): Promise<void> {
  try {
    const interviews = await listUpcomingInterviewsFor(deps.context, userId, deps.tenancy.scopeOf(context), UPCOMING_LIST_LENGTH);
    const nextReminders = await findNextReminders(
      deps.context,
      interviews.map((interview) => interview.id),
    );
    await respond({ response_type: 'ephemeral', ...presentUpcomingInterviews(interviews, nextReminders) });
  } catch (error) {
    if (!isTemporaryDatabaseTrouble(error)) throw error;
    await respond({ response_type: 'ephemeral', text: FailureNotes.couldNotListNow });
  }
}
