import fc from 'fast-check';
import {
  coveredByAtLeast,
  intersectAll,
  intersectIntervals,
  intervalsContain,
  normalizeIntervals,
  startsThatFit,
  subtractIntervals,
  widenIntervals,
  type Interval,
} from '../../../src/domain/calendars/timeIntervals';

/** Intervals on a small line of whole numbers, so each function can be checked point by point. */
const LINE = 60;
const intervalsArbitrary = fc
  .array(fc.tuple(fc.integer({ min: 0, max: LINE }), fc.integer({ min: 0, max: 12 })), { maxLength: 6 })
  .map((pairs) => pairs.map(([start, length]) => ({ start, end: start + length })));

const covers = (intervals: readonly Interval[], point: number) =>
  intervals.some((interval) => interval.start <= point && point < interval.end);

function pointsOf(intervals: readonly Interval[]): number[] {
  const points: number[] = [];
  for (let point = -20; point < LINE + 40; point += 1) if (covers(intervals, point)) points.push(point);
  return points;
}

function expectNormalized(intervals: readonly Interval[]): void {
  intervals.forEach((interval, index) => {
    expect(interval.end).toBeGreaterThan(interval.start);
    if (index > 0) expect(interval.start).toBeGreaterThan(intervals[index - 1].end);
  });
}

describe('the interval algebra behind free times', () => {
  it('normalizes, subtracts, intersects and widens exactly as sets of points', () => {
    fc.assert(
      fc.property(intervalsArbitrary, intervalsArbitrary, fc.integer({ min: 0, max: 5 }), (first, second, widening) => {
        const a = normalizeIntervals(first);
        const b = normalizeIntervals(second);
        expectNormalized(a);
        expect(pointsOf(a)).toEqual(pointsOf(first));
        const difference = subtractIntervals(a, b);
        expectNormalized(difference);
        expect(pointsOf(difference)).toEqual(pointsOf(a).filter((point) => !covers(b, point)));
        expect(pointsOf(intersectIntervals(a, b))).toEqual(pointsOf(a).filter((point) => covers(b, point)));
        expect(pointsOf(widenIntervals(a, widening))).toEqual(
          pointsOf(
            first
              .map((interval) => ({ start: interval.start - widening, end: interval.end + widening }))
              .filter((interval) => interval.end - widening > interval.start + widening),
          ),
        );
      }),
    );
  });

  it('finds the points covered by at least k of several sets, as a pool of k of n needs', () => {
    fc.assert(
      fc.property(fc.array(intervalsArbitrary, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 5 }), (sets, count) => {
        const normalized = sets.map(normalizeIntervals);
        const covered = coveredByAtLeast(normalized, count);
        expectNormalized(covered);
        expect(pointsOf(covered)).toEqual(
          pointsOf([{ start: -20, end: LINE + 40 }]).filter((point) => normalized.filter((set) => covers(set, point)).length >= count),
        );
        if (count === sets.length) expect(covered).toEqual(intersectAll(normalized));
      }),
    );
  });

  it('turns free stretches into the starts at which an interview of a given length fits', () => {
    expect(
      startsThatFit(
        [
          { start: 10, end: 20 },
          { start: 30, end: 33 },
        ],
        3,
      ),
    ).toEqual([
      { start: 10, end: 18 },
      { start: 30, end: 31 },
    ]);
    expect(startsThatFit([{ start: 10, end: 12 }], 3)).toEqual([]);
  });

  it('answers whether a point lies in a set, as a binary search, exactly as looking at each interval', () => {
    fc.assert(
      fc.property(intervalsArbitrary, fc.integer({ min: -2, max: LINE + 14 }), (raw, point) => {
        const intervals = normalizeIntervals(raw);
        expect(intervalsContain(intervals, point)).toBe(covers(intervals, point));
      }),
    );
  });
});
