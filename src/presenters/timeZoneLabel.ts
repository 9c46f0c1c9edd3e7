import { DateTime } from 'luxon';
import { currentZoneName } from '../domain/shared/timeZones';

/**
 * Zone names that mean UTC itself. The join page's script reads the same pattern (as its source),
 * so the server and the browser name zones alike.
 */
export const UTC_ZONE_PATTERN = /^(?:Etc\/)?(?:UTC|UCT|GMT|GMT[+-]?0|Universal|Zulu|Greenwich)$/i;

/**
 * The zone as a person reads it: "Berlin time" for `Europe/Berlin`, "UTC" for UTC, and the offset
 * at `instant` ("UTC+1") for zones that name no city (`CET`, `Etc/GMT-1`), whose names mislead.
 */
export function describeTimeZone(timeZone: string, instant: Date): string {
  if (UTC_ZONE_PATTERN.test(timeZone)) return 'UTC';
  const slash = timeZone.lastIndexOf('/');
  if (slash > 0 && !timeZone.startsWith('Etc/')) {
    const city = currentZoneName(timeZone).split('/').at(-1)!;
    return `${city.replace(/_/g, ' ')} time`;
  }
  const offset = DateTime.fromJSDate(instant, { zone: timeZone }).toFormat('Z');
  return offset === '+0' ? 'UTC' : `UTC${offset}`;
}
