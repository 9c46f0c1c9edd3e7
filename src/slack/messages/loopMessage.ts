import { liveSessionsOf } from '../../domain/loops/loopState';
import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { Interview } from '../../domain/interviews/Interview';
import { InterviewStatus } from '../../domain/interviews/interviewStatus';
import { describeDuration } from '../../presenters/interviewTime';
import type { SlackMessage } from './interviewMessage';
import { describeInterviewersForSlack } from './interviewMessage';
import { escapeMrkdwn, mentionUser, mrkdwnLink, slackDate } from './mrkdwn';
import { describePoolPicksForSlack } from './poolPicksText';
import { dangerButtonWithConfirm } from './confirmedButton';

/** The buttons on a loop's message: each value is the loop's id. */
export const LoopAction = {
  reschedule: 'reschedule_loop',
  cancel: 'cancel_loop',
} as const;

/** The loop's one message in its channel: the candidate, and each session's time, title, interviewers and join link. */
export function presentLoopMessage(sessions: readonly Interview[]): SlackMessage {
  const first = sessions[0];
  const cancelled = liveSessionsOf(sessions).length === 0;
  const when = slackDate(
    first.scheduledTime,
    '{date_long_pretty} at {time}',
    `${first.scheduledTime.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  );
  const headline = `${cancelled ? 'Cancelled loop' : 'Interview loop scheduled'}: ${first.candidateName}`;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: headline.slice(0, 150), emoji: false } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Candidate*\n${escapeMrkdwn(first.candidateName)}\n${escapeMrkdwn(first.candidateEmail)}` },
        { type: 'mrkdwn', text: `*Role*\n${first.role ? escapeMrkdwn(first.role) : '—'}` },
        { type: 'mrkdwn', text: `*Starts*\n${cancelled ? `~${when}~` : when}` },
        { type: 'mrkdwn', text: `*Scheduled by*\n${first.organizerSlackUserId ? mentionUser(first.organizerSlackUserId) : 'the API'}` },
      ],
    },
  ];
  for (const [index, session] of sessions.entries()) {
    const time = slackDate(session.scheduledTime, '{time}', session.scheduledTime.toISOString().slice(11, 16));
    const lines = [
      `*${index + 1}. ${escapeMrkdwn(session.sessionTitle ?? 'Interview')}*, ${time}, ${describeDuration(session.durationMinutes)}`,
      `With ${describeInterviewersForSlack(session.interviewers)}`,
      ...describePoolPicksForSlack(session.poolPicks).map((line) => `_${line}_`),
    ];
    if (session.status !== InterviewStatus.Cancelled) lines.push(mrkdwnLink(session.joinLink, 'Join link'));
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n').slice(0, 3000) } });
  }
  if (!cancelled && first.loopId) blocks.push(loopActions(first.loopId));
  return {
    text: `${headline}, ${sessions.length} sessions from ${when}.`,
    blocks,
  };
}

function loopActions(loopId: string): ActionsBlock {
  return {
    type: 'actions',
    block_id: `loop_actions:${loopId}`,
    elements: [
      { type: 'button', action_id: LoopAction.reschedule, value: loopId, text: { type: 'plain_text', text: 'Reschedule loop' } },
      dangerButtonWithConfirm({
        actionId: LoopAction.cancel,
        value: loopId,
        label: 'Cancel loop',
        question: 'Cancel every session?',
        consequence: 'The candidate is emailed one cancellation for the whole loop.',
      }),
    ],
  };
}
