import type { App } from '@slack/bolt';
import type { SlackDependencies } from '../slackDependencies';
import { SCHEDULE_INTERVIEW_CALLBACK_ID } from '../views/scheduleInterviewModal';
import { acknowledgeLinkButton, OPEN_JOIN_PAGE_ACTION } from './actions/openJoinPage';
import { SCHEDULE_INTERVIEW_COMMAND, scheduleInterviewCommand } from './commands/scheduleInterviewCommand';
import { scheduleInterviewSubmission } from './views/scheduleInterviewSubmission';

/** Every Slack listener, registered in one place. */
export function registerListeners(app: App, deps: SlackDependencies): void {
  app.command(SCHEDULE_INTERVIEW_COMMAND, scheduleInterviewCommand(deps));
  app.view(SCHEDULE_INTERVIEW_CALLBACK_ID, scheduleInterviewSubmission(deps));
  app.action(OPEN_JOIN_PAGE_ACTION, acknowledgeLinkButton);
}
