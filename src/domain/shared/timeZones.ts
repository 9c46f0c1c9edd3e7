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
