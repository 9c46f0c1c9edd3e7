import { IANAZone } from 'luxon';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** No zone is more than 14 hours from UTC (Pacific/Kiritimati, +14). */
const LARGEST_OFFSET_MS = 15 * HOUR_MS;

/**
 * What a wall clock in one IANA zone reads at each instant, and the reverse. "Wall times" are
 * epoch milliseconds of the local date and time read as if it were UTC (so whole local days are
 * multiples of DAY_MS).
 *
 * Asking luxon for an offset costs ~9 µs (an Intl formatter call), and free times ask thousands
 * of times; so the clock first finds the zone's offset changes over the span it will be asked
 * about, sampling once a day and bisecting to the second where two samples differ, then answers
 * from that table. This assumes no zone changes its offset twice within one day, which holds for
 * every zone in the tz database since the 1940s.
 */
export class ZoneClock {
  /** Offsets (ms) and from when each holds, ascending; covers [coveredFrom, coveredTo]. */
  private readonly changes: Array<{ from: number; offsetMs: number }> = [];

  private constructor(
    readonly zone: string,
    private readonly ianaZone: IANAZone,
    private readonly coveredFrom: number,
    private readonly coveredTo: number,
  ) {
    this.changes.push({ from: coveredFrom, offsetMs: this.lookUpOffset(coveredFrom) });
    for (let sample = coveredFrom + DAY_MS; ; sample += DAY_MS) {
      const at = Math.min(sample, coveredTo);
      const offsetMs = this.lookUpOffset(at);
      const last = this.changes[this.changes.length - 1];
      if (offsetMs !== last.offsetMs) this.changes.push({ from: this.bisectChange(at - DAY_MS, at, offsetMs), offsetMs });
      if (at === coveredTo) break;
    }
  }

  /**
   * A clock for `zone` that answers quickly for instants between `from` and `to` (and correctly,
   * if more slowly, outside them). Throws for a name that is not an IANA zone.
   */
  static covering(zone: string, from: number, to: number): ZoneClock {
    const ianaZone = IANAZone.create(zone);
    if (!ianaZone.isValid) throw new RangeError(`"${zone}" is not an IANA time zone such as Europe/Berlin`);
    const toWholeMinute = (instant: number) => Math.floor(instant / MINUTE_MS) * MINUTE_MS;
    return new ZoneClock(zone, ianaZone, toWholeMinute(from - 2 * DAY_MS), toWholeMinute(to + 2 * DAY_MS));
  }

  /** How far the zone's clock is ahead of UTC at `instant`, in milliseconds. */
  offsetAt(instant: number): number {
    if (instant < this.coveredFrom || instant > this.coveredTo) return this.lookUpOffset(instant);
    let low = 0;
    let high = this.changes.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.changes[middle].from <= instant) low = middle;
      else high = middle - 1;
    }
    return this.changes[low].offsetMs;
  }

  /** The wall time at `instant`. */
  wallTimeAt(instant: number): number {
    return instant + this.offsetAt(instant);
  }

  /**
   * The first instant at which the wall clock reads `wallTime` or later. Usually the one instant
   * with that reading; when the clock skips it (spring forward), the instant of the jump; when it
   * reads it twice (fall back), the first time. Working hours that start at 02:30 on the night the
   * clocks go from 02:00 to 03:00 thus start at 03:00, as a person at that clock would see it.
   */
  firstInstantAtOrAfter(wallTime: number): number {
    const offsetBefore = this.offsetAt(wallTime - LARGEST_OFFSET_MS);
    const offsetAfter = this.offsetAt(wallTime + LARGEST_OFFSET_MS);
    const readings = [wallTime - offsetBefore, wallTime - offsetAfter].filter((instant) => this.wallTimeAt(instant) === wallTime);
    if (readings.length > 0) return Math.min(...readings);
    // Skipped: the jump lies between the two candidates.
    const earlier = Math.min(wallTime - offsetBefore, wallTime - offsetAfter);
    const later = Math.max(wallTime - offsetBefore, wallTime - offsetAfter);
    return this.bisectChange(earlier, later, this.offsetAt(later));
  }

  /** Whole local days since 1970-01-01 of the wall time at `instant`. */
  localDayAt(instant: number): number {
    return Math.floor(this.wallTimeAt(instant) / DAY_MS);
  }

  private lookUpOffset(instant: number): number {
    return this.ianaZone.offset(instant) * MINUTE_MS;
  }

  /** The first instant in (before, after] whose offset is `offsetAfter`, to the second. */
  private bisectChange(before: number, after: number, offsetAfter: number): number {
    let low = before;
    let high = after;
    while (high - low > 1000) {
      const middle = Math.floor((low + high) / 2000) * 1000;
      if (middle <= low) break;
      if (this.lookUpOffset(middle) === offsetAfter) high = middle;
      else low = middle;
    }
    return high;
  }
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local day number (days since 1970-01-01, a Thursday). */
export function isoWeekdayOf(localDay: number): number {
  return ((((localDay + 3) % 7) + 7) % 7) + 1;
}
