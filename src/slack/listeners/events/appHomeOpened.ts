import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { listUpcomingInterviewsFor, findNextReminders } from '../../../domain/interviews/interviewQueries';
import type { SlackDependencies } from '../../slackDependencies';
import { buildHomeView } from '../../views/homeView';
import { publishView } from '../../../slackApi/blockKitCalls';
import { readMeetingStates } from '../../../domain/meetings/meetingQueries';
import { checkCalendarOf } from '../../../domain/availability/interviewerCalendars';

const HOME_LIST_LENGTH = 20;

/** The App Home tab: the person's upcoming interviews in this workspace, as organizer or interviewer, with their buttons and where each call stands. */
export function appHomeOpened(deps: SlackDependencies) {
  return async ({ event, client, context }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return;
    const interviews = await listUpcomingInterviewsFor(deps.context, event.user, deps.tenancy.scopeOf(context), HOME_LIST_LENGTH);
    const nextReminders = await findNextReminders(
      deps.context,
      interviews.map((interview) => interview.id),
    );
    const meetings = await readMeetingStates(deps.context, interviews);
    const workspace = { slackTeamId: context.teamId ?? null, slackEnterpriseId: context.enterpriseId ?? null };
    const calendar = await checkCalendarOf(deps.context, event.user, workspace);
    await publishView(client, { user_id: event.user, view: buildHomeView(interviews, nextReminders, meetings, calendar) });
  };
}
