import type { HomeView } from '@slack/types';
import type { Interview } from '../../domain/interviews/Interview';
import type { NextReminder } from '../../domain/interviews/interviewQueries';
import { presentUpcomingInterviews } from '../messages/upcomingInterviews';

export function buildHomeView(interviews: Interview[], nextReminders?: ReadonlyMap<string, NextReminder>): HomeView {
  const { blocks } = presentUpcomingInterviews(interviews, nextReminders);
  return {
    type: 'home',
    blocks: [
      ...blocks,
      { type: 'divider' },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'Type `/schedule-interview` in any channel to schedule, or `/schedule-interview slots` to offer your availability.',
          },
        ],
      },
    ],
  };
}
