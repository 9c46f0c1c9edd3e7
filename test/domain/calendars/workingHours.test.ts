import { workingIntervals } from '../../../src/domain/calendars/workingHours';
import { DEFAULT_WORKING_HOURS, parseWorkingHours, type WorkingHours } from '../../../src/config/workingHours';
import { ZoneClock } from '../../../src/domain/calendars/zoneClock';

function hours(text: string): WorkingHours {
  const parsed = parseWorkingHours(text);
  if ('problem' in parsed) throw new Error(`expected ${text} to be read: ${parsed.problem}`);
  return parsed.workingHours;
}

function problemOf(text: string): string {
  const parsed = parseWorkingHours(text);
  if (!('problem' in parsed)) throw new Error(`expected ${text} to be refused`);
  return parsed.problem;
}

const at = (iso: string) => Date.parse(iso);

function intervalsIn(text: string, zone: string, fromIso: string, toIso: string): Array<[string, string]> {
  const window = { start: at(fromIso), end: at(toIso) };
  const clock = ZoneClock.covering(zone, window.start, window.end);
  return workingIntervals(hours(text), clock, window).map(({ start, end }) => [new Date(start).toISOString(), new Date(end).toISOString()]);
}

describe('reading WORKING_HOURS', () => {
  it('reads the default as Monday to Friday, nine to five', () => {
    const { rangesByWeekday } = hours(DEFAULT_WORKING_HOURS);
    for (const weekday of [1, 2, 3, 4, 5]) expect(rangesByWeekday[weekday]).toEqual([{ startMinute: 540, endMinute: 1020 }]);
    expect(rangesByWeekday[6]).toEqual([]);
    expect(rangesByWeekday[7]).toEqual([]);
  });

  it('reads Mon-Sun 00:00-24:00 as any time of any day', () => {
    const { rangesByWeekday } = hours('Mon-Sun 00:00-24:00');
    for (const weekday of [1, 2, 3, 4, 5, 6, 7]) expect(rangesByWeekday[weekday]).toEqual([{ startMinute: 0, endMinute: 1440 }]);
  });

  it('accepts several rules separated by commas, such as a short Friday', () => {
    const { rangesByWeekday } = hours('Mon-Thu 09:00-17:00, Fri 09:00-13:00');
    expect(rangesByWeekday[4]).toEqual([{ startMinute: 540, endMinute: 1020 }]);
    expect(rangesByWeekday[5]).toEqual([{ startMinute: 540, endMinute: 780 }]);
  });

  it('accepts a lunch break as two ranges, and merges ranges that overlap', () => {
    expect(hours('Mon-Fri 09:00-12:00 13:00-17:00').rangesByWeekday[1]).toEqual([
      { startMinute: 540, endMinute: 720 },
      { startMinute: 780, endMinute: 1020 },
    ]);
    expect(hours('Mon 09:00-12:00, Mon 11:00-14:00').rangesByWeekday[1]).toEqual([{ startMinute: 540, endMinute: 840 }]);
  });

  it('accepts any case, full day names, spaces around dashes and a week that wraps over the weekend', () => {
    expect(hours('monday - FRIDAY 9:00 - 17:00').rangesByWeekday[5]).toEqual([{ startMinute: 540, endMinute: 1020 }]);
    const sundayToThursday = hours('Sun-Thu 08:00-16:00').rangesByWeekday;
    expect([1, 2, 3, 4, 7].every((weekday) => sundayToThursday[weekday].length === 1)).toBe(true);
    expect(sundayToThursday[5]).toEqual([]);
    expect(sundayToThursday[6]).toEqual([]);
  });

  it('names the problem when the text cannot be read', () => {
    expect(problemOf('')).toMatch(/is empty: write days and hours like Mon-Fri 09:00-17:00/);
    expect(problemOf('Mon-Fri')).toBe('"Mon-Fri" has no hours: write them after the days, like Mon-Fri 09:00-17:00');
    expect(problemOf('Mom-Fri 09:00-17:00')).toBe('"Mom" is not a day: use Mon, Tue, Wed, Thu, Fri, Sat or Sun');
    expect(problemOf('Mon-Fri 9-17')).toBe('"9-17" is not a range of hours like 09:00-17:00');
    expect(problemOf('Mon-Fri 09:00-25:00')).toBe('"25:00" is not a time of day: use 00:00 to 24:00');
    expect(problemOf('Mon-Fri 09:61-17:00')).toBe('"09:61" is not a time of day: use 00:00 to 23:59');
    expect(problemOf('Mon-Fri 24:00-24:00')).toMatch(/starts at 24:00, which only ends a range/);
    expect(problemOf('Fri 22:00-02:00')).toMatch(/ends before it starts: write a range past midnight as two/);
    expect(problemOf('Mon-Fri 09:00-17:00,')).toMatch(/has an empty rule between commas/);
    expect(problemOf('Mon-Wed-Fri 09:00-17:00')).toBe('"Mon-Wed-Fri" is not a day or a range of days like Mon-Fri');
  });
});

describe('working hours on a person’s own clock', () => {
  it('places nine to five in Berlin an hour or two before UTC, by season', () => {
    expect(intervalsIn('Mon-Fri 09:00-17:00', 'Europe/Berlin', '2025-01-06T00:00:00Z', '2025-01-07T00:00:00Z')).toEqual([
      ['2025-01-06T08:00:00.000Z', '2025-01-06T16:00:00.000Z'],
    ]);
    expect(intervalsIn('Mon-Fri 09:00-17:00', 'Europe/Berlin', '2025-07-07T00:00:00Z', '2025-07-08T00:00:00Z')).toEqual([
      ['2025-07-07T07:00:00.000Z', '2025-07-07T15:00:00.000Z'],
    ]);
  });

  it('joins days worked around the clock into one stretch, across the night New York springs forward', () => {
    expect(intervalsIn('Mon-Sun 00:00-24:00', 'America/New_York', '2025-03-08T00:00:00Z', '2025-03-11T00:00:00Z')).toEqual([
      ['2025-03-08T00:00:00.000Z', '2025-03-11T00:00:00.000Z'],
    ]);
  });

  it('starts working hours that begin in the skipped hour at the moment the clocks jump', () => {
    // 9 March 2025, New York: 02:00 EST becomes 03:00 EDT (07:00 UTC); 02:30 never happens.
    expect(intervalsIn('Sun 02:30-05:00', 'America/New_York', '2025-03-09T00:00:00Z', '2025-03-10T00:00:00Z')).toEqual([
      ['2025-03-09T07:00:00.000Z', '2025-03-09T09:00:00.000Z'],
    ]);
  });

  it('starts working hours that begin in the repeated hour the first time the clock reads it', () => {
    // 2 November 2025, New York: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
    expect(intervalsIn('Sun 01:30-04:00', 'America/New_York', '2025-11-02T00:00:00Z', '2025-11-03T00:00:00Z')).toEqual([
      ['2025-11-02T05:30:00.000Z', '2025-11-02T09:00:00.000Z'],
    ]);
  });

  it('follows half-hour zones: nine o’clock in Kolkata and St. John’s', () => {
    expect(intervalsIn('Mon 09:00-10:00', 'Asia/Kolkata', '2025-06-02T00:00:00Z', '2025-06-03T00:00:00Z')).toEqual([
      ['2025-06-02T03:30:00.000Z', '2025-06-02T04:30:00.000Z'],
    ]);
    expect(intervalsIn('Mon 09:00-10:00', 'America/St_Johns', '2025-06-02T00:00:00Z', '2025-06-03T00:00:00Z')).toEqual([
      ['2025-06-02T11:30:00.000Z', '2025-06-02T12:30:00.000Z'],
    ]);
  });

  it('keeps only the part of the hours inside the window', () => {
    expect(intervalsIn('Mon-Fri 09:00-17:00', 'UTC', '2025-06-02T12:00:00Z', '2025-06-03T10:00:00Z')).toEqual([
      ['2025-06-02T12:00:00.000Z', '2025-06-02T17:00:00.000Z'],
      ['2025-06-03T09:00:00.000Z', '2025-06-03T10:00:00.000Z'],
    ]);
  });
});
