import { DateTime, Duration, type DateTimeFormatOptions } from 'luxon';
import { describeTimeZone } from './timeZoneLabel';

const LOCALE = 'en-US';

/**
 * The formats the join page's script uses for the browser's own zone, so both read alike. A
 * person reads them in en-US, the language of every page and email.
 */
export const FULL_TIME_FORMAT: DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'short' };
export const CLOCK_TIME_FORMAT: DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
const SHORT_TIME_FORMAT: DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' };

/** "Tuesday, December 1, 2026 at 3:00 PM (Berlin time)": the zone named once. */
export function formatTimeInZone(instant: Date, timeZone: string): string {
  return `${formatInZone(instant, timeZone, FULL_TIME_FORMAT)} (${describeTimeZone(timeZone, instant)})`;
}

/** "Tue, Dec 1, 3:00 PM (Berlin time)" for subjects: short, the zone named once. */
export function formatShortTimeInZone(instant: Date, timeZone: string): string {
  return `${formatInZone(instant, timeZone, SHORT_TIME_FORMAT)} (${describeTimeZone(timeZone, instant)})`;
}

/** "2:45 PM (Berlin time)", for a moment on a day the reader already sees. */
export function formatClockTimeInZone(instant: Date, timeZone: string): string {
  return `${formatInZone(instant, timeZone, CLOCK_TIME_FORMAT)} (${describeTimeZone(timeZone, instant)})`;
}

/** "Tuesday, December 1, 2026", the day in the zone, for a heading above its times. */
export function formatDayInZone(instant: Date, timeZone: string): string {
  return formatInZone(instant, timeZone, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
}

/** "3:00 PM", for a time under a heading that already names the day and the zone. */
export function formatClockInZone(instant: Date, timeZone: string): string {
  return formatInZone(instant, timeZone, CLOCK_TIME_FORMAT);
}

/** True when both instants fall on the same calendar day in the zone. */
export function isSameDayInZone(first: Date, second: Date, timeZone: string): boolean {
  return inZone(first, timeZone).hasSame(inZone(second, timeZone), 'day');
}

/**
 * ICU puts a narrow no-break space before "PM" on some paths (UTC, here) and not others; plain
 * spaces keep every time alike, and subjects plain ASCII.
 */
function formatInZone(instant: Date, timeZone: string, format: DateTimeFormatOptions): string {
  return inZone(instant, timeZone)
    .toLocaleString(format)
    .replace(/[\u00a0\u202f]/g, ' ');
}

function inZone(instant: Date, timeZone: string): DateTime {
  return DateTime.fromJSDate(instant, { zone: timeZone }).setLocale(LOCALE);
}

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 24 * 60 * 60_000],
  ['hour', 60 * 60_000],
  ['minute', 60_000],
];

/**
 * "in 1 hour", "in 23 hours", "in 2 days": how long from `now` until `instant`, in the largest unit
 * it fills, rounded to the nearest (2 minutes 55 seconds is "in 3 minutes"), never below a minute.
 */
export function describeTimeUntil(instant: Date, now: Date): string {
  const milliseconds = Math.max(0, instant.getTime() - now.getTime());
  const [unit, size] = RELATIVE_UNITS.find(([, unitSize]) => milliseconds >= unitSize) ?? RELATIVE_UNITS[2];
  return new Intl.RelativeTimeFormat(LOCALE, { numeric: 'always' }).format(Math.max(1, Math.round(milliseconds / size)), unit);
}

/** "5 minutes", "1 hour and 30 minutes", from an ISO 8601 duration such as a reminder's `PT5M`. */
export function describeIsoDuration(iso: string): string {
  const duration = Duration.fromISO(iso);
  return duration.isValid ? duration.rescale().reconfigure({ locale: LOCALE }).toHuman({ listStyle: 'long' }) : iso;
}

export function describeDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${minutes} minutes`;
  const hourText = hours === 1 ? '1 hour' : `${hours} hours`;
  return rest === 0 ? hourText : `${hourText} ${rest} minutes`;
}
