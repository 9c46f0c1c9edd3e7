import type { App } from '@slack/bolt';
import { BookingRequestAction } from '../messages/bookingRequestActions';
import { InterviewAction } from '../messages/interviewActions';
import type { SlackDependencies } from '../slackDependencies';
import { ADD_AVAILABILITY_CALLBACK_ID } from '../views/addAvailabilityModal';
import { RESCHEDULE_INTERVIEW_CALLBACK_ID } from '../views/rescheduleInterviewModal';
import { SCHEDULE_INTERVIEW_CALLBACK_ID, ScheduleInterviewBlock } from '../views/scheduleInterviewModal';
import { cancelBookingRequestButton } from './actions/cancelBookingRequestButton';
import { cancelButton, rescheduleButton, resendInvitationButton, rotateLinkButton } from './actions/interviewButtons';
import { offerNewSlotsButton } from './actions/offerNewSlotsButton';
import { acknowledgeLinkButton, OPEN_JOIN_PAGE_ACTION } from './actions/openJoinPage';
import { resendBookingLinkButton } from './actions/resendBookingLinkButton';
import { SCHEDULE_INTERVIEW_COMMAND, scheduleInterviewCommand } from './commands/scheduleInterviewCommand';
import { appHomeOpened } from './events/appHomeOpened';
import { appUninstalled } from './events/appUninstalled';
import { tokensRevoked } from './events/tokensRevoked';
import { candidateTimeZoneOptions } from './options/candidateTimeZoneOptions';
import { addAvailabilitySubmission } from './views/addAvailabilitySubmission';
import { rescheduleInterviewSubmission } from './views/rescheduleInterviewSubmission';
import { scheduleInterviewSubmission } from './views/scheduleInterviewSubmission';

/** Every Slack listener, registered in one place. */
export function registerListeners(app: App, deps: SlackDependencies): void {
  app.command(SCHEDULE_INTERVIEW_COMMAND, scheduleInterviewCommand(deps));

  app.view(SCHEDULE_INTERVIEW_CALLBACK_ID, scheduleInterviewSubmission(deps));
  app.view(RESCHEDULE_INTERVIEW_CALLBACK_ID, rescheduleInterviewSubmission(deps));
  app.view(ADD_AVAILABILITY_CALLBACK_ID, addAvailabilitySubmission(deps));

  app.action(OPEN_JOIN_PAGE_ACTION, acknowledgeLinkButton);
  app.action(InterviewAction.reschedule, rescheduleButton(deps));
  app.action(InterviewAction.cancel, cancelButton(deps));
  app.action(InterviewAction.resendInvitation, resendInvitationButton(deps));
  app.action(InterviewAction.rotateLink, rotateLinkButton(deps));
  app.action(BookingRequestAction.cancel, cancelBookingRequestButton(deps));
  app.action(BookingRequestAction.resendLink, resendBookingLinkButton(deps));
  app.action(BookingRequestAction.offerNewSlots, offerNewSlotsButton(deps));

  app.options({ type: 'block_suggestion', action_id: ScheduleInterviewBlock.timezone }, candidateTimeZoneOptions(deps));

  app.event('app_home_opened', appHomeOpened(deps));
  app.event('app_uninstalled', appUninstalled(deps));
  app.event('tokens_revoked', tokensRevoked(deps));
}
