import type { KnownBlock } from '@slack/types';
import type { Interview } from '../../db/entities/Interview';
import { interviewActionsBlock } from './interviewActions';
import { escapeMrkdwn, mrkdwnLink, slackDate } from './mrkdwn';

/** `/schedule-interview list`: the person's upcoming interviews, soonest first. */
export function presentUpcomingInterviews(interviews: Interview[]): { text: string; blocks: KnownBlock[] } {
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
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${escapeMrkdwn(interview.candidateName)}*${role}\n${when} · ${mrkdwnLink(interview.joinLink, 'join link')}`,
      },
    });
    const actions = interviewActionsBlock(interview);
    if (actions) blocks.push(actions);
  }
  return { text: `You have ${interviews.length} upcoming interview${interviews.length === 1 ? '' : 's'}.`, blocks };
}
