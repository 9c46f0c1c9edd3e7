import type { Interview } from '../../domain/interviews/Interview';
import type { InterviewerNotice } from '../../domain/deliveries/deliveryPayloads';
import { InterviewStatus } from '../../domain/interviews/interviewStatus';
import { escapeMrkdwn, mentionUser, mrkdwnLink, slackDate } from './mrkdwn';

/** The DM an interviewer gets when an interview they are on is created, moved or cancelled. */
export function presentInterviewerNotice(interview: Interview, change: InterviewerNotice['change']): string {
  const who = escapeMrkdwn(interview.candidateName);
  const role = interview.role ? ` for *${escapeMrkdwn(interview.role)}*` : '';
  const when = slackDate(interview.scheduledTime, '{date_long_pretty} at {time}', interview.scheduledTime.toISOString());
  const by = interview.organizerSlackUserId ? ` (organised by ${mentionUser(interview.organizerSlackUserId)})` : '';
  if (interview.status === InterviewStatus.Cancelled || change === 'cancelled') {
    return `:no_entry_sign: The interview with *${who}*${role} on ${when} was cancelled${by}.`;
  }
  const link = interview.meetingUrl ? mrkdwnLink(interview.meetingUrl, 'Join the call') : mrkdwnLink(interview.joinLink, 'Interview page');
  const verb = change === 'rescheduled' ? 'was moved to' : 'is on';
  return `:calendar: You're interviewing *${who}*${role}. It ${verb} ${when}${by}. ${link}`;
}
