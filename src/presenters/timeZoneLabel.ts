import { DateTime } from 'luxon';

/**
 * Zone names that mean UTC itself. The join page's script reads the same pattern (as its source),
 * so the server and the browser name zones alike.
 */
export const UTC_ZONE_PATTERN = /^(?:Etc\/)?(?:UTC|UCT|GMT|GMT[+-]?0|Universal|Zulu|Greenwich)$/i;

/**
 * Cities whose IANA names kept an old spelling. Browsers report some zones by these names (Chromium
 * says `Asia/Calcutta` for India), and a candidate should read the name they know.
 */
export const RENAMED_CITIES: Readonly<Record<string, string>> = {
  Calcutta: 'Kolkata',
  Saigon: 'Ho Chi Minh',
  Kiev: 'Kyiv',
  Katmandu: 'Kathmandu',
  Rangoon: 'Yangon',
  Godthab: 'Nuuk',
};

/**
 * The zone as a person reads it: "Berlin time" for `Europe/Berlin`, "UTC" for UTC, and the offset
 * at `instant` ("UTC+1") for zones that name no city (`CET`, `Etc/GMT-1`), whose names mislead.
 */
export function describeTimeZone(timeZone: string, instant: Date): string {
  if (UTC_ZONE_PATTERN.test(timeZone)) return 'UTC';
  const slash = timeZone.lastIndexOf('/');
  if (slash > 0 && !timeZone.startsWith('Etc/')) {
    const city = timeZone.slice(slash + 1);
    return `${RENAMED_CITIES[city] ?? city.replace(/_/g, ' ')} time`;
  }
  const offset = DateTime.fromJSDate(instant, { zone: timeZone }).toFormat('Z');
  return offset === '+0' ? 'UTC' : `UTC${offset}`;
}
