import { DateTime } from 'luxon';
import { z } from 'zod';
import { findControlCharacter } from './textRules';

/**
 * The instants both databases store and order correctly: four-digit years. PostgreSQL refuses a
 * JavaScript date such as -271821-04-20 outright; SQLite stores it as text that sorts wrongly.
 */
export const EARLIEST_STORABLE_INSTANT = new Date('0001-01-01T00:00:00.000Z');
export const LATEST_STORABLE_INSTANT = new Date('9999-12-31T23:59:59.999Z');

export const TIME_FORMAT_MESSAGE =
  'Use an ISO 8601 date and time, like 2030-01-31T15:00:00Z, or 2030-01-31T15:00 in the candidate’s time zone.';

const MAX_TIME_TEXT_LENGTH = 64;
export const ENDS_WITH_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

export type TimeReading = { instant: Date } | { problem: string };

export function isStorableInstant(instant: Date): boolean {
  const time = instant.getTime();
  return !Number.isNaN(time) && time >= EARLIEST_STORABLE_INSTANT.getTime() && time <= LATEST_STORABLE_INSTANT.getTime();
}

/**
 * Reads an ISO 8601 time. One written with an offset (`Z`, `+02:00`) is that instant; one without
 * is a wall-clock time in `zone`, never the server's. A wall-clock time the zone skips when its
 * clocks go forward (2:30 AM on the night daylight saving time starts) is refused, not moved.
 */
export function readTimeInZone(text: string, zone: string): TimeReading {
  const written = text.trim();
  if (written.length > MAX_TIME_TEXT_LENGTH || findControlCharacter(written) !== null) return { problem: TIME_FORMAT_MESSAGE };
  const local = DateTime.fromISO(written, { zone, setZone: false });
  if (!local.isValid) return { problem: TIME_FORMAT_MESSAGE };
  if (!ENDS_WITH_OFFSET.test(written)) {
    const asWritten = DateTime.fromISO(written, { zone: 'UTC' });
    if (asWritten.toFormat('yyyy-MM-dd HH:mm') !== local.toFormat('yyyy-MM-dd HH:mm')) {
      return { problem: describeSkippedTime(asWritten, local, zone) };
    }
  }
  const instant = local.toJSDate();
  return isStorableInstant(instant) ? { instant } : { problem: TIME_FORMAT_MESSAGE };
}

function describeSkippedTime(asWritten: DateTime, shifted: DateTime, zone: string): string {
  const wallClock = asWritten.setLocale('en-US').toFormat("h:mm a 'on' MMMM d, yyyy");
  return (
    `${wallClock} does not exist in ${zone}: the clocks go forward at that moment for daylight saving time. ` +
    `Pick a time outside the skipped hour, such as ${shifted.setLocale('en-US').toFormat('h:mm a')}.`
  );
}

/** A list filter such as `startsAfter`: an ISO 8601 date or date and time (UTC unless it says), within storable years. */
export const instantQueryParameter = z
  .string({ message: 'Send this parameter once, as an ISO 8601 date and time.' })
  .max(MAX_TIME_TEXT_LENGTH, { message: 'Use an ISO 8601 date and time, like 2030-01-31T15:00:00Z.' })
  .transform((value, context) => {
    const parsed = DateTime.fromISO(value.trim(), { zone: 'UTC' });
    const instant = parsed.isValid && findControlCharacter(value) === null ? parsed.toJSDate() : null;
    if (!instant || !isStorableInstant(instant)) {
      context.addIssue({
        code: 'custom',
        message: 'Use an ISO 8601 date and time between the years 0001 and 9999, like 2030-01-31T15:00:00Z.',
      });
      return z.NEVER;
    }
    return instant;
  });
