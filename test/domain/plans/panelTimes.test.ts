import fc from 'fast-check';
import { findFreeTimes } from '../../../src/domain/calendars/freeTimes';
import { findPanelTimes, type PanelTimesQuery } from '../../../src/domain/plans/panelTimes';
import { FRIDAY_BEFORE, hours, interviewsAt, MONDAY, person, pool, range, RULES } from './planFixtures';

const ADA = 'ada@acme.test';
const BOB = 'bob@acme.test';
const CAT = 'cat@acme.test';
const DAN = 'dan@acme.test';

function query(overrides: Partial<PanelTimesQuery>): PanelTimesQuery {
  return {
    interviewers: { people: [], pools: [] },
    people: [],
    durationMinutes: 60,
    from: new Date(MONDAY),
    to: new Date('2025-06-09T00:00:00Z'),
    now: new Date(FRIDAY_BEFORE),
    gridZone: 'UTC',
    rules: RULES,
    limit: 3,
    ...overrides,
  };
}

const times = (answer: ReturnType<typeof findPanelTimes>) =>
  answer.freeTimes.map((time) => [time.startsAt.toISOString().slice(0, 16), ...time.interviewers]);

describe('the free times of a panel with pools', () => {
  it('offers a time when any one member of the pool is free, and says whom it picked', () => {
    // Ada is busy all morning; Bob only until 10:00 (free from 10:10 with the buffer).
    const people = [
      person(CAT),
      person(ADA, { busy: [range('2025-06-02T09:00:00Z', '2025-06-02T12:00:00Z')] }),
      person(BOB, { busy: [range('2025-06-02T09:00:00Z', '2025-06-02T10:00:00Z')] }),
    ];
    const answer = findPanelTimes(query({ interviewers: { people: [CAT], pools: [pool([ADA, BOB])] }, people }));
    expect(times(answer)).toEqual([
      ['2025-06-02T10:30', CAT, BOB],
      ['2025-06-02T11:00', CAT, BOB],
      ['2025-06-02T11:30', CAT, BOB],
    ]);
    expect(answer.freeTimes[0].picks[0]).toMatchObject({ chosen: [{ interviewer: BOB, reason: 'only_free' }], notFree: [ADA] });
  });

  it('picks the member with fewer interviews that week when both are free', () => {
    const people = [
      person(ADA, { interviews: interviewsAt('2025-06-03T14:00:00Z', '2025-06-04T14:00:00Z') }),
      person(BOB, { interviews: interviewsAt('2025-06-05T14:00:00Z') }),
    ];
    const answer = findPanelTimes(query({ interviewers: { people: [], pools: [pool([ADA, BOB])] }, people, limit: 1 }));
    expect(answer.freeTimes[0].picks[0]).toEqual({
      pool: pool([ADA, BOB]),
      chosen: [{ interviewer: BOB, interviewsNearby: 1, lastInterviewAt: null, reason: 'fewest_interviews' }],
      passedOver: [{ interviewer: ADA, interviewsNearby: 2, lastInterviewAt: null }],
      notFree: [],
      inOtherSessions: [],
    });
  });

  it('weighs the week around each time: later in the week the other member has had fewer', () => {
    // Ada's three interviews are on Monday; Bob's two on the next Monday. By Friday afternoon Ada's are over 3.5 days back.
    const people = [
      person(ADA, { interviews: interviewsAt('2025-06-02T07:00:00Z', '2025-06-02T07:30:00Z', '2025-06-02T08:00:00Z') }),
      person(BOB, { interviews: interviewsAt('2025-06-09T07:00:00Z', '2025-06-09T07:30:00Z') }),
    ];
    const pickAt = (from: string) =>
      findPanelTimes(query({ interviewers: { people: [], pools: [pool([ADA, BOB])] }, people, from: new Date(from), limit: 1 }))
        .freeTimes[0].interviewers;
    expect(pickAt('2025-06-02T09:00:00Z')).toEqual([BOB]);
    expect(pickAt('2025-06-06T15:00:00Z')).toEqual([ADA]);
  });

  it('needs two free members for a pool of two out of three', () => {
    const people = [
      person(ADA, { busy: [range('2025-06-02T09:00:00Z', '2025-06-02T11:00:00Z')] }),
      person(BOB, { busy: [range('2025-06-02T09:00:00Z', '2025-06-02T12:00:00Z')] }),
      person(CAT),
    ];
    const answer = findPanelTimes(query({ interviewers: { people: [], pools: [pool([ADA, BOB, CAT], 2)] }, people, limit: 1 }));
    expect(times(answer)).toEqual([['2025-06-02T11:30', ADA, CAT]]);
  });

  it('lets a single interview cross midnight, as free times do', () => {
    const anyTime = hours('Mon-Sun 00:00-24:00');
    const people = [person(ADA, { workingHours: anyTime, busy: [range('2025-06-02T00:00:00Z', '2025-06-02T23:20:00Z')] })];
    const answer = findPanelTimes(
      query({
        interviewers: { people: [], pools: [pool([ADA, DAN])] },
        people: [...people, person(DAN, { calendar: { status: 'unavailable', reason: 'no mailbox' } })],
        limit: 1,
      }),
    );
    expect(times(answer)).toEqual([['2025-06-02T23:30', ADA]]);
  });

  it('offers the same times as findFreeTimes for a panel without pools', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            busy: fc.array(fc.record({ at: fc.integer({ min: 0, max: 7 * 96 }), length: fc.integer({ min: 1, max: 16 }) }), {
              maxLength: 8,
            }),
            zone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.constantFrom(30, 45, 60),
        fc.integer({ min: 1, max: 60 }),
        (members, durationMinutes, limit) => {
          const quarter = 15 * 60_000;
          const panel = members.map((member, index) =>
            person(`p${index}@acme.test`, {
              zone: member.zone,
              busy: member.busy.map(({ at, length }) => ({
                startsAt: new Date(Date.parse(MONDAY) + at * quarter),
                endsAt: new Date(Date.parse(MONDAY) + (at + length) * quarter),
              })),
            }),
          );
          const base = {
            durationMinutes,
            from: new Date(MONDAY),
            to: new Date('2025-06-09T00:00:00Z'),
            now: new Date(FRIDAY_BEFORE),
            gridZone: 'UTC',
            rules: RULES,
            limit,
          };
          const expected = findFreeTimes({ ...base, panel }).freeTimes;
          const found = findPanelTimes({
            ...base,
            interviewers: { people: panel.map((each) => each.interviewer), pools: [] },
            people: panel,
          }).freeTimes;
          expect(found.map((time) => [time.startsAt, time.endsAt])).toEqual(expected.map((time) => [time.startsAt, time.endsAt]));
        },
      ),
      { numRuns: 100 },
    );
  });
});
