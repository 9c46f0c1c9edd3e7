import { DateTime } from 'luxon';
import { instantOfWallTime, offsetMinutesAt, type WallTime } from '../../src/domain/shared/timeZones';

/** Zones whose clocks change by an hour, by half an hour (Lord Howe), at a half-hour offset (St. John's), or never (Kathmandu, UTC). */
const ZONES = ['America/New_York', 'Europe/Berlin', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Auckland', 'UTC'];

/** Every quarter hour of the days around each of the zone's clock changes in 2026, and some ordinary days. */
function wallTimesAroundChanges(zone: string): WallTime[] {
  const days: DateTime[] = [];
  let previous = DateTime.fromObject({ year: 2026, month: 1, day: 1 }, { zone });
  for (let day = previous.plus({ days: 1 }); day.year === 2026; day = day.plus({ days: 1 })) {
    if (day.offset !== previous.offset) days.push(previous, day);
    previous = day;
  }
  days.push(
    DateTime.fromObject({ year: 2026, month: 6, day: 15 }, { zone }),
    DateTime.fromObject({ year: 2026, month: 12, day: 7 }, { zone }),
  );
  return days.flatMap((day) =>
    Array.from({ length: 96 }, (_, quarter) => ({
      year: day.year,
      month: day.month,
      day: day.day,
      hour: Math.floor(quarter / 4),
      minute: (quarter % 4) * 15,
    })),
  );
}

describe('time zones', () => {
  it('read a wall-clock time as luxon does, across every clock change, skipped and repeated times included', () => {
    for (const zone of ZONES) {
      const walls = wallTimesAroundChanges(zone);
      expect(walls.length).toBeGreaterThan(96);
      for (const wall of walls) {
        // Luxon takes its first guess at the offset at the real now; so does this reading here.
        const expected = DateTime.fromObject(wall, { zone }).toMillis();
        expect({ zone, wall, at: instantOfWallTime(zone, wall, Date.now())?.getTime() }).toEqual({ zone, wall, at: expected });
      }
    }
  });

  it('give the offset Intl gives, at every quarter hour of a day the clocks change', () => {
    const start = Date.UTC(2026, 2, 8, 0, 0);
    for (let at = start; at < start + 24 * 3600_000; at += 15 * 60_000) {
      expect(offsetMinutesAt('America/New_York', at)).toBe(DateTime.fromMillis(at, { zone: 'America/New_York' }).offset);
      expect(offsetMinutesAt('America/New_York', at + 14 * 60_000)).toBe(
        DateTime.fromMillis(at + 14 * 60_000, { zone: 'America/New_York' }).offset,
      );
    }
  });

  it('refuse a date that does not exist', () => {
    expect(instantOfWallTime('Europe/Berlin', { year: 2026, month: 2, day: 31, hour: 9, minute: 0 }, Date.now())).toBeNull();
    expect(instantOfWallTime('Europe/Berlin', { year: 2026, month: 2, day: 28, hour: 9, minute: 0 }, Date.now())?.toISOString()).toBe(
      '2026-02-28T08:00:00.000Z',
    );
  });
});
