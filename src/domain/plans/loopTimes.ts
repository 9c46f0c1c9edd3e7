import { calendarStates, type CalendarState, type TimeSearchWindow } from '../calendars/freeTimes';
import type { LoopSession } from './loopInput';
import type { PlanPerson } from './planPeople';
import { searchPlanTimes } from './planSearch';
import type { PlannedSession } from './sessionPicks';

/** A loop lies on one day, and no day is longer than 25 hours (the night clocks fall back). */
const LONGEST_DAY_MS = 25 * 3_600_000;

/**
 * A search for loop times. Its window's `gridZone` is the candidate's: first starts lie on its grid,
 * and "one day" is a day on its clock, since the day is the candidate's.
 */
export interface LoopTimesQuery extends TimeSearchWindow {
  /** The loop's sessions, checked (checkLoopSpec). */
  sessions: readonly LoopSession[];
  /** Each session starts 0 to this many minutes after the one before ends. */
  maxGapMinutes: number;
  /**
   * Everyone named in any session, pool members included, each once, by the name the sessions use;
   * each with their interviews over planInterviewSpan(from, to), so the pick can weigh them.
   */
  people: readonly PlanPerson[];
}

/** One session of a found loop time. */
export interface LoopSessionTime extends PlannedSession {
  title: string;
}

/** One way to hold the loop: its first start, and each session's time and people. */
export interface LoopTime {
  /** The first session's start: on the grid. */
  startsAt: Date;
  /** The last session's end. */
  endsAt: Date;
  sessions: LoopSessionTime[];
}

export interface LoopTimesAnswer {
  /** Earliest first start first. */
  loopTimes: LoopTime[];
  /** Every person's calendar state, pool members included. */
  calendars: CalendarState[];
}

/**
 * The loop's free times: first starts on the grid at which session 1 starts, each next session
 * starts 0 to `maxGapMinutes` after the one before ends (a whole number of 5 minutes, as early as
 * the people allow), every session fits the free time of each of its people (the free-time rules:
 * working hours, notice, calendars and interviews with the buffer, the daily limit), each pool has
 * its `count` free members, nobody is in two sessions, and the whole loop lies within
 * `from`..`to` on one day of the candidate's clock. Each pool picks fairly (see pickFromPool) among
 * its members free at its session's start. Earliest first, at most `limit`.
 */
export function findLoopTimes(query: LoopTimesQuery): LoopTimesAnswer {
  const found = searchPlanTimes({ ...query, oneDay: true });
  const loopTimes = found.map((sessions) => ({
    startsAt: sessions[0].startsAt,
    endsAt: sessions[sessions.length - 1].endsAt,
    sessions: sessions.map((session, index) => ({ title: query.sessions[index].title, ...session })),
  }));
  return { loopTimes, calendars: calendarStates(query.people) };
}

/**
 * The loop's layout with its first session at `firstStart`, if that is still one of its free
 * times (the booking page reading the calendars again before booking); null when it is not.
 */
export function findLoopTimeAt(query: Omit<LoopTimesQuery, 'from' | 'limit'>, firstStart: Date): LoopTime | null {
  const to = new Date(Math.min(query.to.getTime(), firstStart.getTime() + LONGEST_DAY_MS));
  const answer = findLoopTimes({ ...query, from: firstStart, to, limit: 1 });
  const found = answer.loopTimes[0];
  return found && found.startsAt.getTime() === firstStart.getTime() ? found : null;
}
