const MINUTES_PER_DAY = 24 * 60;

/** WORKING_HOURS when unset. */
export const DEFAULT_WORKING_HOURS = 'Mon-Fri 09:00-17:00';

/** Part of a day, in minutes after local midnight: `endMinute` up to 1440 (24:00). */
export interface DailyRange {
  startMinute: number;
  endMinute: number;
}

/** When people work, by day of the week, in whatever zone each of them is in. */
export interface WorkingHours {
  /** As written (trimmed), for messages. */
  text: string;
  /** Index 1 (Monday) to 7 (Sunday), ISO order; index 0 is unused. Each day's ranges sorted and merged. */
  rangesByWeekday: ReadonlyArray<ReadonlyArray<DailyRange>>;
}

const DAY_NAMES: Record<string, number> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
};

const EXAMPLE = 'Mon-Fri 09:00-17:00';

/**
 * Reads WORKING_HOURS: one or more rules separated by commas, each days then hours, e.g.
 * `Mon-Fri 09:00-17:00`, `Mon-Sun 00:00-24:00` (any time), `Mon-Thu 09:00-17:00, Fri 09:00-13:00`,
 * or a lunch break as two ranges, `Mon-Fri 09:00-12:00 13:00-17:00`. Days are Mon…Sun (any case,
 * full names too); a day range may wrap over the weekend (`Sun-Thu`). A range past midnight is
 * written as two (`Fri 22:00-24:00, Sat 00:00-02:00`). Rules that name the same day add up.
 * Returns the problem in a sentence instead when the text cannot be read.
 */
export function parseWorkingHours(text: string): { workingHours: WorkingHours } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: `is empty: write days and hours like ${EXAMPLE}` };
  const byWeekday: DailyRange[][] = [[], [], [], [], [], [], [], []];
  for (const rule of trimmed.split(',')) {
    const parsed = parseRule(rule.trim().replace(/\s*[-–]\s*/g, '-'));
    if ('problem' in parsed) return parsed;
    for (const weekday of parsed.weekdays) byWeekday[weekday].push(...parsed.ranges);
  }
  return { workingHours: { text: trimmed, rangesByWeekday: byWeekday.map(mergeRanges) } };
}

function parseRule(rule: string): { weekdays: number[]; ranges: DailyRange[] } | { problem: string } {
  if (rule === '') return { problem: `has an empty rule between commas: write days and hours like ${EXAMPLE}` };
  const [days, ...times] = rule.split(/\s+/);
  const weekdays = parseDays(days);
  if ('problem' in weekdays) return weekdays;
  if (times.length === 0) return { problem: `"${rule}" has no hours: write them after the days, like ${days} 09:00-17:00` };
  const ranges: DailyRange[] = [];
  for (const time of times) {
    const range = parseTimeRange(time);
    if ('problem' in range) return range;
    ranges.push(range);
  }
  return { weekdays: weekdays.days, ranges };
}

function parseDays(days: string): { days: number[] } | { problem: string } {
  const [first, last, ...extra] = days.split('-');
  if (extra.length > 0) return { problem: `"${days}" is not a day or a range of days like Mon-Fri` };
  const firstDay = DAY_NAMES[first.toLowerCase()];
  if (firstDay === undefined) return { problem: `"${first}" is not a day: use Mon, Tue, Wed, Thu, Fri, Sat or Sun` };
  if (last === undefined) return { days: [firstDay] };
  const lastDay = DAY_NAMES[last.toLowerCase()];
  if (lastDay === undefined) return { problem: `"${last}" is not a day: use Mon, Tue, Wed, Thu, Fri, Sat or Sun` };
  const result = [firstDay];
  for (let day = firstDay; day !== lastDay;) {
    day = (day % 7) + 1;
    result.push(day);
  }
  return { days: result };
}

function parseTimeRange(time: string): DailyRange | { problem: string } {
  const match = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(time);
  if (!match) return { problem: `"${time}" is not a range of hours like 09:00-17:00` };
  const startMinute = Number(match[1]) * 60 + Number(match[2]);
  const endMinute = Number(match[3]) * 60 + Number(match[4]);
  const [startText, endText] = time.split('-');
  if (!isTimeOfDay(match[1], match[2])) return { problem: `"${startText}" is not a time of day: use 00:00 to 23:59` };
  if (startMinute === MINUTES_PER_DAY) return { problem: `"${time}" starts at 24:00, which only ends a range (e.g. 18:00-24:00)` };
  if (!isTimeOfDay(match[3], match[4])) return { problem: `"${endText}" is not a time of day: use 00:00 to 24:00` };
  if (endMinute <= startMinute) {
    return {
      problem: `"${time}" ends before it starts: write a range past midnight as two, like Fri 22:00-24:00, Sat 00:00-02:00`,
    };
  }
  return { startMinute, endMinute };
}

function isTimeOfDay(hours: string, minutes: string): boolean {
  const hour = Number(hours);
  const minute = Number(minutes);
  return minute < 60 && (hour < 24 || (hour === 24 && minute === 0));
}

function mergeRanges(ranges: DailyRange[]): DailyRange[] {
  const sorted = [...ranges].sort((first, second) => first.startMinute - second.startMinute);
  const merged: DailyRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.startMinute <= last.endMinute) last.endMinute = Math.max(last.endMinute, range.endMinute);
    else merged.push({ ...range });
  }
  return merged;
}
