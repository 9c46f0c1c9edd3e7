import { findLoopTimeAt, findLoopTimes, type LoopTimesQuery } from '../../../src/domain/plans/loopTimes';
import { FRIDAY_BEFORE, hours, interviewsAt, MONDAY, person, pool, range, RULES, session } from './planFixtures';

const ADA = 'ada@acme.test';
const BOB = 'bob@acme.test';
const CAT = 'cat@acme.test';
const DAN = 'dan@acme.test';

function query(overrides: Partial<LoopTimesQuery>): LoopTimesQuery {
  return {
    sessions: [],
    maxGapMinutes: 15,
    people: [],
    from: new Date(MONDAY),
    to: new Date('2025-06-16T00:00:00Z'),
    now: new Date(FRIDAY_BEFORE),
    gridZone: 'UTC',
    rules: RULES,
    limit: 3,
    ...overrides,
  };
}

/** Each loop time as its sessions' "start-end" in UTC, hours and minutes, after the date of the first. */
function agendas(answer: ReturnType<typeof findLoopTimes>): string[][] {
  return answer.loopTimes.map((time) => [
    time.startsAt.toISOString().slice(0, 10),
    ...time.sessions.map((each) => `${each.startsAt.toISOString().slice(11, 16)}-${each.endsAt.toISOString().slice(11, 16)}`),
  ]);
}

const onsite = [
  session('Coding', 60, [ADA]),
  session('System design', 60, [BOB]),
  session('Behavioural', 45, [CAT]),
  session('Hiring manager', 30, [DAN]),
];

describe('finding times for a loop of sessions', () => {
  it('lays a four-session onsite back to back from nine o’clock when everyone is free', () => {
    const answer = findLoopTimes(query({ sessions: onsite, people: [ADA, BOB, CAT, DAN].map((name) => person(name)), limit: 2 }));
    expect(agendas(answer)).toEqual([
      ['2025-06-02', '09:00-10:00', '10:00-11:00', '11:00-11:45', '11:45-12:15'],
      ['2025-06-02', '09:30-10:30', '10:30-11:30', '11:30-12:15', '12:15-12:45'],
    ]);
    expect(answer.loopTimes[0].sessions.map((each) => [each.title, each.interviewers])).toEqual([
      ['Coding', [ADA]],
      ['System design', [BOB]],
      ['Behavioural', [CAT]],
      ['Hiring manager', [DAN]],
    ]);
    expect(answer.loopTimes[0]).toMatchObject({ startsAt: new Date('2025-06-02T09:00:00Z'), endsAt: new Date('2025-06-02T12:15:00Z') });
  });

  it('will not stretch the loop over an interviewer’s lunch when the longest gap is 15 minutes', () => {
    // Cat lunches 11:30-12:30; with the 10-minute buffer she is free again at 12:40.
    const people = [person(ADA), person(BOB), person(CAT, { busy: [range('2025-06-02T11:30:00Z', '2025-06-02T12:30:00Z')] }), person(DAN)];
    expect(agendas(findLoopTimes(query({ sessions: onsite, people, limit: 1 })))).toEqual([
      ['2025-06-02', '10:30-11:30', '11:30-12:30', '12:40-13:25', '13:25-13:55'],
    ]);
    // A two-hour allowance lets the loop start at nine and wait for her.
    expect(agendas(findLoopTimes(query({ sessions: onsite, people, maxGapMinutes: 120, limit: 1 })))).toEqual([
      ['2025-06-02', '09:00-10:00', '10:00-11:00', '12:40-13:25', '13:25-13:55'],
    ]);
  });

  it('starts the next session five minutes after the one before when its interviewer is only free then', () => {
    // Bob's meeting ends at 09:40; with the buffer he is free from 09:50.
    const sessions = [session('Coding', 45, [ADA]), session('System design', 60, [BOB])];
    const people = [person(ADA), person(BOB, { busy: [range('2025-06-02T08:00:00Z', '2025-06-02T09:40:00Z')] })];
    expect(agendas(findLoopTimes(query({ sessions, people, limit: 1 })))).toEqual([['2025-06-02', '09:00-09:45', '09:50-10:50']]);
  });

  it('moves the loop to when the only free member of a pool can take session 3', () => {
    // Dan is away on Monday; Cat has a meeting 11:00-12:00, so session 3 can start at 12:10 at the earliest.
    const sessions = [session('Coding', 60, [ADA]), session('System design', 60, [BOB]), session('Culture', 60, [], [pool([CAT, DAN])])];
    const people = [
      person(ADA),
      person(BOB),
      person(CAT, { busy: [range('2025-06-02T11:00:00Z', '2025-06-02T12:00:00Z')] }),
      person(DAN, { busy: [range('2025-06-02T00:00:00Z', '2025-06-03T00:00:00Z')] }),
    ];
    const answer = findLoopTimes(query({ sessions, people, limit: 1 }));
    expect(agendas(answer)).toEqual([['2025-06-02', '10:00-11:00', '11:00-12:00', '12:10-13:10']]);
    expect(answer.loopTimes[0].sessions[2].interviewers).toEqual([CAT]);
    expect(answer.loopTimes[0].sessions[2].picks).toEqual([
      {
        pool: pool([CAT, DAN]),
        chosen: [{ interviewer: CAT, interviewsNearby: 0, lastInterviewAt: null, reason: 'only_free' }],
        passedOver: [],
        notFree: [DAN],
        inOtherSessions: [],
      },
    ]);
  });

  it('gives each of two rounds drawing on one pool its own interviewer, the one with fewer interviews this week first', () => {
    const sessions = [session('Coding 1', 60, [], [pool([ADA, BOB, CAT])]), session('Coding 2', 60, [], [pool([ADA, BOB, CAT])])];
    const people = [
      person(ADA, { interviews: interviewsAt('2025-06-03T14:00:00Z', '2025-06-04T14:00:00Z', '2025-06-05T14:00:00Z') }),
      person(BOB, { interviews: interviewsAt('2025-06-03T15:00:00Z') }),
      person(CAT, { interviews: interviewsAt('2025-06-03T16:00:00Z', '2025-06-04T16:00:00Z') }),
    ];
    const [first] = findLoopTimes(query({ sessions, people, limit: 1 })).loopTimes;
    expect(first.sessions.map((each) => each.interviewers)).toEqual([[BOB], [CAT]]);
    expect(first.sessions[0].picks[0].chosen).toEqual([
      { interviewer: BOB, interviewsNearby: 1, lastInterviewAt: null, reason: 'fewest_interviews' },
    ]);
    expect(first.sessions[1].picks[0]).toMatchObject({
      chosen: [{ interviewer: CAT, interviewsNearby: 2, reason: 'fewest_interviews' }],
      passedOver: [{ interviewer: ADA, interviewsNearby: 3 }],
      inOtherSessions: [BOB],
    });
  });

  it('leaves to round 2 the only member free then, though round 1 would rather have had them', () => {
    // Ada has no interviews this week and Bob two, so round 1 alone would pick Ada; but Bob is busy in round 2.
    const sessions = [session('Round 1', 60, [], [pool([ADA, BOB])]), session('Round 2', 60, [], [pool([ADA, BOB])])];
    const people = [
      person(ADA),
      person(BOB, {
        busy: [range('2025-06-02T10:00:00Z', '2025-06-02T11:00:00Z')],
        interviews: interviewsAt('2025-06-04T14:00:00Z', '2025-06-05T14:00:00Z'),
      }),
    ];
    const [first] = findLoopTimes(query({ sessions, people, rules: { ...RULES, bufferMinutes: 0 }, limit: 1 })).loopTimes;
    expect(agendas({ loopTimes: [first], calendars: [] })).toEqual([['2025-06-02', '09:00-10:00', '10:00-11:00']]);
    expect(first.sessions.map((each) => each.interviewers)).toEqual([[BOB], [ADA]]);
    expect(first.sessions[0].picks[0]).toMatchObject({ chosen: [{ interviewer: BOB, reason: 'only_free' }], inOtherSessions: [ADA] });
  });

  it('keeps the whole loop on one day of the candidate’s clock', () => {
    // Tokyo is UTC+9: a loop starting at 12:00 UTC ends at midnight in Tokyo; one starting later would end the next day there.
    const anyTime = hours('Mon-Sun 00:00-24:00');
    const sessions = [session('One', 60, [ADA]), session('Two', 60, [BOB]), session('Three', 60, [CAT])];
    const people = [ADA, BOB, CAT].map((name) => person(name, { workingHours: anyTime }));
    const answer = findLoopTimes(query({ sessions, people, from: new Date('2025-06-02T12:00:00Z'), gridZone: 'Asia/Tokyo', limit: 2 }));
    expect(answer.loopTimes.map((time) => [time.startsAt.toISOString(), time.endsAt.toISOString()])).toEqual([
      ['2025-06-02T12:00:00.000Z', '2025-06-02T15:00:00.000Z'],
      ['2025-06-02T15:00:00.000Z', '2025-06-02T18:00:00.000Z'],
    ]);
  });

  it('never picks a pool member who already has the daily limit of interviews that day', () => {
    // Ada has two early interviews on Monday (the limit here is two); Bob has three later in the week.
    const sessions = [session('Coding', 60, [CAT]), session('Design', 60, [], [pool([ADA, BOB])])];
    const people = [
      person(ADA, { interviews: interviewsAt('2025-06-02T06:00:00Z', '2025-06-02T07:00:00Z') }),
      person(BOB, { interviews: interviewsAt('2025-06-03T14:00:00Z', '2025-06-04T14:00:00Z', '2025-06-05T14:00:00Z') }),
      person(CAT),
    ];
    const [first] = findLoopTimes(query({ sessions, people, rules: { ...RULES, dailyLimit: 2 }, limit: 1 })).loopTimes;
    expect(first.startsAt).toEqual(new Date('2025-06-02T09:00:00Z'));
    expect(first.sessions[1].picks[0]).toMatchObject({ chosen: [{ interviewer: BOB, reason: 'only_free' }], notFree: [ADA] });
  });

  it('passes over a pool member whose calendar cannot be read, and says whose and why', () => {
    const sessions = [session('Coding', 60, [CAT]), session('Design', 60, [], [pool([ADA, BOB])])];
    const people = [person(ADA, { calendar: { status: 'unavailable', reason: 'Google refused the grant' } }), person(BOB), person(CAT)];
    const answer = findLoopTimes(query({ sessions, people, limit: 1 }));
    expect(answer.loopTimes[0].sessions[1].interviewers).toEqual([BOB]);
    expect(answer.calendars).toEqual([
      { interviewer: ADA, status: 'unavailable', reason: 'Google refused the grant' },
      { interviewer: BOB, status: 'read' },
      { interviewer: CAT, status: 'read' },
    ]);
  });

  it('offers nothing when one session’s only interviewer is away the whole fortnight', () => {
    const people = [person(ADA), person(BOB), person(CAT, { busy: [range('2025-06-01T00:00:00Z', '2025-06-17T00:00:00Z')] }), person(DAN)];
    expect(findLoopTimes(query({ sessions: onsite, people })).loopTimes).toEqual([]);
  });

  it('offers at most the limit, earliest first, one a grid step after another', () => {
    const answer = findLoopTimes(query({ sessions: onsite, people: [ADA, BOB, CAT, DAN].map((name) => person(name)), limit: 20 }));
    expect(answer.loopTimes).toHaveLength(20);
    // 09:00 to 13:30 on each weekday: the loop takes 3 h 15 and must end by 17:00.
    expect(answer.loopTimes.map((time) => time.startsAt.toISOString().slice(5, 16))).toEqual([
      ...['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '13:00', '13:30'].map((at) => `06-02T${at}`),
      ...['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '13:00', '13:30'].map((at) => `06-03T${at}`),
    ]);
  });
});

describe('checking a loop time again before booking it', () => {
  const people = [ADA, BOB, CAT, DAN].map((name) => person(name));
  const base = {
    sessions: onsite,
    maxGapMinutes: 15,
    people,
    to: new Date('2025-06-16T00:00:00Z'),
    now: new Date(FRIDAY_BEFORE),
    gridZone: 'UTC',
    rules: RULES,
  };

  it('gives the layout of a first start that is still free', () => {
    const found = findLoopTimeAt(base, new Date('2025-06-03T10:00:00Z'));
    expect(found?.sessions.map((each) => each.startsAt.toISOString())).toEqual([
      '2025-06-03T10:00:00.000Z',
      '2025-06-03T11:00:00.000Z',
      '2025-06-03T12:00:00.000Z',
      '2025-06-03T12:45:00.000Z',
    ]);
  });

  it('answers null once someone has become busy then, rather than another time', () => {
    const busyBob = person(BOB, { busy: [range('2025-06-03T11:00:00Z', '2025-06-03T13:00:00Z')] });
    expect(findLoopTimeAt({ ...base, people: [people[0], busyBob, people[2], people[3]] }, new Date('2025-06-03T10:00:00Z'))).toBeNull();
  });
});
