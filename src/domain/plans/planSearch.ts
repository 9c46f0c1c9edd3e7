import { availabilityOf, startIntervalsFor, ZoneClocks, type PersonAvailability, type TimeSearchWindow } from '../calendars/freeTimes';
import { firstGridInstantAtOrAfter, type StartTimeGrid } from '../calendars/startTimeGrid';
import { intersectIntervals, type Interval } from '../calendars/timeIntervals';
import { DAY_MS, type ZoneClock } from '../calendars/zoneClock';
import { LayoutSearch } from './layoutSearch';
import { PlanPeople, type PlanPerson } from './planPeople';
import { sessionFitsFor, type SessionNeeds } from './sessionFits';
import { pickPeople, type PlannedSession } from './sessionPicks';

const MINUTE_MS = 60_000;

/**
 * A later session starts a whole number of these minutes after the one before ends: right at its
 * end when the people are free then (what a recruiter lays out by hand), else 5, 10, … minutes later.
 */
export const SESSION_GAP_STEP_MINUTES = 5;

export interface PlanSearch extends TimeSearchWindow {
  sessions: readonly SessionNeeds[];
  /** Each session starts 0 to this many minutes after the one before ends. */
  maxGapMinutes: number;
  /** When true, the whole plan lies on one day of `gridZone`'s clock (a loop); a single interview may cross midnight. */
  oneDay: boolean;
  /** Everyone named, pool members included, each once. */
  people: readonly PlanPerson[];
}

/**
 * The earliest first starts on the grid at which the sessions can follow one another, each in its
 * people's free time, with each pool's picks: the search behind both a panel's and a loop's free
 * times. Per session, the start times at which its named people are free and each pool has enough
 * free members are found once, as intervals; then each first start on the grid inside the first
 * session's is tried, walking straight to the earliest layout (see LayoutSearch).
 */
export function searchPlanTimes(search: PlanSearch): PlannedSession[][] {
  if (search.sessions.length === 0 || search.limit <= 0) return [];
  const window: Interval = { start: search.from.getTime(), end: search.to.getTime() };
  const clocks = new ZoneClocks(window);
  const people = new PlanPeople(search.people);
  const availabilities = new Map<string, PersonAvailability>();
  const availabilityFor = (interviewer: string) => {
    let availability = availabilities.get(interviewer);
    if (!availability) {
      availability = availabilityOf(people.get(interviewer), window, search.rules, clocks);
      availabilities.set(interviewer, availability);
    }
    return availability;
  };
  const fits = sessionFitsFor(search.sessions, (interviewer, durationMs) => startIntervalsFor(availabilityFor(interviewer), durationMs));
  const layouts = new LayoutSearch(fits, { maxGapMs: search.maxGapMinutes * MINUTE_MS, gapStepMs: SESSION_GAP_STEP_MINUTES * MINUTE_MS });
  const gridClock = clocks.for(search.gridZone);
  const grid: StartTimeGrid = { stepMinutes: search.rules.slotStepMinutes, clock: gridClock };
  const earliestStart = Math.max(window.start, search.now.getTime() + search.rules.minimumNoticeMinutes * MINUTE_MS);
  const firstStarts = intersectIntervals(fits[0].fitStarts, [{ start: earliestStart, end: window.end }]);
  const found: PlannedSession[][] = [];
  for (const firstStart of gridInstantsIn(grid, firstStarts)) {
    const latestEnd = search.oneDay ? Math.min(window.end, endOfLocalDay(gridClock, firstStart)) : window.end;
    const starts = layouts.earliestLayout(firstStart, latestEnd);
    const sessions = starts && pickPeople(fits, starts, (interviewer, instant) => people.loadAt(interviewer, instant));
    if (sessions) found.push(sessions);
    if (found.length >= search.limit) break;
  }
  return found;
}

function* gridInstantsIn(grid: StartTimeGrid, intervals: readonly Interval[]): Generator<number> {
  for (const interval of intervals) {
    for (
      let instant = firstGridInstantAtOrAfter(grid, interval.start);
      instant < interval.end;
      instant = firstGridInstantAtOrAfter(grid, instant + 1)
    ) {
      yield instant;
    }
  }
}

/** The first instant of the next local day after `instant` on `clock`. */
function endOfLocalDay(clock: ZoneClock, instant: number): number {
  return clock.firstInstantAtOrAfter((clock.localDayAt(instant) + 1) * DAY_MS);
}
