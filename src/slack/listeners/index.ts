import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { listenerTable } from './listenerTable';
import { BookingRequestAction } from '../messages/bookingRequestActions';
import { InterviewAction } from '../messages/interviewActions';
import { eventsHandledOnce } from '../eventsHandledOnce';
import type { SlackDependencies } from '../slackDependencies';
import { SlackEventReceipts } from '../slackEventReceipts';
import { ADD_AVAILABILITY_CALLBACK_ID } from '../views/addAvailabilityModal';
import { RESCHEDULE_INTERVIEW_CALLBACK_ID } from '../views/rescheduleInterviewModal';
import { SCHEDULE_INTERVIEW_CALLBACK_ID, ScheduleInterviewBlock } from '../views/scheduleInterviewModal';
import { cancelBookingRequestButton } from './actions/cancelBookingRequestButton';
import { cancelInterviewButton } from './actions/cancelInterviewButton';
import { cancelLoopButton } from './actions/cancelLoopButton';
import { rescheduleLoopButton } from './actions/rescheduleLoopButton';
import { LoopAction } from '../messages/loopMessage';
import { offerNewSlotsButton } from './actions/offerNewSlotsButton';
import { acknowledgeLinkButton, OPEN_JOIN_PAGE_ACTION } from './actions/openJoinPage';
import { rescheduleInterviewButton } from './actions/rescheduleInterviewButton';
import { resendBookingLinkButton } from './actions/resendBookingLinkButton';
import { resendInvitationButton } from './actions/resendInvitationButton';
import { rotateJoinLinkButton } from './actions/rotateJoinLinkButton';
import { setMeetingUrlButton } from './actions/setMeetingUrlButton';
import { SCHEDULE_INTERVIEW_COMMAND, scheduleInterviewCommand } from './commands/scheduleInterviewCommand';
import { appHomeOpened } from './events/appHomeOpened';
import { appUninstalled } from './events/appUninstalled';
import { tokensRevoked } from './events/tokensRevoked';
import { candidateTimeZoneOptions } from './options/candidateTimeZoneOptions';
import { addAvailabilitySubmission } from './views/addAvailabilitySubmission';
import { rescheduleInterviewSubmission } from './views/rescheduleInterviewSubmission';
import { rescheduleLoopSubmission } from './views/rescheduleLoopSubmission';
import { RESCHEDULE_LOOP_CALLBACK_ID } from '../views/rescheduleLoopModal';
import { scheduleInterviewSubmission } from './views/scheduleInterviewSubmission';
import { setMeetingUrlSubmission } from './views/setMeetingUrlSubmission';
import { SET_MEETING_URL_CALLBACK_ID } from '../views/setMeetingUrlModal';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type EventArgs = SlackEventMiddlewareArgs & AllMiddlewareArgs;

/**
 * Every Slack listener, registered in one place with Bolt's documented `app.command` / `app.view`
 * / `app.action` / `app.options` / `app.event`. The buttons on the app's messages, the modals'
 * submissions and the events are each one Bolt listener over a table of their own listeners
 * (listenerTable), so that Bolt tests five listeners' constraints on each request, not one per button, submission and event.
 */
export function registerListeners(app: App, deps: SlackDependencies): void {
  app.command(SCHEDULE_INTERVIEW_COMMAND, scheduleInterviewCommand(deps));

  const submissions = listenerTable<SubmissionArgs>(
    {
      [SCHEDULE_INTERVIEW_CALLBACK_ID]: scheduleInterviewSubmission(deps),
      [RESCHEDULE_INTERVIEW_CALLBACK_ID]: rescheduleInterviewSubmission(deps),
      [RESCHEDULE_LOOP_CALLBACK_ID]: rescheduleLoopSubmission(deps),
      [ADD_AVAILABILITY_CALLBACK_ID]: addAvailabilitySubmission(deps),
      [SET_MEETING_URL_CALLBACK_ID]: setMeetingUrlSubmission(deps),
    },
    ({ view }) => view.callback_id,
  );
  app.view<ViewSubmitAction>(submissions.ids, submissions.listener);

  const buttons = listenerTable<ButtonArgs>(
    {
      [OPEN_JOIN_PAGE_ACTION]: acknowledgeLinkButton,
      [InterviewAction.reschedule]: rescheduleInterviewButton(deps),
      [InterviewAction.cancel]: cancelInterviewButton(deps),
      [InterviewAction.resendInvitation]: resendInvitationButton(deps),
      [InterviewAction.rotateLink]: rotateJoinLinkButton(deps),
      [InterviewAction.setMeetingUrl]: setMeetingUrlButton(deps),
      [BookingRequestAction.cancel]: cancelBookingRequestButton(deps),
      [BookingRequestAction.resendLink]: resendBookingLinkButton(deps),
      [BookingRequestAction.offerNewSlots]: offerNewSlotsButton(deps),
      [LoopAction.reschedule]: rescheduleLoopButton(deps),
      [LoopAction.cancel]: cancelLoopButton(deps),
    },
    ({ action }) => action.action_id,
  );
  app.action<BlockAction<ButtonAction>>(buttons.ids, buttons.listener);

  app.options({ type: 'block_suggestion', action_id: ScheduleInterviewBlock.timezone }, candidateTimeZoneOptions(deps));

  const events = listenerTable<EventArgs>(
    {
      app_home_opened: forEvent(appHomeOpened(deps)),
      app_uninstalled: forEvent(appUninstalled(deps)),
      tokens_revoked: forEvent(tokensRevoked(deps)),
    },
    ({ event }) => event.type,
  );
  // Each event is acted on once, whatever Slack's retries (listener middleware: commands and clicks never pass it).
  const handledOnce = eventsHandledOnce(new SlackEventReceipts(deps.context.database), deps.logger);
  app.event(events.ids, handledOnce, events.listener);
}

/** An event's own listener, in the events' table: the table hands it only events of its type, which the types cannot see. */
function forEvent<Type extends string>(
  listener: (args: SlackEventMiddlewareArgs<Type> & AllMiddlewareArgs) => Promise<void>,
): (args: EventArgs) => Promise<void> {
  return listener as (args: EventArgs) => Promise<void>;
}
