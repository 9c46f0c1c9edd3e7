import { DateTime, IANAZone } from 'luxon';

/** The zones hiring teams meet candidates in most; the recruiter's own is always added. */
const COMMON_TIME_ZONES = [
  'Pacific/Honolulu', 'America/Anchorage', 'America/Los_Angeles', 'America/Denver', 'America/Phoenix', 'America/Chicago',
  'America/New_York', 'America/Toronto', 'America/Mexico_City', 'America/Bogota', 'America/Lima', 'America/Santiago',
  'America/Sao_Paulo', 'America/Argentina/Buenos_Aires', 'America/Halifax', 'America/St_Johns', 'Atlantic/Reykjavik',
  'UTC', 'Europe/London', 'Europe/Dublin', 'Europe/Lisbon', 'Europe/Madrid', 'Europe/Paris', 'Europe/Amsterdam',
  'Europe/Berlin', 'Europe/Zurich', 'Europe/Rome', 'Europe/Stockholm', 'Europe/Warsaw', 'Europe/Prague', 'Europe/Athens',
  'Europe/Helsinki', 'Europe/Kyiv', 'Europe/Istanbul', 'Europe/Moscow', 'Africa/Lagos', 'Africa/Cairo', 'Africa/Johannesburg',
  'Africa/Nairobi', 'Asia/Dubai', 'Asia/Tehran', 'Asia/Karachi', 'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Dhaka', 'Asia/Bangkok',
  'Asia/Jakarta', 'Asia/Ho_Chi_Minh', 'Asia/Singapore', 'Asia/Kuala_Lumpur', 'Asia/Manila', 'Asia/Hong_Kong', 'Asia/Shanghai',
  'Asia/Taipei', 'Asia/Seoul', 'Asia/Tokyo', 'Australia/Perth', 'Australia/Adelaide', 'Australia/Brisbane', 'Australia/Sydney',
  'Australia/Melbourne', 'Pacific/Auckland',
];

export interface TimeZoneOption {
  text: { type: 'plain_text'; text: string };
  value: string;
}

/** Options for the candidate time zone menu, ordered by offset, labelled "(UTC+01:00) Europe/Berlin". */
export function timeZoneOptions(includeZone: string | undefined, now: Date): TimeZoneOption[] {
  const zones = new Set(COMMON_TIME_ZONES);
  if (includeZone && IANAZone.isValidZone(includeZone)) zones.add(includeZone);
  return [...zones]
    .map((zone) => ({ zone, offset: DateTime.fromJSDate(now, { zone }).offset }))
    .sort((a, b) => a.offset - b.offset || a.zone.localeCompare(b.zone))
    .slice(0, 100)
    .map(({ zone }) => timeZoneOption(zone, now));
}

export function timeZoneOption(zone: string, now: Date): TimeZoneOption {
  const offset = DateTime.fromJSDate(now, { zone }).toFormat('ZZ');
  return { text: { type: 'plain_text', text: `(UTC${offset}) ${zone}`.slice(0, 75) }, value: zone };
}
