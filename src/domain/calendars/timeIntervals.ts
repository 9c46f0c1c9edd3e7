/**
 * A stretch of time in epoch milliseconds, `start` included and `end` excluded. Free-time rules
 * work on sorted lists of these: a sweep over a few hundred numbers instead of minute by minute.
 */
export interface Interval {
  start: number;
  end: number;
}

/**
 * Sorted, without empty intervals, and with overlapping or touching ones merged: the one shape
 * every other function here takes and returns ("normalized").
 */
export function normalizeIntervals(intervals: Iterable<Interval>): Interval[] {
  const sorted = [...intervals].filter((interval) => interval.end > interval.start).sort((first, second) => first.start - second.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) {
      last.end = Math.max(last.end, interval.end);
    } else {
      merged.push({ start: interval.start, end: interval.end });
    }
  }
  return merged;
}

/** The times in `from` and not in `remove` (both normalized). */
export function subtractIntervals(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  const result: Interval[] = [];
  let removeIndex = 0;
  for (const interval of from) {
    let start = interval.start;
    while (removeIndex < remove.length && remove[removeIndex].end <= start) removeIndex += 1;
    let index = removeIndex;
    while (index < remove.length && remove[index].start < interval.end) {
      if (remove[index].start > start) result.push({ start, end: remove[index].start });
      start = Math.max(start, remove[index].end);
      index += 1;
    }
    if (start < interval.end) result.push({ start, end: interval.end });
  }
  return result;
}

/** The times in both `first` and `second` (both normalized). */
export function intersectIntervals(first: readonly Interval[], second: readonly Interval[]): Interval[] {
  const result: Interval[] = [];
  let firstIndex = 0;
  let secondIndex = 0;
  while (firstIndex < first.length && secondIndex < second.length) {
    const start = Math.max(first[firstIndex].start, second[secondIndex].start);
    const end = Math.min(first[firstIndex].end, second[secondIndex].end);
    if (start < end) result.push({ start, end });
    if (first[firstIndex].end < second[secondIndex].end) firstIndex += 1;
    else secondIndex += 1;
  }
  return result;
}

/** The times in every one of `sets` (each normalized); with no sets at all, nothing. */
export function intersectAll(sets: readonly (readonly Interval[])[]): Interval[] {
  if (sets.length === 0) return [];
  return sets.slice(1).reduce<Interval[]>((common, set) => intersectIntervals(common, set), [...sets[0]]);
}

/**
 * The times covered by at least `count` of `sets` (each normalized): when a pool "any 2 of these
 * 5" has enough members free. A sweep over the sorted boundaries.
 */
export function coveredByAtLeast(sets: readonly (readonly Interval[])[], count: number): Interval[] {
  if (count <= 0) return [{ start: -Infinity, end: Infinity }];
  const boundaries: Array<[instant: number, change: number]> = [];
  for (const set of sets) {
    for (const interval of set) boundaries.push([interval.start, 1], [interval.end, -1]);
  }
  // At the same instant, ends before starts: intervals are half-open.
  boundaries.sort((first, second) => first[0] - second[0] || first[1] - second[1]);
  const result: Interval[] = [];
  let covering = 0;
  let openedAt = 0;
  for (const [instant, change] of boundaries) {
    const before = covering;
    covering += change;
    if (before < count && covering >= count) openedAt = instant;
    if (before >= count && covering < count && instant > openedAt) result.push({ start: openedAt, end: instant });
  }
  return normalizeIntervals(result);
}

/** Each interval made longer by `byMs` at both ends (then merged). */
export function widenIntervals(intervals: readonly Interval[], byMs: number): Interval[] {
  return normalizeIntervals(intervals.map((interval) => ({ start: interval.start - byMs, end: interval.end + byMs })));
}

/**
 * The start times `s` for which `[s, s + durationMs)` lies inside one of `free` (normalized),
 * themselves as intervals: `[start, end - durationMs]`, written half-open on whole milliseconds.
 */
export function startsThatFit(free: readonly Interval[], durationMs: number): Interval[] {
  const starts: Interval[] = [];
  for (const interval of free) {
    const lastStart = interval.end - durationMs;
    if (lastStart >= interval.start) starts.push({ start: interval.start, end: lastStart + 1 });
  }
  return starts;
}

/** Whether `instant` lies in one of `intervals` (normalized): a binary search, for many questions about one set. */
export function intervalsContain(intervals: readonly Interval[], instant: number): boolean {
  let low = 0;
  let high = intervals.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (intervals[middle].end <= instant) low = middle + 1;
    else high = middle;
  }
  return low < intervals.length && intervals[low].start <= instant;
}
