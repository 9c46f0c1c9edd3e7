import type { CalendarReading, TimeRange } from './freeTimes';
import { normalizeIntervals, subtractIntervals, type Interval } from './timeIntervals';

/** One interviewer's calendar as read for the time being checked. */
export interface InterviewerCalendar {
  interviewer: string;
  calendar: CalendarReading;
}

/** A stretch of the proposed time at which an interviewer's calendar shows them busy. */
export interface BusyConflict {
  interviewer: string;
  startsAt: Date;
  endsAt: Date;
}

export interface CalendarConflicts {
  /** For `409 interviewers_busy`: who is busy, and when, within the proposed time. */
  busy: BusyConflict[];
  /** Calendars that could not be read, so nothing is known against the time (and why). */
  unknown: Array<{ interviewer: string; reason: string }>;
}

/**
 * Where an explicitly chosen time clashes with the interviewers' calendars (POST and PATCH
 * /api/interviews, the Slack modal's time field). Only the providers' busy periods count, without
 * the buffer (a person chose this time), and for a reschedule minus `ownCurrentTime`: the
 * interview's own event sits on those calendars at its current time.
 */
export function calendarConflicts(
  calendars: readonly InterviewerCalendar[],
  proposed: TimeRange,
  ownCurrentTime?: TimeRange,
): CalendarConflicts {
  const window = toInterval(proposed);
  const own = ownCurrentTime ? [toInterval(ownCurrentTime)] : [];
  const conflicts: CalendarConflicts = { busy: [], unknown: [] };
  for (const { interviewer, calendar } of calendars) {
    if (calendar.status === 'unavailable') {
      conflicts.unknown.push({ interviewer, reason: calendar.reason });
      continue;
    }
    if (calendar.status !== 'read') continue;
    const busy = subtractIntervals(normalizeIntervals(calendar.busy.map(toInterval)), own);
    for (const period of busy) {
      const start = Math.max(period.start, window.start);
      const end = Math.min(period.end, window.end);
      if (start < end) conflicts.busy.push({ interviewer, startsAt: new Date(start), endsAt: new Date(end) });
    }
  }
  return conflicts;
}

function toInterval(range: TimeRange): Interval {
  return { start: range.startsAt.getTime(), end: range.endsAt.getTime() };
}
