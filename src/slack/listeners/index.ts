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
import { routeButtons, routeEvents, routeModalSubmissions } from './listenerRouting';
import { candidateTimeZoneOptions } from './options/candidateTimeZoneOptions';
import { addAvailabilitySubmission } from './views/addAvailabilitySubmission';
import { rescheduleInterviewSubmission } from './views/rescheduleInterviewSubmission';
import { scheduleInterviewSubmission } from './views/scheduleInterviewSubmission';

/** Every Slack listener, registered in one place: one Bolt listener per kind of request (see listenerRouting). */
export function registerListeners(app: App, deps: SlackDependencies): void {
  app.command(SCHEDULE_INTERVIEW_COMMAND, scheduleInterviewCommand(deps));

  app.view(
    { type: 'view_submission' },
    routeModalSubmissions({
      [SCHEDULE_INTERVIEW_CALLBACK_ID]: scheduleInterviewSubmission(deps),
      [RESCHEDULE_INTERVIEW_CALLBACK_ID]: rescheduleInterviewSubmission(deps),
      [ADD_AVAILABILITY_CALLBACK_ID]: addAvailabilitySubmission(deps),
    }),
  );

  app.action(
    { type: 'block_actions' },
    routeButtons({
      [OPEN_JOIN_PAGE_ACTION]: acknowledgeLinkButton,
      [InterviewAction.reschedule]: rescheduleButton(deps),
      [InterviewAction.cancel]: cancelButton(deps),
      [InterviewAction.resendInvitation]: resendInvitationButton(deps),
      [InterviewAction.rotateLink]: rotateLinkButton(deps),
      [BookingRequestAction.cancel]: cancelBookingRequestButton(deps),
      [BookingRequestAction.resendLink]: resendBookingLinkButton(deps),
      [BookingRequestAction.offerNewSlots]: offerNewSlotsButton(deps),
    }),
  );

  app.options({ type: 'block_suggestion', action_id: ScheduleInterviewBlock.timezone }, candidateTimeZoneOptions(deps));

  const events = routeEvents({
    app_home_opened: appHomeOpened(deps),
    app_uninstalled: appUninstalled(deps),
    tokens_revoked: tokensRevoked(deps),
  });
  app.event(events.pattern, events.listener);
}
