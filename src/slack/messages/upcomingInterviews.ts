import type { KnownBlock } from '@slack/types';
import { DeliveryKind } from '../../domain/deliveries/DeliveryJob';
import type { Interview } from '../../domain/interviews/Interview';
import type { NextReminder } from '../../domain/interviews/interviewQueries';
import type { MeetingState } from '../../domain/meetings/meetingQueries';
import { interviewActionsBlock } from './interviewActions';
import { describeMeetingState } from './meetingStateLine';
import { escapeMrkdwn, mrkdwnLink, slackDate } from './mrkdwn';

/** `/schedule-interview list` and App Home: the person's upcoming interviews, soonest first, each with its next reminder. */
export function presentUpcomingInterviews(
  interviews: Interview[],
  nextReminders: ReadonlyMap<string, NextReminder> = new Map(),
  meetings: ReadonlyMap<string, MeetingState> = new Map(),
): { text: string; blocks: KnownBlock[] } {
  if (interviews.length === 0) {
    return {
      text: 'You have no upcoming interviews.',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'You have no upcoming interviews. Type `/schedule-interview` to schedule one.' } },
      ],
    };
  }
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'Your upcoming interviews' } }];
  for (const interview of interviews) {
    const when = slackDate(interview.scheduledTime, '{date_short_pretty} at {time}', interview.scheduledTime.toISOString());
    const role = interview.role ? ` · ${escapeMrkdwn(interview.role)}` : '';
    const meeting = meetings.get(interview.id);
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${escapeMrkdwn(interview.candidateName)}*${role}\n${when} · ${mrkdwnLink(interview.joinLink, 'join link')}\n${describeNextReminder(nextReminders.get(interview.id))}${meeting ? `\n${describeMeetingState(meeting, { withLink: false })}` : ''}`,
      },
    });
    const actions = interviewActionsBlock(interview);
    if (actions) blocks.push(actions);
  }
  return { text: `You have ${interviews.length} upcoming interview${interviews.length === 1 ? '' : 's'}.`, blocks };
}

/** Who the next reminder goes to and when (each reader's zone), or that none is left. */
export function describeNextReminder(reminder: NextReminder | undefined): string {
  if (!reminder) return ':bell: No reminders left';
  const when = slackDate(reminder.dueAt, '{date_short_pretty} at {time}', reminder.dueAt.toISOString());
  const whom = reminder.kind === DeliveryKind.CandidateReminder ? 'the candidate, by email' : 'the interviewers, in Slack';
  return `:bell: Next reminder ${when}: ${whom}`;
}
