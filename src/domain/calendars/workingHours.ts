import { normalizeIntervals, type Interval } from './timeIntervals';
import type { WorkingHours } from '../../config/workingHours';
import { DAY_MS, isoWeekdayOf, type ZoneClock } from './zoneClock';

const MINUTE_MS = 60_000;

/**
 * The instants within `window` that fall inside `workingHours` on the clock of `clock`'s zone,
 * merged: a range ending at 24:00 and the next day's starting at 00:00 make one stretch, so an
 * interview may cross midnight when both days are worked. Each boundary is the first instant the
 * local clock reads that time (see ZoneClock.firstInstantAtOrAfter for the nights clocks change).
 */
export function workingIntervals(workingHours: WorkingHours, clock: ZoneClock, window: Interval): Interval[] {
  const intervals: Interval[] = [];
  const lastDay = clock.localDayAt(window.end);
  for (let day = clock.localDayAt(window.start); day <= lastDay; day += 1) {
    for (const range of workingHours.rangesByWeekday[isoWeekdayOf(day)]) {
      const start = clock.firstInstantAtOrAfter(day * DAY_MS + range.startMinute * MINUTE_MS);
      const end = clock.firstInstantAtOrAfter(day * DAY_MS + range.endMinute * MINUTE_MS);
      intervals.push({ start: Math.max(start, window.start), end: Math.min(end, window.end) });
    }
  }
  return normalizeIntervals(intervals);
}
