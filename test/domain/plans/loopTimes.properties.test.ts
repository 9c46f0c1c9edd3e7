import fc from 'fast-check';
import { DateTime } from 'luxon';
import { availabilityOf, ZoneClocks, type PersonAvailability } from '../../../src/domain/calendars/freeTimes';
import { type FreeTimeRules } from '../../../src/config/calendarSettings';
import { parseWorkingHours, type WorkingHours } from '../../../src/config/workingHours';
import type { InterviewerPool, PanelSpec } from '../../../src/domain/plans/interviewerPools';
import type { LoopSession } from '../../../src/domain/plans/loopInput';
import { findLoopTimes, type LoopTime, type LoopTimesQuery } from '../../../src/domain/plans/loopTimes';
import { findPanelTimes } from '../../../src/domain/plans/panelTimes';
import type { PlanPerson } from '../../../src/domain/plans/planPeople';
import { poolsFillableAtSomeTime, subsetsOf } from './planFixtures';

/**
 * Every rule of a loop's free time, checked from its wording by brute force: each first start on
 * the grid (luxon reads the clock), every gap in 5-minute steps, every way of choosing each pool's
 * members. A person's own free time comes from availabilityOf (tested on its own in
 * test/domain/calendars): "free for [s, e)" is "inside one free interval, and s not on a full day".
 * Nothing else is shared with the search: no interval sweeps, no matching, no memory of layouts.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const GAP_STEP = 5 * MINUTE;

const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Tokyo'] as const;
const AROUND = ['2025-06-02T00:00:00Z', '2025-03-08T12:00:00Z', '2025-10-25T18:00:00Z', '2025-06-05T20:00:00Z'];
const HOURS_TEXT = ['Mon-Sun 00:00-24:00', 'Mon-Sun 00:00-24:00', 'Mon-Fri 09:00-17:00', 'Mon-Sun 08:00-12:00 13:00-18:00'];
const NAMES = ['ada', 'bob', 'cat', 'dan', 'eve', 'fay'].map((name) => `${name}@acme.test`);

function hours(text: string): WorkingHours {
  const parsed = parseWorkingHours(text);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.workingHours;
}

// ---------------------------------------------------------------------------------------------
// The oracle

interface Oracle {
  query: LoopTimesQuery;
  oneDay: boolean;
  free: Map<string, PersonAvailability>;
}

function oracleFor(query: LoopTimesQuery, oneDay = true): Oracle {
  const window = { start: query.from.getTime(), end: query.to.getTime() };
  const clocks = new ZoneClocks(window);
  const free = new Map(query.people.map((person) => [person.interviewer, availabilityOf(person, window, query.rules, clocks)]));
  return { query, oneDay, free };
}

function isFreeFor(oracle: Oracle, person: string, start: number, end: number): boolean {
  const availability = oracle.free.get(person)!;
  const inside = availability.free.some((interval) => interval.start <= start && end <= interval.end);
  const fullDay = availability.fullDays.some((day) => day.start <= start && start < day.end);
  return inside && !fullDay;
}

function isOnGrid(instant: number, zone: string, stepMinutes: number): boolean {
  const local = DateTime.fromMillis(instant, { zone });
  return local.second === 0 && local.millisecond === 0 && (local.hour * 60 + local.minute) % stepMinutes === 0;
}

function sameLocalDay(first: number, lastEnd: number, zone: string): boolean {
  return DateTime.fromMillis(first, { zone }).toISODate() === DateTime.fromMillis(lastEnd - 1, { zone }).toISODate();
}

/** Every gap tuple (each 0..maxGap in 5-minute steps), earliest first in the order sessions come. */
function* gapTuples(count: number, maxGapMinutes: number): Generator<number[]> {
  if (count === 0) {
    yield [];
    return;
  }
  for (let gap = 0; gap <= maxGapMinutes * MINUTE; gap += GAP_STEP) {
    for (const rest of gapTuples(count - 1, maxGapMinutes)) yield [gap, ...rest];
  }
}

/** Whether each pool of each session can have `count` free members, nobody twice in the loop nor named directly anywhere. */
function poolsCanBeChosen(oracle: Oracle, starts: readonly number[]): boolean {
  const sessions = oracle.query.sessions;
  const named = new Set(sessions.flatMap((session) => session.interviewers.people));
  const pools: Array<{ session: number; pool: InterviewerPool }> = sessions.flatMap((session, index) =>
    session.interviewers.pools.map((pool) => ({ session: index, pool })),
  );
  const choose = (index: number, used: Set<string>): boolean => {
    if (index === pools.length) return true;
    const { session, pool } = pools[index];
    const start = starts[session];
    const end = start + sessions[session].durationMinutes * MINUTE;
    const candidates = pool.anyOf.filter((member) => !named.has(member) && !used.has(member) && isFreeFor(oracle, member, start, end));
    for (const chosen of subsetsOf(candidates, pool.count)) {
      if (choose(index + 1, new Set([...used, ...chosen]))) return true;
    }
    return false;
  };
  return choose(0, new Set());
}

function layoutIsFree(oracle: Oracle, starts: readonly number[]): boolean {
  const { query } = oracle;
  const ends = starts.map((start, index) => start + query.sessions[index].durationMinutes * MINUTE);
  if (ends[ends.length - 1] > query.to.getTime()) return false;
  if (oracle.oneDay && !sameLocalDay(starts[0], ends[ends.length - 1], query.gridZone)) return false;
  const peopleFree = query.sessions.every((session, index) =>
    session.interviewers.people.every((person) => isFreeFor(oracle, person, starts[index], ends[index])),
  );
  return peopleFree && poolsCanBeChosen(oracle, starts);
}

/** Each session's start, for every first start the rules allow (earliest layout each), the first `limit`. */
function expectedLayouts(oracle: Oracle): number[][] {
  const { query } = oracle;
  const found: number[][] = [];
  const earliest = Math.max(query.from.getTime(), query.now.getTime() + query.rules.minimumNoticeMinutes * MINUTE);
  for (let first = Math.ceil(earliest / GAP_STEP) * GAP_STEP; first < query.to.getTime() && found.length < query.limit; first += GAP_STEP) {
    if (!isOnGrid(first, query.gridZone, query.rules.slotStepMinutes)) continue;
    for (const gaps of gapTuples(query.sessions.length - 1, query.maxGapMinutes)) {
      const starts = [first];
      gaps.forEach((gap, index) => starts.push(starts[index] + query.sessions[index].durationMinutes * MINUTE + gap));
      if (layoutIsFree(oracle, starts)) {
        found.push(starts);
        break;
      }
    }
  }
  return found;
}

/** The oracle's own reading of the pick rule's order key for a member at an instant. */
function loadKey(person: PlanPerson, instant: number): [number, number] {
  const starts = person.interviews.map((interview) => interview.startsAt.getTime());
  const nearby = starts.filter((start) => start >= instant - 84 * HOUR && start < instant + 84 * HOUR).length;
  const before = starts.filter((start) => start < instant);
  const last = before.length > 0 ? Math.max(...before) : (person.interviewedBefore?.getTime() ?? Number.NEGATIVE_INFINITY);
  return [nearby, last];
}

function comesBefore(first: [number, number, number], second: [number, number, number]): boolean {
  for (let index = 0; index < 3; index += 1) if (first[index] !== second[index]) return first[index] < second[index];
  return true;
}

/** Every rule a found loop time breaks, by name: none is the only right answer. */
function brokenRules(oracle: Oracle, time: LoopTime): string[] {
  const { query } = oracle;
  const broken: string[] = [];
  const starts = time.sessions.map((session) => session.startsAt.getTime());
  if (time.startsAt.getTime() !== starts[0] || time.endsAt.getTime() !== time.sessions[time.sessions.length - 1].endsAt.getTime())
    broken.push('loop bounds');
  if (!isOnGrid(starts[0], query.gridZone, query.rules.slotStepMinutes)) broken.push('grid');
  if (starts[0] < query.now.getTime() + query.rules.minimumNoticeMinutes * MINUTE || starts[0] < query.from.getTime())
    broken.push('notice or window');
  if (time.endsAt.getTime() > query.to.getTime()) broken.push('window end');
  if (oracle.oneDay && !sameLocalDay(starts[0], time.endsAt.getTime(), query.gridZone)) broken.push('one day');
  const seen = new Set<string>();
  time.sessions.forEach((session, index) => {
    const spec = query.sessions[index];
    const start = session.startsAt.getTime();
    const end = session.endsAt.getTime();
    if (end - start !== spec.durationMinutes * MINUTE) broken.push(`session ${index} length`);
    if (index > 0) {
      const gap = start - time.sessions[index - 1].endsAt.getTime();
      if (gap < 0 || gap > query.maxGapMinutes * MINUTE || gap % GAP_STEP !== 0) broken.push(`gap before session ${index}`);
    }
    const everyone = [...spec.interviewers.people, ...session.picks.flatMap((pick) => pick.chosen.map((member) => member.interviewer))];
    if (JSON.stringify(everyone) !== JSON.stringify(session.interviewers)) broken.push(`session ${index} interviewers`);
    for (const person of everyone) {
      if (seen.has(person)) broken.push(`${person} twice`);
      seen.add(person);
      if (!isFreeFor(oracle, person, start, end)) broken.push(`${person} not free in session ${index}`);
    }
    spec.interviewers.pools.forEach((pool, poolIndex) => {
      const chosen = session.picks[poolIndex].chosen.map((member) => member.interviewer);
      if (chosen.length !== pool.count) broken.push(`session ${index} pool ${poolIndex} count`);
      if (chosen.some((member) => !pool.anyOf.includes(member))) broken.push(`session ${index} pool ${poolIndex} outsider`);
    });
  });
  broken.push(...unfairPicks(oracle, time, seen));
  return broken;
}

/** A chosen member that comes after a free member nobody in the loop took breaks the pick rule. */
function unfairPicks(oracle: Oracle, time: LoopTime, everyone: ReadonlySet<string>): string[] {
  const { query } = oracle;
  const people = new Map(query.people.map((person) => [person.interviewer, person]));
  const broken: string[] = [];
  time.sessions.forEach((session, index) => {
    const start = session.startsAt.getTime();
    const end = session.endsAt.getTime();
    query.sessions[index].interviewers.pools.forEach((pool, poolIndex) => {
      const key = (member: string): [number, number, number] => [...loadKey(people.get(member)!, start), pool.anyOf.indexOf(member)];
      const leftOut = pool.anyOf.filter((member) => !everyone.has(member) && isFreeFor(oracle, member, start, end));
      for (const chosen of session.picks[poolIndex].chosen) {
        const load = loadKey(people.get(chosen.interviewer)!, start);
        if (chosen.interviewsNearby !== load[0] || (chosen.lastInterviewAt?.getTime() ?? Number.NEGATIVE_INFINITY) !== load[1]) {
          broken.push(`${chosen.interviewer}'s load`);
        }
        for (const other of leftOut)
          if (!comesBefore(key(chosen.interviewer), key(other))) broken.push(`${chosen.interviewer} picked before ${other}`);
      }
    });
  });
  return broken;
}

// ---------------------------------------------------------------------------------------------
// Scenarios

const minutes = (count: number) => count * MINUTE;

function periodsArbitrary(from: number, maxLength: number) {
  return fc.array(
    fc.record({ at: fc.integer({ min: -24 * 12, max: 60 * 12 }), length: fc.integer({ min: 1, max: 24 }) }).map(({ at, length }) => ({
      startsAt: new Date(from + minutes(at * 5)),
      endsAt: new Date(from + minutes((at + length) * 5)),
    })),
    { maxLength },
  );
}

/** For each session, each person's part in it: 0 none, 1 named directly, 2 in the first pool, 3 in the second. */
function sessionsArbitrary(peopleCount: number) {
  return fc
    .record({
      roles: fc.array(fc.array(fc.constantFrom(0, 0, 0, 0, 0, 1, 2, 2, 3), { minLength: peopleCount, maxLength: peopleCount }), {
        minLength: 2,
        maxLength: 3,
      }),
      durations: fc.array(fc.constantFrom(15, 30, 45, 60, 90), { minLength: 3, maxLength: 3 }),
      counts: fc.array(fc.constantFrom(1, 1, 1, 2), { minLength: 6, maxLength: 6 }),
    })
    .map(({ roles, durations, counts }) => {
      const namedSomewhere = new Set<number>();
      return roles.map((sessionRoles, index): LoopSession => {
        const people: string[] = [];
        const pools: string[][] = [[], []];
        sessionRoles.forEach((role, person) => {
          // A person is named directly in one session at most (the input rules refuse more).
          if (role === 1 && !namedSomewhere.has(person)) {
            namedSomewhere.add(person);
            people.push(NAMES[person]);
          } else if (role >= 2) {
            pools[role - 2].push(NAMES[person]);
          }
        });
        if (people.length === 0 && pools.every((pool) => pool.length === 0)) pools[0].push(NAMES[index % peopleCount]);
        const panel: PanelSpec = {
          people,
          pools: pools
            .filter((pool) => pool.length > 0)
            .map((anyOf, poolIndex) => ({ anyOf, count: Math.min(anyOf.length, counts[index * 2 + poolIndex]) })),
        };
        return { title: `Session ${index + 1}`, durationMinutes: durations[index], interviewers: panel };
      });
    });
}

const scenarioArbitrary: fc.Arbitrary<LoopTimesQuery> = fc
  .record({
    around: fc.constantFrom(...AROUND),
    shiftHours: fc.integer({ min: -12, max: 12 }),
    peopleCount: fc.integer({ min: 2, max: 5 }),
  })
  .chain(({ around, shiftHours, peopleCount }) => {
    const from = Date.parse(around) + shiftHours * HOUR;
    const personArbitrary = fc.record({
      zone: fc.constantFrom(...ZONES),
      hoursText: fc.constantFrom(...HOURS_TEXT),
      busy: periodsArbitrary(from, 4),
      interviews: periodsArbitrary(from, 3),
      interviewedBeforeHours: fc.option(fc.integer({ min: 1, max: 500 })),
      unreadable: fc.integer({ min: 0, max: 14 }).map((drawn) => drawn === 0),
    });
    return fc
      .record({
        people: fc.array(personArbitrary, { minLength: peopleCount, maxLength: peopleCount }),
        // Three in four can be filled at some time; the rest test that nothing is offered then.
        sessions: fc
          .tuple(sessionsArbitrary(peopleCount), fc.integer({ min: 0, max: 3 }))
          .filter(([sessions, anyway]) => anyway === 0 || poolsFillableAtSomeTime(sessions))
          .map(([sessions]) => sessions),
        maxGapMinutes: fc.constantFrom(0, 5, 10, 15, 30),
        windowHours: fc.integer({ min: 12, max: 48 }),
        gridZone: fc.constantFrom(...ZONES),
        step: fc.constantFrom(15, 30, 60),
        minimumNoticeMinutes: fc.constantFrom(0, 60, 240),
        bufferMinutes: fc.constantFrom(0, 5, 10),
        dailyLimit: fc.integer({ min: 2, max: 4 }),
        limit: fc.integer({ min: 1, max: 40 }),
        nowShiftMinutes: fc.integer({ min: -24 * 60, max: 6 * 60 }),
      })
      .map((drawn): LoopTimesQuery => {
        const rules: FreeTimeRules = {
          minimumNoticeMinutes: drawn.minimumNoticeMinutes,
          bufferMinutes: drawn.bufferMinutes,
          dailyLimit: drawn.dailyLimit,
          slotStepMinutes: drawn.step,
        };
        return {
          sessions: drawn.sessions,
          maxGapMinutes: drawn.maxGapMinutes,
          people: drawn.people.map((person, index) => ({
            interviewer: NAMES[index],
            zone: person.zone,
            workingHours: hours(person.hoursText),
            calendar: person.unreadable ? { status: 'unavailable', reason: 'refused' } : { status: 'read', busy: person.busy },
            interviews: person.interviews,
            interviewedBefore: person.interviewedBeforeHours === null ? null : new Date(from - person.interviewedBeforeHours * HOUR),
          })),
          from: new Date(from),
          to: new Date(from + drawn.windowHours * HOUR),
          now: new Date(from + minutes(drawn.nowShiftMinutes)),
          gridZone: drawn.gridZone,
          rules,
          limit: drawn.limit,
        };
      });
  });

/**
 * Three sessions drawing on one small pool, with calendars full of short meetings: where pools
 * compete for people and a session's best start depends on who the sessions before it left.
 */
const sharedPoolScenarioArbitrary: fc.Arbitrary<LoopTimesQuery> = fc
  .record({
    from: fc.constantFrom(...AROUND).map((around) => Date.parse(around)),
    poolSizes: fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 3, maxLength: 3 }),
    durations: fc.array(fc.constantFrom(15, 30, 45), { minLength: 3, maxLength: 3 }),
    maxGapMinutes: fc.constantFrom(5, 10, 20, 30),
    meetings: fc.array(
      fc.array(fc.record({ at: fc.integer({ min: 0, max: 12 * 12 }), length: fc.integer({ min: 1, max: 9 }) }), { maxLength: 10 }),
      {
        minLength: 5,
        maxLength: 5,
      },
    ),
    limit: fc.integer({ min: 5, max: 60 }),
  })
  .map(({ from, poolSizes, durations, maxGapMinutes, meetings, limit }) => ({
    sessions: durations.map((durationMinutes, index) => ({
      title: `Round ${index + 1}`,
      durationMinutes,
      interviewers: { people: [], pools: [{ anyOf: NAMES.slice(index % 2, (index % 2) + poolSizes[index]), count: 1 }] },
    })),
    maxGapMinutes,
    people: meetings.map((periods, index) => ({
      interviewer: NAMES[index],
      zone: 'UTC',
      workingHours: hours('Mon-Sun 00:00-24:00'),
      calendar: {
        status: 'read' as const,
        busy: periods.map(({ at, length }) => ({
          startsAt: new Date(from + minutes(at * 5)),
          endsAt: new Date(from + minutes((at + length) * 5)),
        })),
      },
      interviews: [],
    })),
    from: new Date(from),
    to: new Date(from + 12 * HOUR),
    now: new Date(from - 24 * HOUR),
    gridZone: 'UTC',
    rules: { minimumNoticeMinutes: 0, bufferMinutes: 0, dailyLimit: 4, slotStepMinutes: 15 },
    limit,
  }));

const layoutsOf = (times: readonly LoopTime[]) =>
  times.map((time) => time.sessions.map((session) => new Date(session.startsAt).toISOString()));
const isoLayouts = (layouts: number[][]) => layouts.map((starts) => starts.map((start) => new Date(start).toISOString()));

describe('loop times, for any sessions, pools, calendars and clocks', () => {
  it('never offers a loop time that breaks a rule: order, gaps, free time, one day, pool counts, nobody twice, fair picks', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (query) => {
        const oracle = oracleFor(query);
        const { loopTimes } = findLoopTimes(query);
        expect(loopTimes.length).toBeLessThanOrEqual(query.limit);
        for (const [index, time] of loopTimes.entries()) {
          expect({ startsAt: time.startsAt.toISOString(), broken: brokenRules(oracle, time) }).toEqual({
            startsAt: time.startsAt.toISOString(),
            broken: [],
          });
          if (index > 0) expect(time.startsAt.getTime()).toBeGreaterThan(loopTimes[index - 1].startsAt.getTime());
        }
      }),
      { numRuns: 250 },
    );
  });

  it('offers exactly the earliest first starts the rules allow, each laid out as early as it can be, missing none', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (query) => {
        expect(layoutsOf(findLoopTimes(query).loopTimes)).toEqual(isoLayouts(expectedLayouts(oracleFor(query))));
      }),
      { numRuns: 150 },
    );
  });

  it('shares a pool between sessions exactly as the brute force does, with every pick fair', () => {
    fc.assert(
      fc.property(sharedPoolScenarioArbitrary, (query) => {
        const oracle = oracleFor(query);
        const { loopTimes } = findLoopTimes(query);
        expect(layoutsOf(loopTimes)).toEqual(isoLayouts(expectedLayouts(oracle)));
        for (const time of loopTimes) expect(brokenRules(oracle, time)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('never gains a loop time when someone’s calendar gains a busy period', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.nat(),
        fc.integer({ min: -120, max: 40 * 60 }),
        fc.integer({ min: 1, max: 240 }),
        (scenario, who, offset, length) => {
          const query = { ...scenario, limit: 10_000 };
          const before = new Set(findLoopTimes(query).loopTimes.map((time) => time.startsAt.getTime()));
          const index = who % query.people.length;
          const person = query.people[index];
          if (person.calendar.status !== 'read') return;
          const extra = {
            startsAt: new Date(query.from.getTime() + minutes(offset)),
            endsAt: new Date(query.from.getTime() + minutes(offset + length)),
          };
          const busier: PlanPerson = { ...person, calendar: { status: 'read', busy: [...person.calendar.busy, extra] } };
          const after = findLoopTimes({ ...query, people: query.people.map((each, position) => (position === index ? busier : each)) });
          for (const time of after.loopTimes) expect(before.has(time.startsAt.getTime())).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('finds a single panel’s times with pools by the same rules, crossing midnight allowed', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const session = scenario.sessions[0];
        const query = { ...scenario, sessions: [session] };
        const oracle = oracleFor(query, false);
        const answer = findPanelTimes({ ...query, interviewers: session.interviewers, durationMinutes: session.durationMinutes });
        expect(answer.freeTimes.map((time) => [time.startsAt.toISOString()])).toEqual(isoLayouts(expectedLayouts(oracle)));
        for (const time of answer.freeTimes) {
          expect(
            brokenRules(oracle, { startsAt: time.startsAt, endsAt: time.endsAt, sessions: [{ ...time, title: session.title }] }),
          ).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
