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
