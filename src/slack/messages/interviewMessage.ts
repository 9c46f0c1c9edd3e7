import type { KnownBlock } from '@slack/types';
import { DeliveryStatus, type DeliveryJob } from '../../domain/deliveries/DeliveryJob';
import type { Interview } from '../../domain/interviews/Interview';
import type { Interviewer } from '../../domain/shared/participants';
import { InterviewStatus } from '../../domain/interviews/interviewStatus';
import { describeDuration } from '../../presenters/interviewTime';
import type { MeetingState } from '../../domain/meetings/meetingQueries';
import { interviewActionsBlock } from './interviewActions';
import { describeMeetingState } from './meetingStateLine';
import { describePoolPicksForSlack } from './poolPicksText';
import { escapeMrkdwn, mentionUser, mrkdwnLink, slackDate } from './mrkdwn';

export interface SlackMessage {
  /** Shown in notifications and by clients that cannot draw blocks. */
  text: string;
  blocks: KnownBlock[];
}

const SLACK_DATE_FORMAT = '{date_long_pretty} at {time}';

/**
 * The interview's message in its channel: who, what, when (in each reader's own zone), the join
 * link, and where the candidate's invitation and the video meeting stand. Redrawn whenever any of that changes.
 */
export function presentInterviewMessage(
  interview: Interview,
  invitation: DeliveryJob | null,
  meeting: MeetingState | null = null,
): SlackMessage {
  const cancelled = interview.status === InterviewStatus.Cancelled;
  const when = slackDate(
    interview.scheduledTime,
    SLACK_DATE_FORMAT,
    `${interview.scheduledTime.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  );
  const headline = `${cancelled ? 'Cancelled' : 'Interview scheduled'}: ${interview.candidateName}`;
  const fields = [
    `*Candidate*\n${escapeMrkdwn(interview.candidateName)}\n${escapeMrkdwn(interview.candidateEmail)}`,
    `*Role*\n${interview.role ? escapeMrkdwn(interview.role) : '—'}`,
    `*When*\n${cancelled ? `~${when}~` : when}`,
    `*Length*\n${describeDuration(interview.durationMinutes)}`,
    `*Interviewers*\n${describeInterviewersForSlack(interview.interviewers)}`,
    `*Scheduled by*\n${interview.organizerSlackUserId ? mentionUser(interview.organizerSlackUserId) : 'the API'}`,
  ];
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(headline, 150), emoji: false } },
    { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text: truncate(text, 2000) })) },
  ];
  if (!cancelled) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*Join link*\n${mrkdwnLink(interview.joinLink, interview.joinLink)}` },
      accessory: {
        type: 'button',
        action_id: 'open_join_page',
        text: { type: 'plain_text', text: 'Open join page' },
        url: interview.joinLink,
      },
    });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: describeInvitationState(interview, invitation) }] });
  if (meeting && !cancelled) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: describeMeetingState(meeting) }] });
  const picks = describePoolPicksForSlack(interview.poolPicks);
  if (picks.length > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: picks.join('\n').slice(0, 3000) }] });
  const attendance = describeAttendance(interview);
  if (attendance) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: attendance }] });
  const actions = interviewActionsBlock(interview);
  if (actions) blocks.push(actions);
  return {
    text: `${cancelled ? 'Cancelled' : 'Interview scheduled'}: ${escapeMrkdwn(interview.candidateName)}, ${when}. Join link: ${interview.joinLink}`,
    blocks,
  };
}

/** Where the candidate's invitation stands, in words a recruiter understands. */
export function describeInvitationState(interview: Interview, invitation: DeliveryJob | null): string {
  const to = escapeMrkdwn(interview.candidateEmail);
  if (!invitation) {
    return interview.status === InterviewStatus.Cancelled
      ? `:no_entry_sign: Cancelled; ${to} was told.`
      : `:envelope: Invitation to ${to}: not sent`;
  }
  switch (invitation.status) {
    case DeliveryStatus.Pending:
    case DeliveryStatus.InFlight:
      return invitation.attempts > 0
        ? `:hourglass_flowing_sand: Invitation to ${to}: retrying (attempt ${invitation.attempts + 1}) after: ${escapeMrkdwn(invitation.lastError ?? 'an error')}`
        : `:hourglass_flowing_sand: Invitation to ${to}: sending…`;
    case DeliveryStatus.Delivered:
      return `:white_check_mark: Invitation emailed to ${to}`;
    case DeliveryStatus.Skipped:
      return `:no_entry_sign: Invitation to ${to} not sent: ${escapeMrkdwn(invitation.lastError ?? 'no way to send email')}`;
    case DeliveryStatus.Failed:
      return `:x: Invitation to ${to} failed: ${escapeMrkdwn(invitation.lastError ?? 'unknown error')}`;
  }
}

/** After a no-show alert: whether the candidate has turned up since. Nothing to say before one. */
export function describeAttendance(interview: Interview): string | null {
  if (!interview.noShowAlertedAt || interview.status === InterviewStatus.Cancelled) return null;
  if (interview.candidateFirstOpenedAt) {
    const when = slackDate(interview.candidateFirstOpenedAt, '{time}', interview.candidateFirstOpenedAt.toISOString());
    return `:eyes: The candidate opened their page late, at ${when}, after the no-show alert.`;
  }
  const when = slackDate(interview.noShowAlertedAt, '{time}', interview.noShowAlertedAt.toISOString());
  return `:warning: No-show: the candidate had not opened their page by ${when}. Reach them at ${escapeMrkdwn(interview.candidateEmail)}.`;
}

export function describeInterviewersForSlack(interviewers: Interviewer[]): string {
  if (interviewers.length === 0) return '—';
  return interviewers
    .map((interviewer) => (interviewer.slackUserId ? mentionUser(interviewer.slackUserId) : escapeMrkdwn(interviewer.email ?? '')))
    .join(', ');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
