import type { Interview } from '../../domain/interviews/Interview';
import { escapeMrkdwn, mentionUser, mrkdwnLink, slackDate } from './mrkdwn';

/**
 * The DM each interviewer gets shortly before the start (INTERVIEWER_REMINDER): the candidate,
 * the role, when (in the reader's zone, as Slack shows dates), and the join link.
 */
export function presentInterviewerReminder(interview: Interview): string {
  const who = escapeMrkdwn(interview.candidateName);
  const role = interview.role ? ` for *${escapeMrkdwn(interview.role)}*` : '';
  const when = slackDate(interview.scheduledTime, '{time} ({date_short_pretty})', interview.scheduledTime.toISOString());
  const by = interview.organizerSlackUserId ? ` Organised by ${mentionUser(interview.organizerSlackUserId)}.` : '';
  const call = interview.meetingUrl ? ` · ${mrkdwnLink(interview.meetingUrl, 'Join the call')}` : '';
  return `:alarm_clock: Coming up at ${when}: your interview with *${who}*${role}.${by}\n${mrkdwnLink(interview.joinLink, 'Join link')}${call}`;
}
