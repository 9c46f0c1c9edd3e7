import fc from 'fast-check';
import { DateTime } from 'luxon';
import { findFreeTimes, type FreeTimesQuery, type PanelMember, type TimeRange } from '../../../src/domain/calendars/freeTimes';
import { parseWorkingHours, type WorkingHours } from '../../../src/config/workingHours';

/**
 * Each rule of "free" checked on its own, from its wording, with luxon reading wall clocks: no
 * interval sweeps, no shared code with the implementation beyond parsing WORKING_HOURS.
 *
 * The zones have offsets in whole quarter hours, durations and grid steps are whole quarter
 * hours, and working hours start and end on the half hour; so every start the rules could allow
 * lies on a quarter hour of UTC, and whether an instant is inside working hours can only change on
 * one. The oracle therefore tries every quarter hour of the window and samples each interview every
 * quarter hour. Working-hour boundaries stay out of 01:00-03:00, where the clocks of these zones
 * repeat an hour in autumn: there "inside 09:00-17:00 by the wall clock" stops being one stretch
 * of time, and the implementation's rule (the first time the clock reads a boundary) is pinned by
 * worked examples instead.
 */

const QUARTER_HOUR = 15 * 60_000;

const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
] as const;

/** Instants near clock changes (and one ordinary week), as windows start around them. */
const AROUND = [
  '2025-03-08T12:00:00Z', // New York, St. John's spring forward (9 March)
  '2025-03-29T12:00:00Z', // Berlin spring forward (30 March)
  '2025-04-05T12:00:00Z', // Lord Howe falls back half an hour (6 April)
  '2025-10-04T12:00:00Z', // Lord Howe springs forward half an hour (5 October)
  '2025-10-25T12:00:00Z', // Berlin falls back (26 October)
  '2025-11-01T12:00:00Z', // New York, St. John's fall back (2 November)
  '2025-06-02T00:00:00Z', // an ordinary Monday
];

const WORKING_HOURS = [
  'Mon-Fri 09:00-17:00',
  'Mon-Sun 00:00-24:00',
  'Mon-Thu 09:00-17:00, Fri 09:00-13:00',
  'Mon-Fri 08:30-12:00 13:00-17:30',
  'Sat-Sun 06:00-20:00',
  'Sun-Thu 00:00-24:00, Fri 06:00-12:00',
  // Clocks change at weekends: hours that include them, again.
  'Mon-Sun 00:00-24:00',
  'Mon-Sun 08:30-20:00',
];

function hours(text: string): WorkingHours {
  const parsed = parseWorkingHours(text);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.workingHours;
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** True when the wall clock at `instant` in `zone` lies inside the working hours written in `text`. */
function wallClockIsWorking(text: string, zone: string, instant: number): boolean {
  const local = DateTime.fromMillis(instant, { zone });
  const minuteOfDay = local.hour * 60 + local.minute;
  return text.split(',').some((rule) => {
    const [days, ...ranges] = rule.trim().split(/\s+/);
    const [first, last = first] = days.toLowerCase().split('-');
    const firstIndex = DAY_NAMES.indexOf(first);
    const span = (DAY_NAMES.indexOf(last) - firstIndex + 7) % 7;
    const dayIndex = local.weekday - 1;
    if ((dayIndex - firstIndex + 7) % 7 > span) return false;
    return ranges.some((range) => {
      const [start, end] = range.split('-').map((time) => {
        const [hour, minute] = time.split(':').map(Number);
        return hour * 60 + minute;
      });
      return minuteOfDay >= start && minuteOfDay < end;
    });
  });
}

interface Scenario {
  query: FreeTimesQuery;
  hoursText: string[];
}

/** The rules a start breaks for one person, by name; none means free for them. */
function brokenRules(scenario: Scenario, memberIndex: number, start: number): string[] {
  const { query } = scenario;
  const member = query.panel[memberIndex];
  const end = start + query.durationMinutes * 60_000;
  const broken: string[] = [];
  for (let instant = start; instant < end; instant += QUARTER_HOUR) {
    if (!wallClockIsWorking(scenario.hoursText[memberIndex], member.zone, instant)) {
      broken.push('working hours');
      break;
    }
  }
  const buffer = query.rules.bufferMinutes * 60_000;
  const busy: TimeRange[] = member.calendar.status === 'read' ? member.calendar.busy : [];
  const overlapsWidened = (period: TimeRange) => period.startsAt.getTime() < end + buffer && start - buffer < period.endsAt.getTime();
  if (busy.some(overlapsWidened)) broken.push('calendar busy');
  if (member.interviews.some(overlapsWidened)) broken.push('another interview');
  const day = DateTime.fromMillis(start, { zone: member.zone }).toISODate();
  const sameDay = member.interviews.filter(
    (interview) => DateTime.fromMillis(interview.startsAt.getTime(), { zone: member.zone }).toISODate() === day,
  );
  if (sameDay.length >= query.rules.dailyLimit) broken.push('daily limit');
  if (member.calendar.status === 'unavailable') broken.push('calendar unknown');
  return broken;
}

function panelBreaks(scenario: Scenario, start: number): string[] {
  const { query } = scenario;
  const broken: string[] = [];
  if (start < query.now.getTime() + query.rules.minimumNoticeMinutes * 60_000) broken.push('minimum notice');
  if (start < query.from.getTime() || start + query.durationMinutes * 60_000 > query.to.getTime()) broken.push('window');
  if (!isOnGrid(start, query.gridZone, query.rules.slotStepMinutes)) broken.push('grid');
  query.panel.forEach((_, index) => broken.push(...brokenRules(scenario, index, start)));
  return broken;
}

function isOnGrid(instant: number, zone: string, stepMinutes: number): boolean {
  const local = DateTime.fromMillis(instant, { zone });
  return local.second === 0 && local.millisecond === 0 && (local.hour * 60 + local.minute) % stepMinutes === 0;
}

/** Every start the rules allow, by trying each quarter hour of the window. */
function allowedStarts(scenario: Scenario): number[] {
  const { query } = scenario;
  const allowed: number[] = [];
  const first = Math.ceil(query.from.getTime() / QUARTER_HOUR) * QUARTER_HOUR;
  for (let start = first; start < query.to.getTime(); start += QUARTER_HOUR) {
    if (panelBreaks(scenario, start).length === 0) allowed.push(start);
  }
  return allowed;
}

const minutes = (count: number) => count * 60_000;

const periodArbitrary = (windowStart: number) =>
  fc
    .record({ startMinute: fc.integer({ min: -24 * 60, max: 4 * 24 * 60 }), lengthMinutes: fc.integer({ min: 1, max: 6 * 60 }) })
    .map(({ startMinute, lengthMinutes }) => ({
      startsAt: new Date(windowStart + minutes(startMinute)),
      endsAt: new Date(windowStart + minutes(startMinute + lengthMinutes)),
    }));

const scenarioArbitrary: fc.Arbitrary<Scenario> = fc
  .record({
    around: fc.constantFrom(...AROUND),
    shiftHours: fc.integer({ min: -30, max: 30 }),
    windowHours: fc.integer({ min: 12, max: 72 }),
    nowShiftMinutes: fc.integer({ min: -48 * 60, max: 24 * 60 }),
  })
  .chain(({ around, shiftHours, windowHours, nowShiftMinutes }) => {
    const from = Date.parse(around) + shiftHours * 3_600_000;
    const memberArbitrary = fc.record({
      zone: fc.constantFrom(...ZONES),
      hoursText: fc.constantFrom(...WORKING_HOURS),
      calendar: fc.oneof(
        { weight: 12, arbitrary: fc.array(periodArbitrary(from), { maxLength: 6 }).map((busy) => ({ status: 'read' as const, busy })) },
        { weight: 2, arbitrary: fc.constant({ status: 'none' as const }) },
        { weight: 1, arbitrary: fc.constant({ status: 'unavailable' as const, reason: 'refused' }) },
      ),
      interviews: fc.array(periodArbitrary(from), { maxLength: 5 }),
    });
    return fc
      .record({
        members: fc.array(memberArbitrary, { minLength: 1, maxLength: 3 }),
        durationMinutes: fc.constantFrom(15, 30, 45, 60, 90),
        step: fc.constantFrom(15, 30, 60),
        gridZone: fc.constantFrom(...ZONES),
        minimumNoticeMinutes: fc.constantFrom(0, 30, 240, 600),
        bufferMinutes: fc.constantFrom(0, 5, 10, 30),
        dailyLimit: fc.integer({ min: 1, max: 4 }),
        limit: fc.integer({ min: 1, max: 400 }),
        // Whole seconds and odd minutes too: "now" is any instant.
        nowJitterMs: fc.integer({ min: 0, max: 3_600_000 }),
      })
      .map((drawn) => {
        const panel: PanelMember[] = drawn.members.map((member, index) => ({
          interviewer: `person${index}@acme.test`,
          zone: member.zone,
          workingHours: hours(member.hoursText),
          calendar: member.calendar,
          interviews: member.interviews,
        }));
        return {
          hoursText: drawn.members.map((member) => member.hoursText),
          query: {
            panel,
            durationMinutes: drawn.durationMinutes,
            from: new Date(from),
            to: new Date(from + windowHours * 3_600_000),
            now: new Date(from + minutes(nowShiftMinutes) + drawn.nowJitterMs),
            gridZone: drawn.gridZone,
            rules: {
              minimumNoticeMinutes: drawn.minimumNoticeMinutes,
              bufferMinutes: drawn.bufferMinutes,
              dailyLimit: drawn.dailyLimit,
              slotStepMinutes: drawn.step,
            },
            limit: drawn.limit,
          },
        };
      });
  });

const starts = (query: FreeTimesQuery) => findFreeTimes(query).freeTimes.map((time) => time.startsAt.getTime());

describe('free times, for any panel, calendar and clock', () => {
  it('never offers a time that breaks a rule, and offers them sorted, unique, on the grid, at most the limit', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const offered = findFreeTimes(scenario.query).freeTimes;
        expect(offered.length).toBeLessThanOrEqual(scenario.query.limit);
        for (const [index, time] of offered.entries()) {
          expect({ startsAt: time.startsAt.toISOString(), broken: panelBreaks(scenario, time.startsAt.getTime()) }).toEqual({
            startsAt: time.startsAt.toISOString(),
            broken: [],
          });
          expect(time.endsAt.getTime() - time.startsAt.getTime()).toBe(scenario.query.durationMinutes * 60_000);
          if (index > 0) expect(time.startsAt.getTime()).toBeGreaterThan(offered[index - 1].startsAt.getTime());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('offers exactly the earliest times the rules allow, missing none', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const expected = allowedStarts(scenario).slice(0, scenario.query.limit);
        expect(starts(scenario.query).map((start) => new Date(start).toISOString())).toEqual(
          expected.map((start) => new Date(start).toISOString()),
        );
      }),
      { numRuns: 120 },
    );
  });

  it('never gains a free time when a calendar gains a busy period', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.nat(),
        fc.integer({ min: -6 * 60, max: 72 * 60 }),
        fc.integer({ min: 1, max: 300 }),
        (scenario, who, offset, length) => {
          const query = { ...scenario.query, limit: 10_000 };
          const before = new Set(starts(query));
          const index = who % query.panel.length;
          const member = query.panel[index];
          if (member.calendar.status === 'unavailable') return;
          const busier: PanelMember = {
            ...member,
            calendar: {
              status: 'read',
              busy: [
                ...(member.calendar.status === 'read' ? member.calendar.busy : []),
                {
                  startsAt: new Date(query.from.getTime() + minutes(offset)),
                  endsAt: new Date(query.from.getTime() + minutes(offset + length)),
                },
              ],
            },
          };
          const after = starts({ ...query, panel: query.panel.map((each, position) => (position === index ? busier : each)) });
          for (const start of after) expect(before.has(start)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('offers no time at all while anyone’s calendar is unreadable', () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.nat(), (scenario, who) => {
        const index = who % scenario.query.panel.length;
        const panel = scenario.query.panel.map((member, position) =>
          position === index ? { ...member, calendar: { status: 'unavailable' as const, reason: 'Microsoft 365 has no mailbox' } } : member,
        );
        const answer = findFreeTimes({ ...scenario.query, panel });
        expect(answer.freeTimes).toEqual([]);
        expect(answer.calendars[index]).toEqual({
          interviewer: panel[index].interviewer,
          status: 'unavailable',
          reason: 'Microsoft 365 has no mailbox',
        });
      }),
      { numRuns: 100 },
    );
  });
});
