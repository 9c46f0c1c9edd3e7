import { IANAZone } from 'luxon';

const verdicts = new Map<string, boolean>();
const MAX_REMEMBERED_ZONES = 1000;

/**
 * True for an IANA zone name such as `Europe/Berlin`. Luxon builds an Intl formatter on every
 * check, which the benchmark's profile showed on each slash command; the answers are remembered
 * (there are only a few hundred real zones).
 */
export function isKnownTimeZone(zone: string): boolean {
  const known = verdicts.get(zone);
  if (known !== undefined) return known;
  const verdict = IANAZone.isValidZone(zone);
  if (verdicts.size < MAX_REMEMBERED_ZONES) verdicts.set(zone, verdict);
  return verdict;
}

/**
 * Zones that Node's ICU, and browsers, still name the way the world has moved on from (Chromium
 * says `Asia/Calcutta` for India), each with the name people know now: the one table of them, for
 * the time-zone menu, the pages and emails, and the join page's script.
 */
export const CURRENT_ZONE_NAMES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** A zone by the name people know now: `Asia/Kolkata` for `Asia/Calcutta`; any other zone as it is. */
export function currentZoneName(zone: string): string {
  return Object.hasOwn(CURRENT_ZONE_NAMES, zone) ? CURRENT_ZONE_NAMES[zone] : zone;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_QUARTER_HOUR = 15 * MS_PER_MINUTE;
const offsets = new Map<string, number>();
const MAX_REMEMBERED_OFFSETS = 10_000;

/**
 * Minutes east of UTC in a known `zone` at `instantMs`. Intl works an offset out in microseconds
 * (luxon's `IANAZone.offset` formats the instant into parts), three times for each slash command
 * with a time in it; the answers are remembered per UTC quarter hour, within which no zone's
 * offset changes: every offset in use is a whole number of quarter hours (St. John's 3½ hours
 * behind, Kathmandu 5¾ ahead) and clocks change on a quarter hour.
 */
export function offsetMinutesAt(zone: string, instantMs: number): number {
  const key = `${zone} ${Math.floor(instantMs / MS_PER_QUARTER_HOUR)}`;
  const remembered = offsets.get(key);
  if (remembered !== undefined) return remembered;
  const offset = IANAZone.create(zone).offset(instantMs);
  if (offsets.size >= MAX_REMEMBERED_OFFSETS) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** A wall-clock time: what a clock on the wall of a room in some zone shows. */
export interface WallTime {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/**
 * The instant a wall-clock time in a known `zone` names, or null for a date that does not exist
 * (31 February). Worked out as luxon's `DateTime.fromObject(wall, { zone })` does, from the zone's
 * offset at `guessMs` (luxon takes now): a time the clocks skipped moves forward by the skip, and
 * a time they showed twice is the one with the guess's offset when that is one of the two, else
 * the earlier one.
 */
export function instantOfWallTime(zone: string, wall: WallTime, guessMs: number): Date | null {
  const wallMs = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const asUtc = new Date(wallMs);
  if (asUtc.getUTCMonth() !== wall.month - 1 || asUtc.getUTCDate() !== wall.day || asUtc.getUTCHours() !== wall.hour) return null;
  const guess = offsetMinutesAt(zone, guessMs);
  let instantMs = wallMs - guess * MS_PER_MINUTE;
  const first = offsetMinutesAt(zone, instantMs);
  if (first === guess) return new Date(instantMs);
  instantMs -= (first - guess) * MS_PER_MINUTE;
  const second = offsetMinutesAt(zone, instantMs);
  if (second === first) return new Date(instantMs);
  return new Date(wallMs - Math.min(first, second) * MS_PER_MINUTE);
}
