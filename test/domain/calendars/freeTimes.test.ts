import {
  availabilityOf,
  findFreeTimes,
  panelStartIntervals,
  ZoneClocks,
  type FreeTimesQuery,
  type PanelMember,
} from '../../../src/domain/calendars/freeTimes';
import { type FreeTimeRules } from '../../../src/config/calendarSettings';
import { parseWorkingHours, type WorkingHours } from '../../../src/config/workingHours';

function hours(text: string): WorkingHours {
  const parsed = parseWorkingHours(text);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.workingHours;
}

const RULES: FreeTimeRules = { minimumNoticeMinutes: 240, bufferMinutes: 10, dailyLimit: 4, slotStepMinutes: 30 };

function person(interviewer: string, overrides: Partial<PanelMember> = {}): PanelMember {
  return {
    interviewer,
    zone: 'UTC',
    workingHours: hours('Mon-Fri 09:00-17:00'),
    calendar: { status: 'read', busy: [] },
    interviews: [],
    ...overrides,
  };
}

const range = (startsAt: string, endsAt: string) => ({ startsAt: new Date(startsAt), endsAt: new Date(endsAt) });

/** Monday 2 June 2025, midnight UTC. */
const MONDAY = '2025-06-02T00:00:00Z';

function freeStarts(overrides: Partial<FreeTimesQuery>): string[] {
  const query: FreeTimesQuery = {
    panel: [person('ada@acme.test')],
    durationMinutes: 60,
    from: new Date(MONDAY),
    to: new Date('2025-06-09T00:00:00Z'),
    now: new Date(MONDAY),
    gridZone: 'UTC',
    rules: RULES,
    limit: 3,
    ...overrides,
  };
  return findFreeTimes(query).freeTimes.map((time) => time.startsAt.toISOString());
}

describe('the free times of a panel', () => {
  it('offers the first half hours of the working day, each an interview long', () => {
    const answer = findFreeTimes({
      panel: [person('ada@acme.test')],
      durationMinutes: 45,
      from: new Date(MONDAY),
      to: new Date('2025-06-09T00:00:00Z'),
      now: new Date(MONDAY),
      gridZone: 'UTC',
      rules: RULES,
      limit: 3,
    });
    expect(answer.freeTimes.map((time) => [time.startsAt.toISOString(), time.endsAt.toISOString()])).toEqual([
      ['2025-06-02T09:00:00.000Z', '2025-06-02T09:45:00.000Z'],
      ['2025-06-02T09:30:00.000Z', '2025-06-02T10:15:00.000Z'],
      ['2025-06-02T10:00:00.000Z', '2025-06-02T10:45:00.000Z'],
    ]);
    expect(answer.calendars).toEqual([{ interviewer: 'ada@acme.test', status: 'read' }]);
  });

  it('keeps the buffer clear on both sides of a busy period', () => {
    // Busy 10:00-11:00 with a 10-minute buffer: a one-hour interview must end by 08:50 or start at 11:10.
    const busy = { status: 'read' as const, busy: [range('2025-06-02T10:00:00Z', '2025-06-02T11:00:00Z')] };
    expect(freeStarts({ panel: [person('ada@acme.test', { calendar: busy })], limit: 2 })).toEqual([
      '2025-06-02T11:30:00.000Z',
      '2025-06-02T12:00:00.000Z',
    ]);
  });

  it('allows an interview to end exactly where the buffer before the next meeting begins', () => {
    const busy = { status: 'read' as const, busy: [range('2025-06-02T10:10:00Z', '2025-06-02T17:00:00Z')] };
    expect(freeStarts({ panel: [person('ada@acme.test', { calendar: busy })], limit: 2 })).toEqual([
      '2025-06-02T09:00:00.000Z',
      '2025-06-03T09:00:00.000Z',
    ]);
  });

  it('counts the app’s own interviews as busy too, with the same buffer', () => {
    const interviews = [range('2025-06-02T09:00:00Z', '2025-06-02T12:00:00Z')];
    expect(freeStarts({ panel: [person('ada@acme.test', { interviews })], limit: 1 })).toEqual(['2025-06-02T12:30:00.000Z']);
  });

  it('starts no sooner than the minimum notice after now', () => {
    expect(freeStarts({ now: new Date('2025-06-02T08:10:00Z'), limit: 1 })).toEqual(['2025-06-02T12:30:00.000Z']);
  });

  it('offers only times at which every interviewer is inside their own working hours', () => {
    // 09:00-17:00 in Berlin (CEST) is 07:00-15:00 UTC; in New York (EDT) 13:00-21:00 UTC.
    const panel = [person('berlin@acme.test', { zone: 'Europe/Berlin' }), person('newyork@acme.test', { zone: 'America/New_York' })];
    expect(freeStarts({ panel, limit: 4 })).toEqual([
      '2025-06-02T13:00:00.000Z',
      '2025-06-02T13:30:00.000Z',
      '2025-06-02T14:00:00.000Z',
      '2025-06-03T13:00:00.000Z',
    ]);
  });

  it('skips a day on which an interviewer already has the daily limit of interviews', () => {
    const interviews = ['07', '08', '17', '18'].map((hour) => range(`2025-06-02T${hour}:00:00Z`, `2025-06-02T${hour}:30:00Z`));
    const panel = [person('ada@acme.test', { zone: 'UTC', workingHours: hours('Mon-Sun 00:00-24:00'), interviews })];
    expect(freeStarts({ panel, now: new Date('2025-06-01T00:00:00Z'), limit: 1 })).toEqual(['2025-06-03T00:00:00.000Z']);
  });

  it('counts the daily limit on the interviewer’s own calendar day', () => {
    // Four interviews on Monday evening in New York are on Tuesday in UTC: Monday is full in New York.
    const interviews = ['00', '01', '02', '03'].map((hour) => range(`2025-06-03T${hour}:00:00Z`, `2025-06-03T${hour}:30:00Z`));
    const panel = [person('ada@acme.test', { zone: 'America/New_York', interviews })];
    expect(freeStarts({ panel, limit: 1 })).toEqual(['2025-06-03T13:00:00.000Z']);
  });

  it('lets an interview cross midnight when both days are worked', () => {
    // Busy until 23:20 Monday and from 00:40 Tuesday: with the buffers, 23:30-00:30 is free, one hour across midnight.
    const calendar = {
      status: 'read' as const,
      busy: [range('2025-06-01T00:00:00Z', '2025-06-02T23:20:00Z'), range('2025-06-03T00:40:00Z', '2025-06-10T00:00:00Z')],
    };
    const panel = [person('ada@acme.test', { workingHours: hours('Mon-Sun 00:00-24:00'), calendar })];
    expect(freeStarts({ panel, now: new Date('2025-06-01T00:00:00Z'), limit: 3 })).toEqual(['2025-06-02T23:30:00.000Z']);
  });

  it('gives nobody a free time while one interviewer’s calendar cannot be read, and says whose and why', () => {
    const answer = findFreeTimes({
      panel: [
        person('ada@acme.test'),
        person('grace@acme.test', { calendar: { status: 'unavailable', reason: 'Google refused the grant' } }),
      ],
      durationMinutes: 30,
      from: new Date(MONDAY),
      to: new Date('2025-06-09T00:00:00Z'),
      now: new Date(MONDAY),
      gridZone: 'UTC',
      rules: RULES,
      limit: 20,
    });
    expect(answer.freeTimes).toEqual([]);
    expect(answer.calendars).toEqual([
      { interviewer: 'ada@acme.test', status: 'read' },
      { interviewer: 'grace@acme.test', status: 'unavailable', reason: 'Google refused the grant' },
    ]);
  });

  it('reports a panel without a calendar provider as none, and still offers its free times', () => {
    const answer = findFreeTimes({
      panel: [person('ada@acme.test', { calendar: { status: 'none' } })],
      durationMinutes: 30,
      from: new Date(MONDAY),
      to: new Date('2025-06-09T00:00:00Z'),
      now: new Date(MONDAY),
      gridZone: 'UTC',
      rules: RULES,
      limit: 1,
    });
    expect(answer.freeTimes.map((time) => time.startsAt.toISOString())).toEqual(['2025-06-02T09:00:00.000Z']);
    expect(answer.calendars).toEqual([{ interviewer: 'ada@acme.test', status: 'none' }]);
  });

  it('keeps the whole interview inside the window', () => {
    expect(freeStarts({ to: new Date('2025-06-02T10:30:00Z'), limit: 5 })).toEqual([
      '2025-06-02T09:00:00.000Z',
      '2025-06-02T09:30:00.000Z',
    ]);
  });

  it('counts the grid from the hour on the clock of the zone the times are shown in', () => {
    const panel = [person('ada@acme.test', { workingHours: hours('Mon-Sun 00:00-24:00') })];
    const now = new Date('2025-06-01T20:00:00Z');
    // Kolkata is UTC+05:30: its whole hours fall at half past in UTC.
    expect(freeStarts({ panel, now, gridZone: 'Asia/Kolkata', rules: { ...RULES, slotStepMinutes: 60 }, limit: 2 })).toEqual([
      '2025-06-02T00:30:00.000Z',
      '2025-06-02T01:30:00.000Z',
    ]);
    // Kathmandu is UTC+05:45.
    expect(freeStarts({ panel, now, gridZone: 'Asia/Kathmandu', rules: { ...RULES, slotStepMinutes: 30 }, limit: 2 })).toEqual([
      '2025-06-02T00:15:00.000Z',
      '2025-06-02T00:45:00.000Z',
    ]);
  });

  it('offers nine o’clock New York time on both sides of the spring-forward weekend', () => {
    const panel = [person('ada@acme.test', { zone: 'America/New_York', workingHours: hours('Mon-Sun 09:00-10:00') })];
    expect(
      freeStarts({
        panel,
        from: new Date('2025-03-08T00:00:00Z'),
        to: new Date('2025-03-11T00:00:00Z'),
        now: new Date('2025-03-01T00:00:00Z'),
        gridZone: 'America/New_York',
        limit: 5,
      }),
    ).toEqual(['2025-03-08T14:00:00.000Z', '2025-03-09T13:00:00.000Z', '2025-03-10T13:00:00.000Z']);
  });

  it('offers both half past ones of the night New York falls back, when the hours include them', () => {
    const panel = [person('ada@acme.test', { zone: 'America/New_York', workingHours: hours('Sun 00:00-03:00') })];
    expect(
      freeStarts({
        panel,
        durationMinutes: 30,
        from: new Date('2025-11-02T04:00:00Z'),
        to: new Date('2025-11-02T10:00:00Z'),
        now: new Date('2025-11-01T00:00:00Z'),
        gridZone: 'America/New_York',
        rules: { ...RULES, bufferMinutes: 0 },
        limit: 20,
      }),
    ).toEqual([
      '2025-11-02T04:00:00.000Z', // 00:00 EDT
      '2025-11-02T04:30:00.000Z',
      '2025-11-02T05:00:00.000Z', // 01:00 EDT
      '2025-11-02T05:30:00.000Z', // 01:30 EDT
      '2025-11-02T06:00:00.000Z', // 01:00 EST
      '2025-11-02T06:30:00.000Z', // 01:30 EST
      '2025-11-02T07:00:00.000Z', // 02:00 EST
      '2025-11-02T07:30:00.000Z', // 02:30 EST, ends 03:00
    ]);
  });
});

describe('the building blocks a loop search reuses', () => {
  it('gives each person’s free stretches once, for any number of session lengths', () => {
    const window = { start: Date.parse(MONDAY), end: Date.parse('2025-06-03T00:00:00Z') };
    const clocks = new ZoneClocks(window);
    const busy = { status: 'read' as const, busy: [range('2025-06-02T12:00:00Z', '2025-06-02T13:00:00Z')] };
    const ada = availabilityOf(person('ada@acme.test', { calendar: busy }), window, RULES, clocks);
    expect(ada.free.map(({ start, end }) => [new Date(start).toISOString(), new Date(end).toISOString()])).toEqual([
      ['2025-06-02T09:00:00.000Z', '2025-06-02T11:50:00.000Z'],
      ['2025-06-02T13:10:00.000Z', '2025-06-02T17:00:00.000Z'],
    ]);
    const hourLong = panelStartIntervals([ada], 60 * 60_000, { window, earliestStart: window.start });
    expect(hourLong.map(({ start, end }) => [new Date(start).toISOString(), new Date(end - 1).toISOString()])).toEqual([
      ['2025-06-02T09:00:00.000Z', '2025-06-02T10:50:00.000Z'],
      ['2025-06-02T13:10:00.000Z', '2025-06-02T16:00:00.000Z'],
    ]);
  });
});
