import type { Interview } from './Interview';
import { InterviewStatus } from './interviewStatus';

export interface JoinWindowSettings {
  /** The join button appears this long before the start (JOIN_OPENS_MINUTES_BEFORE). */
  joinOpensMinutesBefore: number;
  /** ...and stays until this long after the planned end. */
  joinClosesMinutesAfterEnd: number;
  /** After this many days past the end, the link stops opening anything at all. */
  joinLinkExpiresDaysAfterEnd: number;
}

/** What the candidate's page shows. `expired` pages answer like unknown keys. */
export type JoinPageState = 'cancelled' | 'not_open_yet' | 'open' | 'over' | 'expired';

const MINUTE_MS = 60_000;

/** When an interview ends: its start plus its length. */
export function interviewEndsAt(interview: Pick<Interview, 'scheduledTime' | 'durationMinutes'>): Date {
  return new Date(interview.scheduledTime.getTime() + interview.durationMinutes * MINUTE_MS);
}

export function joinPageState(
  interview: Pick<Interview, 'status' | 'scheduledTime' | 'durationMinutes'>,
  now: Date,
  settings: JoinWindowSettings,
): JoinPageState {
  const start = interview.scheduledTime.getTime();
  const end = interviewEndsAt(interview).getTime();
  if (now.getTime() > end + settings.joinLinkExpiresDaysAfterEnd * 24 * 60 * MINUTE_MS) {
    return 'expired';
  }
  if (interview.status === InterviewStatus.Cancelled) {
    return 'cancelled';
  }
  if (now.getTime() < start - settings.joinOpensMinutesBefore * MINUTE_MS) {
    return 'not_open_yet';
  }
  if (now.getTime() <= end + settings.joinClosesMinutesAfterEnd * MINUTE_MS) {
    return 'open';
  }
  return 'over';
}

/** When the join button appears. */
export function joinOpensAt(interview: Pick<Interview, 'scheduledTime'>, settings: JoinWindowSettings): Date {
  return new Date(interview.scheduledTime.getTime() - settings.joinOpensMinutesBefore * MINUTE_MS);
}

/**
 * The next moment the page's state changes on its own, so an open page can update itself then:
 * the window opening, then closing. Past that nothing is worth a reload (an expired link only
 * stops answering), and a cancellation or a move is no moment the page could know in advance.
 */
export function joinPageChangesAt(
  interview: Pick<Interview, 'scheduledTime' | 'durationMinutes'>,
  state: JoinPageState,
  settings: JoinWindowSettings,
): Date | null {
  switch (state) {
    case 'not_open_yet':
      return joinOpensAt(interview, settings);
    case 'open':
      return new Date(interviewEndsAt(interview).getTime() + settings.joinClosesMinutesAfterEnd * MINUTE_MS + 1);
    default:
      return null;
  }
}
