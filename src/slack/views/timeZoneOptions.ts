import { DateTime } from 'luxon';
import { currentZoneName, isKnownTimeZone } from '../../domain/shared/timeZones';

/** The zones hiring teams meet candidates in most: the menu before anything is typed. */
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

/** Slack shows at most 100 options from an options request. */
const MAX_OPTIONS = 100;
const MS_PER_QUARTER_HOUR = 15 * 60_000;

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

/**
 * Labels for the quarter of an hour `now` falls in, so a zone's label is worked out once a quarter
 * hour, not on every keystroke. A zone's offset changes only at such a boundary: every offset in
 * use is a whole number of quarter hours (St. John's is 3½ hours behind, Kathmandu 5¾ ahead), and
 * clocks change on a local quarter hour, so an hour's worth would keep St. John's old label for
 * 30 minutes twice a year.
 */
let labelsThisQuarterHour: { quarterHour: number; labels: Map<string, LabelledZone> } | undefined;

function labelFor(zone: string, now: Date): LabelledZone {
  const quarterHour = Math.floor(now.getTime() / MS_PER_QUARTER_HOUR);
  if (labelsThisQuarterHour?.quarterHour !== quarterHour) labelsThisQuarterHour = { quarterHour, labels: new Map() };
  let labelled = labelsThisQuarterHour.labels.get(zone);
  if (!labelled) {
    labelled = labelledZone(zone, now);
    labelsThisQuarterHour.labels.set(zone, labelled);
  }
  return labelled;
}

/** The option showing `zone`, labelled "(UTC+01:00) Europe/Berlin": the menu's initial choice. */
export function timeZoneOption(zone: string, now: Date): TimeZoneOption {
  return labelFor(zone, now).option;
}

/** A zone as the search knows it: its name and the words people call it by ("Central European Time"). */
interface SearchableZone {
  zone: string;
  common: boolean;
  /** Lower case, `_` and `/` as spaces: "america los angeles pacific time". */
  words: string;
  /** The last part of the name, lower case with spaces: "los angeles". */
  city: string;
}

/** Every zone a candidate may be in, each once, by its current name; UTC first. */
function everyZone(): string[] {
  const known = Intl.supportedValuesOf('timeZone').map(currentZoneName);
  return [...new Set(['UTC', ...COMMON_TIME_ZONES, ...known])].filter(isKnownTimeZone);
}

const genericNameFormat = (zone: string) => new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longGeneric' });

function searchableZone(zone: string): SearchableZone {
  const name = zone.toLowerCase().replace(/[_/]/g, ' ');
  const generic =
    genericNameFormat(zone)
      .formatToParts(0)
      .find((part) => part.type === 'timeZoneName')
      ?.value.toLowerCase() ?? '';
  return {
    zone,
    common: COMMON_TIME_ZONE_SET.has(zone),
    words: `${name} ${generic}`,
    city: (zone.split('/').at(-1) ?? zone).toLowerCase().replace(/_/g, ' '),
  };
}

/** Zones are read in slices between other requests' turns: building them all at once holds the process ~150 ms. */
const ZONES_PER_SLICE = 25;

/**
 * All IANA zones, searchable by city, region, name ("Pacific Time", "India Standard Time") or
 * UTC offset ("+5:30", "UTC-8"). Built on first use, a slice at a time, and kept.
 */
class TimeZoneSearch {
  private zones: SearchableZone[] | undefined;
  private building: Promise<SearchableZone[]> | undefined;

  all(): Promise<SearchableZone[]> {
    if (this.zones) return Promise.resolve(this.zones);
    this.building ??= this.build();
    return this.building;
  }

  private async build(): Promise<SearchableZone[]> {
    const names = everyZone();
    const zones: SearchableZone[] = [];
    for (let start = 0; start < names.length; start += ZONES_PER_SLICE) {
      zones.push(...names.slice(start, start + ZONES_PER_SLICE).map(searchableZone));
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.zones = zones;
    return zones;
  }
}

const search = new TimeZoneSearch();

/** "+5:30", "UTC-8", "gmt +01:00" as minutes east of UTC, or null for anything else. */
export function readUtcOffset(query: string): number | null {
  const match = /^(?:utc|gmt)?\s*([+\-−])\s*(\d{1,2})(?::?([0-5]\d))?$/i.exec(query.trim());
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  if (minutes > 14 * 60) return null;
  return match[1] === '+' ? minutes : -minutes;
}

/** How well a zone answers the query: whole words, then the start of its city, of any word, anywhere; null when it does not. */
function rank(zone: SearchableZone, query: string, offset: number | null, now: Date): number | null {
  if (offset !== null) return labelFor(zone.zone, now).offsetMinutes === offset ? 0 : null;
  if (zone.city === query || ` ${zone.words} `.includes(` ${query} `)) return 0;
  if (zone.city.startsWith(query)) return 1;
  if (` ${zone.words}`.includes(` ${query}`)) return 2;
  if (zone.words.includes(query)) return 3;
  return null;
}

/**
 * The menu's options for what the recruiter has typed so far: with nothing typed, the common zones
 * by offset; otherwise every zone whose city, region or name begins with the words typed, or whose
 * UTC offset is the one typed, best matches first, common zones before rare ones.
 */
export async function searchTimeZones(typed: string, now: Date): Promise<TimeZoneOption[]> {
  const query = typed.trim().toLowerCase().replace(/_/g, ' ').replace(/\s+/g, ' ').slice(0, 64);
  if (query === '')
    return COMMON_TIME_ZONES.map((zone) => labelFor(zone, now))
      .sort(byOffsetThenName)
      .map(({ option }) => option);
  const offset = readUtcOffset(query);
  const matches: Array<{ rank: number; common: boolean; labelled: LabelledZone }> = [];
  for (const zone of await search.all()) {
    const found = rank(zone, query, offset, now);
    if (found !== null) matches.push({ rank: found, common: zone.common, labelled: labelFor(zone.zone, now) });
  }
  return matches
    .sort((a, b) => a.rank - b.rank || Number(b.common) - Number(a.common) || byOffsetThenName(a.labelled, b.labelled))
    .slice(0, MAX_OPTIONS)
    .map(({ labelled }) => labelled.option);
}
