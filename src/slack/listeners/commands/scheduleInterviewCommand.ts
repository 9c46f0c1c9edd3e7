import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AvailabilitySlot } from '../../../db/entities/AvailabilitySlot';
import { listOpenSlots } from '../../../domain/availabilitySlots';
import { listUpcomingInterviewsFor } from '../../../domain/interviewQueries';
import { parseScheduleInterviewCommand, prefillFromCommandText } from '../../commandText';
import { presentUpcomingInterviews } from '../../messages/upcomingInterviews';
import { USAGE_TEXT } from '../../messages/usage';
import { FailureNotes } from '../../messages/failureNotes';
import type { SlackDependencies } from '../../slackDependencies';
import { isTemporaryDatabaseTrouble } from '../../slackDeadline';
import { buildAddAvailabilityModal } from '../../views/addAvailabilityModal';
import { buildScheduleInterviewModal, type ScheduleInterviewMetadata } from '../../views/scheduleInterviewModal';
import { UserTimeZones } from '../../userTimeZones';

export const SCHEDULE_INTERVIEW_COMMAND = '/schedule-interview';
const UPCOMING_LIST_LENGTH = 10;

/**
 * `/schedule-interview [text]`: acknowledges at once, opens the modal with the trigger id before
 * anything slow (it expires in about 3 s), then fills in what needs Slack or the database: the
 * time read in the recruiter's own zone, their zone as the candidate's default, the open slots.
 * A recruiter's zone is remembered, so their next modal opens complete.
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
    const scope = deps.tenancy.scopeOf(context);
    if (parsed.kind === 'list') {
      try {
        const interviews = await listUpcomingInterviewsFor(deps.context, command.user_id, scope, UPCOMING_LIST_LENGTH);
        await respond({ response_type: 'ephemeral', ...presentUpcomingInterviews(interviews) });
      } catch (error) {
        if (!isTemporaryDatabaseTrouble(error)) throw error;
        await respond({ response_type: 'ephemeral', text: FailureNotes.couldNotListNow });
      }
      return;
    }
    if (parsed.kind === 'slots') {
      await client.views.open({ trigger_id: command.trigger_id, view: buildAddAvailabilityModal(command.user_id) });
      return;
    }
    const now = deps.context.now();
    const metadata: ScheduleInterviewMetadata = { channelId: command.channel_id, teamId: command.team_id };
    const remembered = timeZones.recall(command.team_id, command.user_id);
    const modalFor = (timezone: string | undefined, openSlots: AvailabilitySlot[]) =>
      buildScheduleInterviewModal({
        prefill: { ...prefillFromCommandText(parsed.text, { timezone, now }), timezone },
        metadata,
        openSlots,
        now,
      });
    const opened = await client.views.open({ trigger_id: command.trigger_id, view: modalFor(remembered?.timezone, []) });
    const viewId = opened.view?.id;
    if (!viewId) return;
    try {
      const [timezone, openSlots] = await Promise.all([
        remembered ? remembered.timezone : timeZones.lookUp(client, command.team_id, command.user_id),
        listOpenSlots(deps.context, scope),
      ]);
      // The modal already shows the remembered zone; only new facts are worth another round trip.
      if (remembered && openSlots.length === 0) return;
      await client.views.update({ view_id: viewId, hash: opened.view?.hash, view: modalFor(timezone, openSlots) });
    } catch (error) {
      // While the database is down that is already logged once; the modal works without slots.
      if (!isTemporaryDatabaseTrouble(error))
        deps.logger.warn({ err: error }, "Could not fill in the recruiter's time zone or open slots; the modal works without them");
    }
  };
}
