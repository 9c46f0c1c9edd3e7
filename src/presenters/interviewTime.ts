import { DateTime } from 'luxon';

const LOCALE = 'en-US';

/** "Tuesday, December 1, 2026 at 3:00 PM Central European Standard Time (Europe/Berlin)" */
export function formatTimeInZone(instant: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(instant, { zone: timeZone }).setLocale(LOCALE);
  return `${local.toLocaleString(DateTime.DATETIME_HUGE)} (${timeZone})`;
}

/** "Dec 1, 2026, 3:00 PM" — for subjects and short lines. */
export function formatShortTimeInZone(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).setLocale(LOCALE).toLocaleString(DateTime.DATETIME_MED);
}

/** "3:45 PM" in the zone, for an interview's end. */
export function formatClockTimeInZone(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).setLocale(LOCALE).toLocaleString(DateTime.TIME_SIMPLE);
}

export function endOf(interview: { scheduledTime: Date; durationMinutes: number }): Date {
  return new Date(interview.scheduledTime.getTime() + interview.durationMinutes * 60_000);
}

export function describeDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${minutes} minutes`;
  const hourText = hours === 1 ? '1 hour' : `${hours} hours`;
  return rest === 0 ? hourText : `${hourText} ${rest} minutes`;
}
