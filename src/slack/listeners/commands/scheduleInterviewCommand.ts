import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { listUpcomingInterviewsFor } from '../../../domain/interviewQueries';
import { findNextReminders } from '../../../domain/reminderPlan';
import { parseScheduleInterviewCommand, prefillFromCommandText } from '../../commandText';
import { presentUpcomingInterviews } from '../../messages/upcomingInterviews';
import { USAGE_TEXT } from '../../messages/usage';
import { FailureNotes } from '../../messages/failureNotes';
import type { SlackDependencies } from '../../slackDependencies';
import { slackActor } from '../../workspaces/slackTenancy';
import { isTemporaryDatabaseTrouble } from '../../slackDeadline';
import { buildAddAvailabilityModal } from '../../views/addAvailabilityModal';
import { openScheduleInterviewModal } from '../../scheduleModalOpening';
import { FormOpenings } from '../../formOpenings';
import { UserTimeZones } from '../../userTimeZones';
import { openView } from '../../../slackApi/blockKitCalls';

export const SCHEDULE_INTERVIEW_COMMAND = '/schedule-interview';
const UPCOMING_LIST_LENGTH = 10;

/**
 * `/schedule-interview [text]`: opens the modal with the trigger id before anything slow (it
 * expires in about 3 s), acknowledged as FormOpenings decides, and says privately if Slack did not
 * open it; then fills in what needs Slack or the database: the time read in the recruiter's own zone,
 * their zone as the candidate's default, the open slots. A recruiter's zone is remembered, so
 * their next modal opens complete. `help` and `list` are acknowledged at once.
 */
export function scheduleInterviewCommand(deps: SlackDependencies) {
  const timeZones = new UserTimeZones();
  const forms = new FormOpenings(deps.logger);
  return async ({ command, ack, client, respond, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const parsed = parseScheduleInterviewCommand(command.text);
    if (parsed.kind === 'help') {
      await ack({ response_type: 'ephemeral', text: USAGE_TEXT });
      return;
    }
    if (parsed.kind === 'slots') {
      const open = () => openView(client, { trigger_id: command.trigger_id, view: buildAddAvailabilityModal(command.user_id) });
      await forms.acknowledge({ ack, respond }, open, `${SCHEDULE_INTERVIEW_COMMAND} slots`);
      return;
    }
    if (parsed.kind === 'schedule') {
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
      await forms.acknowledge({ ack, respond }, open, SCHEDULE_INTERVIEW_COMMAND);
      return;
    }
    await ack();
    try {
      const interviews = await listUpcomingInterviewsFor(
        deps.context,
        command.user_id,
        deps.tenancy.scopeOf(context),
        UPCOMING_LIST_LENGTH,
      );
      const nextReminders = await findNextReminders(
        deps.context,
        interviews.map((interview) => interview.id),
      );
      await respond({ response_type: 'ephemeral', ...presentUpcomingInterviews(interviews, nextReminders) });
    } catch (error) {
      if (!isTemporaryDatabaseTrouble(error)) throw error;
      await respond({ response_type: 'ephemeral', text: FailureNotes.couldNotListNow });
    }
  };
}
