import { DateTime } from 'luxon';
import { isKnownTimeZone } from '../../domain/timeZones';

/** The zones hiring teams meet candidates in most; the recruiter's own is always added. */
const COMMON_TIME_ZONES = [
  'Pacific/Honolulu',
  'America/Anchorage',
  'America/Los_Angeles',
  'America/Denver',
  'America/Phoenix',
  'America/Chicago',
  'America/New_York',
  'America/Toronto',
  'America/Mexico_City',
  'America/Bogota',
  'America/Lima',
  'America/Santiago',
  'America/Sao_Paulo',
  'America/Argentina/Buenos_Aires',
  'America/Halifax',
  'America/St_Johns',
  'Atlantic/Reykjavik',
  'UTC',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Madrid',
  'Europe/Paris',
  'Europe/Amsterdam',
  'Europe/Berlin',
  'Europe/Zurich',
  'Europe/Rome',
  'Europe/Stockholm',
  'Europe/Warsaw',
  'Europe/Prague',
  'Europe/Athens',
  'Europe/Helsinki',
  'Europe/Kyiv',
  'Europe/Istanbul',
  'Europe/Moscow',
  'Africa/Lagos',
  'Africa/Cairo',
  'Africa/Johannesburg',
  'Africa/Nairobi',
  'Asia/Dubai',
  'Asia/Tehran',
  'Asia/Karachi',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Dhaka',
  'Asia/Bangkok',
  'Asia/Jakarta',
  'Asia/Ho_Chi_Minh',
  'Asia/Singapore',
  'Asia/Kuala_Lumpur',
  'Asia/Manila',
  'Asia/Hong_Kong',
  'Asia/Shanghai',
  'Asia/Taipei',
  'Asia/Seoul',
  'Asia/Tokyo',
  'Australia/Perth',
  'Australia/Adelaide',
  'Australia/Brisbane',
  'Australia/Sydney',
  'Australia/Melbourne',
  'Pacific/Auckland',
];

const COMMON_TIME_ZONE_SET: ReadonlySet<string> = new Set(COMMON_TIME_ZONES);

export interface TimeZoneOption {
  text: { type: 'plain_text'; text: string };
  value: string;
}

interface LabelledZone {
  zone: string;
  offsetMinutes: number;
  option: TimeZoneOption;
}

const MS_PER_HOUR = 3_600_000;
const MAX_OPTIONS = 100;

/**
 * The common zones' labels for the hour `now` falls in. Offsets only change on the hour (DST), so
 * the menu is computed once an hour instead of once per modal.
 */
let commonZonesCache: { hour: number; zones: LabelledZone[] } | undefined;

function commonZonesAt(now: Date): LabelledZone[] {
  const hour = Math.floor(now.getTime() / MS_PER_HOUR);
  if (commonZonesCache?.hour !== hour) {
    const zones = COMMON_TIME_ZONES.map((zone) => labelledZone(zone, now)).sort(byOffsetThenName);
    commonZonesCache = { hour, zones };
  }
  return commonZonesCache.zones;
}

function labelledZone(zone: string, now: Date): LabelledZone {
  const local = DateTime.fromJSDate(now, { zone });
  return {
    zone,
    offsetMinutes: local.offset,
    option: { text: { type: 'plain_text', text: `(UTC${local.toFormat('ZZ')}) ${zone}`.slice(0, 75) }, value: zone },
  };
}

function byOffsetThenName(a: LabelledZone, b: LabelledZone): number {
  return a.offsetMinutes - b.offsetMinutes || a.zone.localeCompare(b.zone);
}

/** Options for the candidate time zone menu, ordered by offset, labelled "(UTC+01:00) Europe/Berlin". */
export function timeZoneOptions(includeZone: string | undefined, now: Date): TimeZoneOption[] {
  const common = commonZonesAt(now);
  const zones =
    includeZone && !COMMON_TIME_ZONE_SET.has(includeZone) && isKnownTimeZone(includeZone)
      ? [...common, labelledZone(includeZone, now)].sort(byOffsetThenName)
      : common;
  return zones.slice(0, MAX_OPTIONS).map(({ option }) => option);
}

export function timeZoneOption(zone: string, now: Date): TimeZoneOption {
  if (COMMON_TIME_ZONE_SET.has(zone)) {
    const common = commonZonesAt(now).find((labelled) => labelled.zone === zone);
    if (common) return common.option;
  }
  return labelledZone(zone, now).option;
}
