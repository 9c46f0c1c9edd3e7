import fc from 'fast-check';
import { InterviewLoadBook, pickFromPool, type MemberLoad } from '../../../src/domain/plans/poolPick';

const HOUR = 3_600_000;
const pool = { anyOf: ['ada', 'bob', 'cat', 'dan'], count: 1 };
const load = (interviewer: string, interviewsNearby: number, lastInterviewAt: string | null = null): MemberLoad => ({
  interviewer,
  interviewsNearby,
  lastInterviewAt: lastInterviewAt === null ? null : new Date(lastInterviewAt),
});
const chosenOf = (pick: ReturnType<typeof pickFromPool>) => pick.chosen.map((member) => [member.interviewer, member.reason]);

describe('picking from a pool', () => {
  it('picks the free member with the fewest interviews in the 7 days around the time', () => {
    const pick = pickFromPool(pool, [load('ada', 3), load('bob', 1), load('cat', 2)]);
    expect(chosenOf(pick)).toEqual([['bob', 'fewest_interviews']]);
    expect(pick.passedOver.map((member) => member.interviewer)).toEqual(['cat', 'ada']);
    expect(pick.notFree).toEqual(['dan']);
  });

  it('breaks a tie by who was interviewed least recently, someone never interviewed first', () => {
    expect(chosenOf(pickFromPool(pool, [load('ada', 1, '2025-06-01T10:00:00Z'), load('bob', 1, '2025-05-20T10:00:00Z')]))).toEqual([
      ['bob', 'least_recently_interviewed'],
    ]);
    expect(chosenOf(pickFromPool(pool, [load('ada', 0, '2025-05-01T10:00:00Z'), load('cat', 0, null)]))).toEqual([
      ['cat', 'least_recently_interviewed'],
    ]);
  });

  it('breaks a tie on both counts by the order the pool gives', () => {
    expect(chosenOf(pickFromPool(pool, [load('cat', 2, '2025-06-01T10:00:00Z'), load('bob', 2, '2025-06-01T10:00:00Z')]))).toEqual([
      ['bob', 'pool_order'],
    ]);
  });

  it('picks as many as the pool’s count, and says when nobody else was free', () => {
    const pick = pickFromPool({ ...pool, count: 2 }, [load('dan', 0), load('ada', 5), load('cat', 1)]);
    expect(chosenOf(pick)).toEqual([
      ['dan', 'fewest_interviews'],
      ['cat', 'fewest_interviews'],
    ]);
    expect(chosenOf(pickFromPool({ ...pool, count: 2 }, [load('dan', 4), load('ada', 5)]))).toEqual([
      ['dan', 'only_free'],
      ['ada', 'only_free'],
    ]);
  });

  it('leaves a member in another session of the loop to that session', () => {
    const pick = pickFromPool(pool, [load('ada', 0), load('bob', 1)], new Set(['ada']));
    expect(chosenOf(pick)).toEqual([['bob', 'only_free']]);
    expect(pick.inOtherSessions).toEqual(['ada']);
  });

  it('picks fewer than the count when fewer are free, for the caller to refuse', () => {
    expect(pickFromPool({ ...pool, count: 3 }, [load('ada', 0)]).chosen).toHaveLength(1);
  });
});

describe('an interviewer’s load at a time', () => {
  const monday = Date.parse('2025-06-02T12:00:00Z');

  it('counts interviews starting from 3.5 days before to 3.5 days after, and finds the latest before', () => {
    const book = new InterviewLoadBook('ada', {
      interviewStarts: [
        new Date(monday - 84 * HOUR - 1), // just outside, before
        new Date(monday - 84 * HOUR), // the first instant inside
        new Date(monday - 2 * HOUR),
        new Date(monday + 84 * HOUR - 1), // the last instant inside
        new Date(monday + 84 * HOUR), // just outside, after
      ],
    });
    expect(book.loadAt(monday)).toEqual({ interviewer: 'ada', interviewsNearby: 3, lastInterviewAt: new Date(monday - 2 * HOUR) });
  });

  it('falls back to the interview before the span loaded, else to never', () => {
    const earlier = new Date('2025-04-01T09:00:00Z');
    expect(new InterviewLoadBook('ada', { interviewStarts: [], interviewedBefore: earlier }).loadAt(monday).lastInterviewAt).toEqual(
      earlier,
    );
    expect(new InterviewLoadBook('ada', { interviewStarts: [new Date(monday + HOUR)] }).loadAt(monday)).toEqual({
      interviewer: 'ada',
      interviewsNearby: 1,
      lastInterviewAt: null,
    });
  });

  it('agrees with counting one by one, for any interviews and time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -200, max: 200 }), { maxLength: 30 }),
        fc.integer({ min: -100, max: 100 }),
        (hours, atHours) => {
          const starts = hours.map((hour) => monday + hour * HOUR);
          const instant = monday + atHours * HOUR;
          const before = starts.filter((start) => start < instant);
          expect(new InterviewLoadBook('ada', { interviewStarts: starts.map((start) => new Date(start)) }).loadAt(instant)).toEqual({
            interviewer: 'ada',
            interviewsNearby: starts.filter((start) => start >= instant - 84 * HOUR && start < instant + 84 * HOUR).length,
            lastInterviewAt: before.length > 0 ? new Date(Math.max(...before)) : null,
          });
        },
      ),
    );
  });
});
