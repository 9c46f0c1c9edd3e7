import fc from 'fast-check';
import { spreadOverDays } from '../../../src/domain/calendars/spreadOverDays';
import type { TimeRange } from '../../../src/domain/calendars/freeTimes';

const HOUR_MS = 3_600_000;

function times(...starts: string[]): TimeRange[] {
  return starts.map((start) => ({ startsAt: new Date(start), endsAt: new Date(Date.parse(start) + HOUR_MS) }));
}

const starts = (chosen: TimeRange[]) => chosen.map((time) => time.startsAt.toISOString());

describe('spreadOverDays: which free times a findTimes booking request offers', () => {
  const week = times(
    '2030-06-03T09:00:00Z',
    '2030-06-03T09:30:00Z',
    '2030-06-03T10:00:00Z',
    '2030-06-03T10:30:00Z',
    '2030-06-04T16:00:00Z',
    '2030-06-05T09:00:00Z',
    '2030-06-05T09:30:00Z',
    '2030-06-05T10:00:00Z',
  );

  it('takes at most ceil(count / days) of each day’s earliest times, day after day', () => {
    expect(starts(spreadOverDays(week, 3, 'UTC'))).toEqual([
      '2030-06-03T09:00:00.000Z',
      '2030-06-04T16:00:00.000Z',
      '2030-06-05T09:00:00.000Z',
    ]);
  });

  it('fills up from the earliest times left when a day has fewer than its share', () => {
    expect(starts(spreadOverDays(week, 6, 'UTC'))).toEqual([
      '2030-06-03T09:00:00.000Z',
      '2030-06-03T09:30:00.000Z',
      '2030-06-03T10:00:00.000Z',
      '2030-06-04T16:00:00.000Z',
      '2030-06-05T09:00:00.000Z',
      '2030-06-05T09:30:00.000Z',
    ]);
  });

  it('stops at count when the first days already give enough', () => {
    expect(starts(spreadOverDays(week, 2, 'UTC'))).toEqual(['2030-06-03T09:00:00.000Z', '2030-06-04T16:00:00.000Z']);
  });

  it('counts days in the given zone: 23:00 UTC is the next morning in Tokyo', () => {
    const late = times('2030-06-03T14:00:00Z', '2030-06-03T23:00:00Z', '2030-06-03T23:30:00Z');
    expect(starts(spreadOverDays(late, 2, 'UTC'))).toEqual(['2030-06-03T14:00:00.000Z', '2030-06-03T23:00:00.000Z']);
    expect(starts(spreadOverDays(late, 2, 'Asia/Tokyo'))).toEqual(['2030-06-03T14:00:00.000Z', '2030-06-03T23:00:00.000Z']);
    const tokyoMornings = times('2030-06-03T00:00:00Z', '2030-06-03T00:30:00Z', '2030-06-03T15:00:00Z');
    expect(starts(spreadOverDays(tokyoMornings, 2, 'UTC'))).toEqual(['2030-06-03T00:00:00.000Z', '2030-06-03T00:30:00.000Z']);
    expect(starts(spreadOverDays(tokyoMornings, 2, 'Asia/Tokyo'))).toEqual(['2030-06-03T00:00:00.000Z', '2030-06-03T15:00:00.000Z']);
  });

  it('gives every time when there are no more than count, and none for none', () => {
    expect(spreadOverDays(week, 20, 'UTC')).toEqual(week);
    expect(spreadOverDays([], 8, 'UTC')).toEqual([]);
  });

  const ZONES = ['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Kiritimati'];
  const scenario = fc.record({
    zone: fc.constantFrom(...ZONES),
    count: fc.integer({ min: 1, max: 20 }),
    // Distinct half-hour steps over about three weeks, from a fixed start.
    steps: fc.uniqueArray(fc.integer({ min: 0, max: 48 * 21 }), { maxLength: 120 }),
  });
  const dayOf = (time: TimeRange, zone: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(time.startsAt);

  it('property: offers min(count, all) distinct free times, earliest first, at most the fair share a day unless the days ran out, and each day’s earliest', () => {
    fc.assert(
      fc.property(scenario, ({ zone, count, steps }) => {
        const all = [...steps]
          .sort((a, b) => a - b)
          .map((step) => ({ startsAt: new Date(Date.UTC(2030, 2, 20) + step * 30 * 60_000), endsAt: new Date(0) }));
        const chosen = spreadOverDays(all, count, zone);
        expect(chosen).toHaveLength(Math.min(count, all.length));
        // Every one is a free time given, once, earliest first.
        const indexes = chosen.map((time) => all.indexOf(time));
        expect(indexes.every((index) => index >= 0)).toBe(true);
        expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
        expect(new Set(indexes).size).toBe(indexes.length);
        const days = new Set(all.map((time) => dayOf(time, zone)));
        const share = Math.ceil(count / Math.max(days.size, 1));
        const perDay = new Map<string, TimeRange[]>();
        for (const time of chosen) perDay.set(dayOf(time, zone), [...(perDay.get(dayOf(time, zone)) ?? []), time]);
        const available = (day: string) => all.filter((time) => dayOf(time, zone) === day);
        const taken = (day: string) => perDay.get(day)?.length ?? 0;
        for (const [day, ofDay] of perDay) {
          // Each day gives its earliest times.
          expect(ofDay).toEqual(available(day).slice(0, ofDay.length));
          // More than the fair share only when another day had fewer than its share to give.
          if (ofDay.length > share) expect([...days].some((other) => available(other).length < share)).toBe(true);
          // A day gives a time more than another only when that other has nothing more to give.
          for (const other of days) if (ofDay.length > taken(other) + 1) expect(taken(other)).toBe(available(other).length);
        }
        // The spread reaches as many days as it can: every day with free time, or the earliest `count` of them.
        expect(perDay.size).toBe(Math.min(days.size, count));
      }),
      { numRuns: 300 },
    );
  });
});
