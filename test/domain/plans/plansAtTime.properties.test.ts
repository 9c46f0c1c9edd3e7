import fc from 'fast-check';
import type { TimeRange } from '../../../src/domain/calendars/freeTimes';
import type { LoopSession } from '../../../src/domain/plans/loopInput';
import type { PlanPerson } from '../../../src/domain/plans/planPeople';
import { planLoopAt, type LoopAtTimeQuery } from '../../../src/domain/plans/plansAtTime';
import { person, poolsFillableAtSomeTime, subsetsOf } from './planFixtures';

/**
 * A loop at a chosen time, against brute force: every gap in 5-minute steps and every way of
 * choosing pool members, "busy" read straight from the calendars (and, for pool members, their
 * interviews in this app).
 */

const MINUTE = 60_000;
const NAMES = ['ada', 'bob', 'cat', 'dan', 'eve'].map((name) => `${name}@acme.test`);
const FIRST_START = Date.parse('2025-06-02T09:00:00Z');

const overlaps = (periods: readonly TimeRange[], start: number, end: number) =>
  periods.some((period) => period.startsAt.getTime() < end && start < period.endsAt.getTime());

function calendarBusy(person: PlanPerson): TimeRange[] {
  return person.calendar.status === 'read' ? person.calendar.busy : [];
}

function* gapTuples(count: number, maxGapMinutes: number): Generator<number[]> {
  if (count === 0) {
    yield [];
    return;
  }
  for (let gap = 0; gap <= maxGapMinutes; gap += 5) for (const rest of gapTuples(count - 1, maxGapMinutes)) yield [gap * MINUTE, ...rest];
}

function startsWithGaps(query: LoopAtTimeQuery, gaps: readonly number[]): number[] {
  const starts = [query.firstStart.getTime()];
  gaps.forEach((gap, index) => starts.push(starts[index] + query.sessions[index].durationMinutes * MINUTE + gap));
  return starts;
}

function poolMemberIsFree(query: LoopAtTimeQuery, member: string, start: number, end: number): boolean {
  const someone = query.people.find((each) => each.interviewer === member)!;
  return !overlaps(calendarBusy(someone), start, end) && !overlaps(someone.interviews, start, end);
}

function layoutFits(query: LoopAtTimeQuery, starts: readonly number[]): boolean {
  const named = new Set(query.sessions.flatMap((session) => session.interviewers.people));
  const end = (index: number) => starts[index] + query.sessions[index].durationMinutes * MINUTE;
  const namedFree = query.sessions.every((session, index) =>
    session.interviewers.people.every(
      (name) => !overlaps(calendarBusy(query.people.find((each) => each.interviewer === name)!), starts[index], end(index)),
    ),
  );
  const pools = query.sessions.flatMap((session, index) => session.interviewers.pools.map((pool) => ({ index, pool })));
  const choose = (position: number, used: Set<string>): boolean => {
    if (position === pools.length) return true;
    const { index, pool } = pools[position];
    const candidates = pool.anyOf.filter(
      (member) => !named.has(member) && !used.has(member) && poolMemberIsFree(query, member, starts[index], end(index)),
    );
    for (const chosen of subsetsOf(candidates, pool.count)) if (choose(position + 1, new Set([...used, ...chosen]))) return true;
    return false;
  };
  return namedFree && choose(0, new Set());
}

const periodsArbitrary = fc.array(
  fc.record({ at: fc.integer({ min: -12, max: 60 }), length: fc.integer({ min: 1, max: 12 }) }).map(({ at, length }) => ({
    startsAt: new Date(FIRST_START + at * 5 * MINUTE),
    endsAt: new Date(FIRST_START + (at + length) * 5 * MINUTE),
  })),
  { maxLength: 3 },
);

/** For each session, each person's part in it: 0 none, 1 named directly (in one session at most), 2 in its pool. */
function sessionsFrom(roles: readonly number[][], durations: readonly number[]): LoopSession[] {
  const namedSomewhere = new Set<string>();
  return roles.map((sessionRoles, index): LoopSession => {
    const people: string[] = [];
    const members: string[] = [];
    sessionRoles.forEach((role, position) => {
      if (role === 1 && !namedSomewhere.has(NAMES[position])) {
        namedSomewhere.add(NAMES[position]);
        people.push(NAMES[position]);
      } else if (role === 2) {
        members.push(NAMES[position]);
      }
    });
    if (people.length === 0 && members.length === 0) members.push(NAMES[index]);
    return {
      title: `Session ${index + 1}`,
      durationMinutes: durations[index],
      interviewers: { people, pools: members.length > 0 ? [{ anyOf: members, count: 1 }] : [] },
    };
  });
}

const queryArbitrary: fc.Arbitrary<LoopAtTimeQuery> = fc
  .record({
    busy: fc.array(periodsArbitrary, { minLength: 5, maxLength: 5 }),
    interviews: fc.array(periodsArbitrary, { minLength: 5, maxLength: 5 }),
    roles: fc.array(fc.array(fc.constantFrom(0, 0, 0, 1, 2, 2), { minLength: 5, maxLength: 5 }), { minLength: 2, maxLength: 3 }),
    durations: fc.array(fc.constantFrom(15, 30, 45, 60), { minLength: 3, maxLength: 3 }),
    maxGapMinutes: fc.constantFrom(0, 5, 15, 30),
  })
  // As checkLoopSpec accepts them: pools that some choice of people fills, time aside.
  .filter(({ roles }) => poolsFillableAtSomeTime(sessionsFrom(roles, [15, 15, 15])))
  .map(({ busy, interviews, roles, durations, maxGapMinutes }) => {
    const sessions = sessionsFrom(roles, durations);
    return {
      sessions,
      maxGapMinutes,
      firstStart: new Date(FIRST_START),
      people: NAMES.map((name, index) => person(name, { busy: busy[index], interviews: interviews[index] })),
    };
  });

describe('a loop at a chosen time, for any calendars', () => {
  it('fits exactly when some layout from that start has everyone free, and then uses the earliest one', () => {
    fc.assert(
      fc.property(queryArbitrary, (query) => {
        const answer = planLoopAt(query);
        let expected: number[] | null = null;
        for (const gaps of gapTuples(query.sessions.length - 1, query.maxGapMinutes)) {
          const starts = startsWithGaps(query, gaps);
          if (layoutFits(query, starts)) {
            expected = starts;
            break;
          }
        }
        expect(answer.fits).toBe(expected !== null);
        const starts = answer.sessions.map((session) => session.startsAt.getTime());
        expect(starts).toEqual(
          expected ??
            startsWithGaps(
              query,
              query.sessions.slice(1).map(() => 0),
            ),
        );
        if (!expected) expect(answer.busy.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  it('when it fits, gives every pool its count of free members, nobody twice, none passed over for a busier one', () => {
    fc.assert(
      fc.property(queryArbitrary, (query) => {
        const answer = planLoopAt(query);
        if (!answer.fits) return;
        const everyone = answer.sessions.flatMap((session) => session.interviewers);
        expect(new Set(everyone).size).toBe(everyone.length);
        answer.sessions.forEach((session, index) => {
          const start = session.startsAt.getTime();
          const end = session.endsAt.getTime();
          query.sessions[index].interviewers.pools.forEach((pool, poolIndex) => {
            const chosen = session.picks[poolIndex].chosen;
            expect(chosen).toHaveLength(pool.count);
            for (const member of chosen) expect(poolMemberIsFree(query, member.interviewer, start, end)).toBe(true);
            const leftOut = pool.anyOf.filter((member) => !everyone.includes(member) && poolMemberIsFree(query, member, start, end));
            for (const member of chosen) {
              for (const other of session.picks[poolIndex].passedOver.filter((each) => leftOut.includes(each.interviewer))) {
                expect(member.interviewsNearby).toBeLessThanOrEqual(other.interviewsNearby);
              }
            }
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  it('when it does not fit, names only real clashes within the back-to-back sessions', () => {
    fc.assert(
      fc.property(queryArbitrary, (query) => {
        const answer = planLoopAt(query);
        if (answer.fits) return;
        for (const clash of answer.busy) {
          const someone = query.people.find((each) => each.interviewer === clash.interviewer)!;
          const within = answer.sessions.some(
            (session, index) =>
              [
                ...query.sessions[index].interviewers.people,
                ...query.sessions[index].interviewers.pools.flatMap((pool) => pool.anyOf),
              ].includes(clash.interviewer) &&
              session.startsAt <= clash.startsAt &&
              clash.endsAt <= session.endsAt,
          );
          expect(within).toBe(true);
          expect(overlaps([...calendarBusy(someone), ...someone.interviews], clash.startsAt.getTime(), clash.endsAt.getTime())).toBe(true);
          expect(clash.endsAt.getTime()).toBeGreaterThan(clash.startsAt.getTime());
        }
      }),
      { numRuns: 300 },
    );
  });
});
