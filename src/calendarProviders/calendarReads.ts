import type { CalendarRead } from '../domain/calendars/calendarProvider';

export function unavailable(reason: string): CalendarRead {
  return { status: 'unavailable', reason };
}

/** Each address once, ignoring case, in the order first given. */
export function distinctAddresses(addresses: readonly string[]): string[] {
  const seen = new Set<string>();
  return addresses.filter((address) => {
    const key = address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Reads recorded under lower-case addresses, keyed again by the addresses exactly as the caller gave them. */
export function keyedAsGiven(addresses: readonly string[], reads: Map<string, CalendarRead>): Map<string, CalendarRead> {
  const result = new Map<string, CalendarRead>();
  for (const address of addresses) {
    result.set(address, reads.get(address.toLowerCase()) ?? unavailable(`The calendar of ${address} was not read`));
  }
  return result;
}
