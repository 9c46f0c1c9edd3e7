import type { CalendarProvider } from './calendarProvider';
import type { CalendarReading } from './freeTimes';

const MINUTE_MS = 60_000;

/**
 * Each address's calendar over the window, widened by the buffer on both sides (a meeting just
 * outside the window still pushes a free time back): through the provider when there is one,
 * `none` for everyone when there is not. One provider call per batch; never throws.
 */
export async function readCalendars(
  provider: CalendarProvider | null,
  addresses: readonly string[],
  window: { from: Date; to: Date },
  bufferMinutes: number,
): Promise<Map<string, CalendarReading>> {
  if (!provider || addresses.length === 0) return new Map(addresses.map((address) => [address, { status: 'none' }]));
  const widened = {
    from: new Date(window.from.getTime() - bufferMinutes * MINUTE_MS),
    to: new Date(window.to.getTime() + bufferMinutes * MINUTE_MS),
  };
  return provider.readBusyPeriods(addresses, widened);
}
