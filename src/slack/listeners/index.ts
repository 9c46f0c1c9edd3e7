import type { App, BlockAction, ButtonAction } from '@slack/bolt';
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

type Button = BlockAction<ButtonAction>;

/** Every Slack listener, registered in one place, one Bolt listener each, as Bolt documents them. */
export function registerListeners(app: App, deps: SlackDependencies): void {
  app.command(SCHEDULE_INTERVIEW_COMMAND, scheduleInterviewCommand(deps));

  app.view(SCHEDULE_INTERVIEW_CALLBACK_ID, scheduleInterviewSubmission(deps));
  app.view(RESCHEDULE_INTERVIEW_CALLBACK_ID, rescheduleInterviewSubmission(deps));
  app.view(RESCHEDULE_LOOP_CALLBACK_ID, rescheduleLoopSubmission(deps));
  app.view(ADD_AVAILABILITY_CALLBACK_ID, addAvailabilitySubmission(deps));
  app.view(SET_MEETING_URL_CALLBACK_ID, setMeetingUrlSubmission(deps));

  app.action(OPEN_JOIN_PAGE_ACTION, acknowledgeLinkButton);
  app.action<Button>(InterviewAction.reschedule, rescheduleInterviewButton(deps));
  app.action<Button>(InterviewAction.cancel, cancelInterviewButton(deps));
  app.action<Button>(InterviewAction.resendInvitation, resendInvitationButton(deps));
  app.action<Button>(InterviewAction.rotateLink, rotateJoinLinkButton(deps));
  app.action<Button>(InterviewAction.setMeetingUrl, setMeetingUrlButton(deps));
  app.action<Button>(BookingRequestAction.cancel, cancelBookingRequestButton(deps));
  app.action<Button>(BookingRequestAction.resendLink, resendBookingLinkButton(deps));
  app.action<Button>(BookingRequestAction.offerNewSlots, offerNewSlotsButton(deps));
  app.action<Button>(LoopAction.reschedule, rescheduleLoopButton(deps));
  app.action<Button>(LoopAction.cancel, cancelLoopButton(deps));

  app.options({ type: 'block_suggestion', action_id: ScheduleInterviewBlock.timezone }, candidateTimeZoneOptions(deps));

  // Each event is acted on once, whatever Slack's retries (listener middleware: commands and clicks never pass it).
  const handledOnce = eventsHandledOnce(new SlackEventReceipts(deps.context.database), deps.logger);
  app.event('app_home_opened', handledOnce, appHomeOpened(deps));
  app.event('app_uninstalled', handledOnce, appUninstalled(deps));
  app.event('tokens_revoked', handledOnce, tokensRevoked(deps));
}
