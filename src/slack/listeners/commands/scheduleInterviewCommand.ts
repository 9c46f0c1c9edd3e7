import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { listOpenSlots } from '../../../domain/availabilitySlots';
import { listUpcomingInterviewsFor } from '../../../domain/interviewQueries';
import { parseScheduleInterviewCommand, prefillFromCommandText } from '../../commandText';
import { presentUpcomingInterviews } from '../../messages/upcomingInterviews';
import { USAGE_TEXT } from '../../messages/usage';
import type { SlackDependencies } from '../../slackDependencies';
import { buildAddAvailabilityModal } from '../../views/addAvailabilityModal';
import { buildScheduleInterviewModal, type ScheduleInterviewMetadata } from '../../views/scheduleInterviewModal';

export const SCHEDULE_INTERVIEW_COMMAND = '/schedule-interview';
const UPCOMING_LIST_LENGTH = 10;

/**
 * `/schedule-interview [text]`: acknowledges at once, opens the modal with the trigger id before
 * anything slow (it expires in about 3 s), then fills in what needs Slack or the database: the
 * time read in the recruiter's own zone, their zone as the candidate's default, the open slots.
 */
export function scheduleInterviewCommand(deps: SlackDependencies) {
  return async ({ command, ack, client, logger, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const parsed = parseScheduleInterviewCommand(command.text);
    if (parsed.kind === 'help') {
      await ack({ response_type: 'ephemeral', text: USAGE_TEXT });
      return;
    }
    await ack();
    if (parsed.kind === 'list') {
      const interviews = await listUpcomingInterviewsFor(deps.context, command.user_id, UPCOMING_LIST_LENGTH);
      await respond({ response_type: 'ephemeral', ...presentUpcomingInterviews(interviews) });
      return;
    }
    if (parsed.kind === 'slots') {
      await client.views.open({ trigger_id: command.trigger_id, view: buildAddAvailabilityModal(command.user_id) });
      return;
    }
    const now = deps.context.now();
    const metadata: ScheduleInterviewMetadata = { channelId: command.channel_id, teamId: command.team_id };
    const opened = await client.views.open({
      trigger_id: command.trigger_id,
      view: buildScheduleInterviewModal({ prefill: prefillFromCommandText(parsed.text, { now }), metadata, openSlots: [], now }),
    });
    const viewId = opened.view?.id;
    if (!viewId) return;
    try {
      const [timezone, openSlots] = await Promise.all([userTimeZone(client, command.user_id), listOpenSlots(deps.context)]);
      await client.views.update({
        view_id: viewId,
        hash: opened.view?.hash,
        view: buildScheduleInterviewModal({
          prefill: { ...prefillFromCommandText(parsed.text, { timezone, now }), timezone },
          metadata,
          openSlots,
          now,
        }),
      });
    } catch (error) {
      logger.warn(`Could not fill in the recruiter's time zone or open slots; the modal works without them: ${String(error)}`);
    }
  };
}

async function userTimeZone(client: WebClient, userId: string): Promise<string | undefined> {
  const info = await client.users.info({ user: userId });
  return info.user?.tz ?? undefined;
}
