import { MeetingStatus } from '../../domain/meetings/Meeting';
import type { MeetingState } from '../../domain/meetings/meetingQueries';
import { escapeMrkdwn, mrkdwnLink } from './mrkdwn';

const PROVIDER_NAMES = { zoom: 'Zoom meeting', 'google-meet': 'Google Meet', teams: 'Teams meeting', url: 'Call link' } as const;

/**
 * Where the interview's call stands, beside where its invitation stands: being made, ready (with
 * its link for the interviewers, unless `withLink` is false: App Home lists twenty interviews, and
 * a click sends the whole tab back), or refused with the reason and what to do.
 */
export function describeMeetingState(meeting: MeetingState, { withLink = true } = {}): string {
  const name = PROVIDER_NAMES[meeting.provider];
  switch (meeting.status) {
    case MeetingStatus.Pending:
      return `:hourglass_flowing_sand: ${name}: being made… (the candidate’s page says the call is being prepared)`;
    case MeetingStatus.Ready:
      return `:movie_camera: ${name}: ${meeting.joinUrl && withLink ? mrkdwnLink(meeting.joinUrl, 'ready') : 'ready'}`;
    case MeetingStatus.Failed:
      return `:x: ${name} could not be made: ${escapeMrkdwn(meeting.reason ?? 'the provider refused')}. Use *Set call link* to give the candidate one.`;
  }
}
