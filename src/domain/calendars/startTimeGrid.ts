import type { Interval } from './timeIntervals';
import type { ZoneClock } from './zoneClock';

const MINUTE_MS = 60_000;

/**
 * The grid offered start times lie on (SLOT_STEP_MINUTES, "counted from the hour"): instants at
 * which the wall clock of `clock`'s zone reads a whole multiple of `stepMinutes` after midnight,
 * i.e. :00 and :30 for 30. The zone is the one the times are shown in (the request's `timezone`),
 * so a reader in Asia/Kolkata or America/St_Johns sees 10:00 and 10:30 rather than 10:15 and
 * 10:45; for zones a whole number of hours from UTC it is the same grid as UTC's. Steps that
 * divide 60, or whole hours that divide a day, are the ones that make "from the hour" exact.
 */
export interface StartTimeGrid {
  stepMinutes: number;
  clock: ZoneClock;
}

/** The earliest grid instant at or after `instant`. */
export function firstGridInstantAtOrAfter(grid: StartTimeGrid, instant: number): number {
  const stepMs = grid.stepMinutes * MINUTE_MS;
  const offsetMs = grid.clock.offsetAt(instant);
  const candidate = instant + positiveRemainder(-(instant + offsetMs), stepMs);
  if (grid.clock.offsetAt(candidate) === offsetMs) return candidate;
  // The clocks changed between `instant` and `candidate`: count again from the change.
  const change = firstInstantWithOffsetOtherThan(grid.clock, offsetMs, instant, candidate);
  const offsetAfterChange = grid.clock.offsetAt(change);
  return change + positiveRemainder(-(change + offsetAfterChange), stepMs);
}

/**
 * The grid instants inside `starts` (normalized), earliest first, at most `limit`: every one a
 * distinct instant, so both 01:30s of a night the clocks fall back are offered.
 */
export function gridInstantsWithin(grid: StartTimeGrid, starts: readonly Interval[], limit: number): number[] {
  const instants: number[] = [];
  for (const interval of starts) {
    for (let instant = firstGridInstantAtOrAfter(grid, interval.start); instant < interval.end;) {
      if (instants.length >= limit) return instants;
      instants.push(instant);
      instant = firstGridInstantAtOrAfter(grid, instant + 1);
    }
  }
  return instants;
}

function positiveRemainder(value: number, modulus: number): number {
  return ((value % modulus) + modulus) % modulus;
}

function firstInstantWithOffsetOtherThan(clock: ZoneClock, offsetMs: number, from: number, to: number): number {
  let low = from;
  let high = to;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (clock.offsetAt(middle) === offsetMs) low = middle;
    else high = middle;
  }
  return high;
}
