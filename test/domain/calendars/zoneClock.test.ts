import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { ZoneClock } from '../../../src/domain/calendars/zoneClock';

const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Pacific/Chatham',
];
const YEAR_START = Date.parse('2025-01-01T00:00:00Z');
const YEAR_MS = 365 * 24 * 3_600_000;

describe('a zone’s clock', () => {
  it('reads the same offset as the tz database at every instant of a year, clock changes included', () => {
    const clocks = new Map(ZONES.map((zone) => [zone, ZoneClock.covering(zone, YEAR_START, YEAR_START + YEAR_MS)]));
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: YEAR_MS }), (zone, offset) => {
        const clock = clocks.get(zone)!;
        const instant = YEAR_START + offset;
        expect(clock.offsetAt(instant)).toBe(IANAZone.create(zone).offset(instant) * 60_000);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the exact second the clocks change', () => {
    const clock = ZoneClock.covering('Australia/Lord_Howe', YEAR_START, YEAR_START + YEAR_MS);
    // 6 April 2025, 02:00 +11:00 becomes 01:30 +10:30, at 15:00 UTC on the 5th.
    expect(clock.offsetAt(Date.parse('2025-04-05T14:59:59Z'))).toBe(11 * 3_600_000);
    expect(clock.offsetAt(Date.parse('2025-04-05T15:00:00Z'))).toBe(10.5 * 3_600_000);
  });

  it('refuses a name that is not an IANA zone', () => {
    expect(() => ZoneClock.covering('Mars/Olympus_Mons', 0, 1)).toThrow(
      '"Mars/Olympus_Mons" is not an IANA time zone such as Europe/Berlin',
    );
  });

  it('answers when a wall-clock time first happens, on ordinary days and the nights clocks change', () => {
    const clock = ZoneClock.covering('America/New_York', YEAR_START, YEAR_START + YEAR_MS);
    const wall = (text: string) => Date.parse(`${text}Z`);
    expect(new Date(clock.firstInstantAtOrAfter(wall('2025-06-02T09:00:00'))).toISOString()).toBe('2025-06-02T13:00:00.000Z');
    expect(new Date(clock.firstInstantAtOrAfter(wall('2025-03-09T02:30:00'))).toISOString()).toBe('2025-03-09T07:00:00.000Z');
    expect(new Date(clock.firstInstantAtOrAfter(wall('2025-11-02T01:30:00'))).toISOString()).toBe('2025-11-02T05:30:00.000Z');
  });
});
