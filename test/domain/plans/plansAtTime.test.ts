import { movedSessionsConflicts, planLoopAt, planPanelAt } from '../../../src/domain/plans/plansAtTime';
import { interviewsAt, person, pool, range, session } from './planFixtures';

const ADA = 'ada@acme.test';
const BOB = 'bob@acme.test';
const CAT = 'cat@acme.test';
const DAN = 'dan@acme.test';

const NINE = new Date('2025-06-02T09:00:00Z');
const onsite = [session('Coding', 60, [ADA]), session('System design', 60, [BOB]), session('Culture', 45, [], [pool([CAT, DAN])])];

const agenda = (answer: ReturnType<typeof planLoopAt>) =>
  answer.sessions.map((each) => [each.startsAt.toISOString().slice(11, 16), each.endsAt.toISOString().slice(11, 16), ...each.interviewers]);
const iso = (busy: ReturnType<typeof planLoopAt>['busy']) =>
  busy.map((each) => [each.interviewer, each.startsAt.toISOString().slice(11, 16), each.endsAt.toISOString().slice(11, 16)]);

describe('a loop at a time chosen by hand', () => {
  it('lays the sessions back to back when nobody’s calendar is busy, whatever the working hours or notice', () => {
    // 07:00 is outside working hours: only calendars count at a chosen time.
    const answer = planLoopAt({
      sessions: onsite,
      maxGapMinutes: 15,
      firstStart: new Date('2025-06-02T07:00:00Z'),
      people: [ADA, BOB, CAT, DAN].map((name) => person(name)),
    });
    expect(answer.fits).toBe(true);
    expect(agenda(answer)).toEqual([
      ['07:00', '08:00', ADA],
      ['08:00', '09:00', BOB],
      ['09:00', '09:45', CAT],
    ]);
    expect(answer.busy).toEqual([]);
  });

  it('leaves the smallest gap that works when someone is busy just at the start of their session', () => {
    // Bob's meeting runs until 10:10: without buffers at a chosen time, his session starts right then.
    const people = [person(ADA), person(BOB, { busy: [range('2025-06-02T09:30:00Z', '2025-06-02T10:10:00Z')] }), person(CAT), person(DAN)];
    const answer = planLoopAt({ sessions: onsite, maxGapMinutes: 15, firstStart: NINE, people });
    expect(answer.fits).toBe(true);
    expect(agenda(answer)).toEqual([
      ['09:00', '10:00', ADA],
      ['10:10', '11:10', BOB],
      ['11:10', '11:55', CAT],
    ]);
  });

  it('names who is busy, and when, in the back-to-back layout when no gap helps', () => {
    const people = [person(ADA), person(BOB, { busy: [range('2025-06-02T09:30:00Z', '2025-06-02T10:30:00Z')] }), person(CAT), person(DAN)];
    const answer = planLoopAt({ sessions: onsite, maxGapMinutes: 15, firstStart: NINE, people });
    expect(answer.fits).toBe(false);
    expect(iso(answer.busy)).toEqual([[BOB, '10:00', '10:30']]);
    // What allowConflicts would book: back to back.
    expect(agenda(answer)).toEqual([
      ['09:00', '10:00', ADA],
      ['10:00', '11:00', BOB],
      ['11:00', '11:45', CAT],
    ]);
  });

  it('names every member of a pool when none of them is free for its session', () => {
    const people = [
      person(ADA),
      person(BOB),
      person(CAT, { busy: [range('2025-06-02T10:30:00Z', '2025-06-02T12:00:00Z')] }),
      person(DAN, { busy: [range('2025-06-02T11:30:00Z', '2025-06-02T11:40:00Z')] }),
    ];
    const answer = planLoopAt({ sessions: onsite, maxGapMinutes: 0, firstStart: NINE, people });
    expect(answer.fits).toBe(false);
    expect(iso(answer.busy)).toEqual([
      [CAT, '11:00', '11:45'],
      [DAN, '11:30', '11:40'],
    ]);
    // Were conflicts allowed, the pick rule would still choose among the busy: first in the pool's order here.
    expect(answer.sessions[2].picks[0].chosen).toEqual([expect.objectContaining({ interviewer: CAT, reason: 'conflicts_allowed' })]);
  });

  it('never picks a pool member who has another interview in this app then, though it does not stop a named interviewer', () => {
    const people = [
      person(ADA, { interviews: interviewsAt('2025-06-02T09:00:00Z') }),
      person(BOB),
      person(CAT, { interviews: interviewsAt('2025-06-02T11:00:00Z') }),
      person(DAN, { interviews: interviewsAt('2025-06-05T11:00:00Z', '2025-06-06T11:00:00Z') }),
    ];
    const answer = planLoopAt({ sessions: onsite, maxGapMinutes: 15, firstStart: NINE, people });
    expect(answer.fits).toBe(true);
    // Cat has fewer interviews this week but is interviewing at 11:00; Dan is free.
    expect(agenda(answer)[2]).toEqual(['11:00', '11:45', DAN]);
    expect(answer.sessions[2].picks[0]).toMatchObject({ chosen: [{ interviewer: DAN, reason: 'only_free' }], notFree: [CAT] });
  });

  it('picks fairly at the chosen time and lists calendars it could not read', () => {
    const people = [
      person(ADA, { calendar: { status: 'unavailable', reason: 'Microsoft 365 has no mailbox for ada@acme.test' } }),
      person(BOB),
      person(CAT, { interviews: interviewsAt('2025-06-03T14:00:00Z') }),
      person(DAN),
    ];
    const answer = planLoopAt({ sessions: onsite, maxGapMinutes: 15, firstStart: NINE, people });
    expect(answer.fits).toBe(true);
    expect(answer.sessions[2].picks[0].chosen).toEqual([
      { interviewer: DAN, interviewsNearby: 0, lastInterviewAt: null, reason: 'fewest_interviews' },
    ]);
    expect(answer.unknown).toEqual([{ interviewer: ADA, reason: 'Microsoft 365 has no mailbox for ada@acme.test' }]);
  });

  it('picks a pool member whose calendar it read over one whose calendar it could not, however few their interviews', () => {
    const unreadable = { status: 'unavailable' as const, reason: 'Google refused the grant' };
    const people = [person(ADA, { calendar: unreadable }), person(BOB, { interviews: interviewsAt('2025-06-03T14:00:00Z') })];
    const answer = planPanelAt({ interviewers: { people: [], pools: [pool([ADA, BOB])] }, durationMinutes: 45, startsAt: NINE, people });
    expect(answer.fits).toBe(true);
    expect(answer.sessions[0].interviewers).toEqual([BOB]);
    expect(answer.sessions[0].picks[0]).toMatchObject({ chosen: [{ interviewer: BOB, reason: 'only_free' }], notFree: [ADA] });
    expect(answer.unknown).toEqual([{ interviewer: ADA, reason: 'Google refused the grant' }]);
  });

  it('picks a member whose calendar it could not read only when too few readable ones are free, and says whose', () => {
    const unreadable = { status: 'unavailable' as const, reason: 'Google refused the grant' };
    const people = [
      person(ADA, { calendar: unreadable }),
      person(BOB, { busy: [range('2025-06-02T09:00:00Z', '2025-06-02T10:00:00Z')] }),
      person(CAT),
    ];
    const answer = planPanelAt({
      interviewers: { people: [], pools: [pool([ADA, BOB, CAT], 2)] },
      durationMinutes: 45,
      startsAt: NINE,
      people,
    });
    expect(answer.fits).toBe(true);
    expect([...answer.sessions[0].interviewers].sort()).toEqual([ADA, CAT]);
    expect(answer.busy).toEqual([]);
    expect(answer.unknown).toEqual([{ interviewer: ADA, reason: 'Google refused the grant' }]);
  });

  it('keeps a person named directly whatever their calendar, and still prefers readable pool members beside them', () => {
    const unreadable = { status: 'unavailable' as const, reason: 'Microsoft 365 has no mailbox for ada@acme.test' };
    const people = [
      person(ADA, { calendar: unreadable }),
      person(BOB, { calendar: unreadable }),
      person(CAT, { interviews: interviewsAt('2025-06-02T15:00:00Z') }),
    ];
    const answer = planPanelAt({ interviewers: { people: [ADA], pools: [pool([BOB, CAT])] }, durationMinutes: 45, startsAt: NINE, people });
    expect(answer.fits).toBe(true);
    expect(answer.sessions[0].interviewers).toEqual([ADA, CAT]);
  });

  it('checks a single interview with a pool the same way', () => {
    const people = [
      person(ADA, { busy: [range('2025-06-02T09:00:00Z', '2025-06-02T09:15:00Z')] }),
      person(BOB, { busy: [range('2025-06-02T09:30:00Z', '2025-06-02T09:45:00Z')] }),
    ];
    const panel = { people: [], pools: [pool([ADA, BOB])] };
    const busy = planPanelAt({ interviewers: panel, durationMinutes: 60, startsAt: NINE, people });
    expect(busy.fits).toBe(false);
    expect(iso(busy.busy)).toEqual([
      [ADA, '09:00', '09:15'],
      [BOB, '09:30', '09:45'],
    ]);
    const free = planPanelAt({ interviewers: panel, durationMinutes: 30, startsAt: new Date('2025-06-02T09:15:00Z'), people });
    expect(free.fits).toBe(true);
    expect(free.sessions[0].interviewers).toEqual([ADA]);
  });
});

describe('moving a booked loop', () => {
  it('reports each session’s clashes with its own people’s calendars, ignoring its own event where it was', () => {
    const calendars = new Map([
      [ADA, { status: 'read' as const, busy: [range('2025-06-02T09:00:00Z', '2025-06-02T10:00:00Z')] }],
      [BOB, { status: 'read' as const, busy: [range('2025-06-03T10:30:00Z', '2025-06-03T11:00:00Z')] }],
      [CAT, { status: 'unavailable' as const, reason: 'Google refused the grant' }],
    ]);
    const conflicts = movedSessionsConflicts(
      [
        // Ada's busy hour on Monday is this session's own event, where it is now.
        {
          interviewers: [ADA],
          time: range('2025-06-03T09:00:00Z', '2025-06-03T10:00:00Z'),
          currentTime: range('2025-06-02T09:00:00Z', '2025-06-02T10:00:00Z'),
        },
        {
          interviewers: [BOB, CAT],
          time: range('2025-06-03T10:00:00Z', '2025-06-03T11:00:00Z'),
          currentTime: range('2025-06-02T10:00:00Z', '2025-06-02T11:00:00Z'),
        },
        { interviewers: [CAT], time: range('2025-06-03T11:00:00Z', '2025-06-03T11:30:00Z') },
      ],
      calendars,
    );
    expect(conflicts.busy).toEqual([
      { interviewer: BOB, startsAt: new Date('2025-06-03T10:30:00Z'), endsAt: new Date('2025-06-03T11:00:00Z') },
    ]);
    expect(conflicts.unknown).toEqual([{ interviewer: CAT, reason: 'Google refused the grant' }]);
  });
});
