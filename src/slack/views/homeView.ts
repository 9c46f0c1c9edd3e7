import type { HomeView } from '@slack/types';
import type { Interview } from '../../domain/interviews/Interview';
import type { NextReminder } from '../../domain/interviews/interviewQueries';
import type { MeetingState } from '../../domain/meetings/meetingQueries';
import { presentUpcomingInterviews } from '../messages/upcomingInterviews';

export function buildHomeView(
  interviews: Interview[],
  nextReminders?: ReadonlyMap<string, NextReminder>,
  meetings?: ReadonlyMap<string, MeetingState>,
): HomeView {
  const { blocks } = presentUpcomingInterviews(interviews, nextReminders, meetings);
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
