import type { CalendarProvider } from '../../../src/domain/calendars/calendarProvider';
import { readCalendars } from '../../../src/domain/calendars/readCalendars';

describe('reading the calendars of a panel', () => {
  it('says none for everyone without a provider', async () => {
    const reads = await readCalendars(null, ['ada@acme.test'], { from: new Date(0), to: new Date(1) }, 10);
    expect(reads).toEqual(new Map([['ada@acme.test', { status: 'none' }]]));
  });

  it('asks the provider once for everyone, over the window widened by the buffer', async () => {
    const calls: Array<{ addresses: readonly string[]; window: { from: Date; to: Date } }> = [];
    const provider: Pick<CalendarProvider, 'readBusyPeriods'> = {
      readBusyPeriods: (addresses, window) => {
        calls.push({ addresses, window });
        return Promise.resolve(new Map(addresses.map((address) => [address, { status: 'read', busy: [] }])));
      },
    };
    await readCalendars(
      provider as CalendarProvider,
      ['ada@acme.test', 'grace@acme.test'],
      { from: new Date('2025-06-02T00:00:00Z'), to: new Date('2025-06-16T00:00:00Z') },
      10,
    );
    expect(calls).toEqual([
      {
        addresses: ['ada@acme.test', 'grace@acme.test'],
        window: { from: new Date('2025-06-01T23:50:00Z'), to: new Date('2025-06-16T00:10:00Z') },
      },
    ]);
  });
});
