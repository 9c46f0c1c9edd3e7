import type { HomeView } from '@slack/types';
import type { Interview } from '../../domain/interviews/Interview';
import type { NextReminder } from '../../domain/interviews/interviewQueries';
import type { MeetingState } from '../../domain/meetings/meetingQueries';
import { presentUpcomingInterviews } from '../messages/upcomingInterviews';
import { escapeMrkdwn } from '../messages/mrkdwn';

/** Whether the person's own calendar can be read (Google Workspace, Microsoft 365), and why not. */
export interface OwnCalendarState {
  status: 'read' | 'unavailable' | 'none';
  reason?: string;
}

export function buildHomeView(
  interviews: Interview[],
  nextReminders?: ReadonlyMap<string, NextReminder>,
  meetings?: ReadonlyMap<string, MeetingState>,
  calendar?: OwnCalendarState,
): HomeView {
  const { blocks } = presentUpcomingInterviews(interviews, nextReminders, meetings);
  return {
    type: 'home',
    blocks: [
      ...blocks,
      { type: 'divider' },
      ...(calendar ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: describeOwnCalendar(calendar) }] }] : []),
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

function describeOwnCalendar(calendar: OwnCalendarState): string {
  switch (calendar.status) {
    case 'read':
      return ':calendar: Your calendar can be read: free times and clashes count your meetings.';
    case 'unavailable':
      return `:warning: Your calendar cannot be read, so your time is unknown and never offered as free: ${escapeMrkdwn(calendar.reason ?? 'no reason given')}`;
    case 'none':
      return ':calendar: No calendar is connected to this app: free times count only the interviews scheduled here.';
  }
}
