import { intervalsContain } from '../calendars/timeIntervals';
import { explainPick, rankForPick, type MemberLoad, type PoolPick } from './poolPick';
import { fillSeatsInOrder } from './seatFilling';
import { freeEligibleMembers, type PoolFit, type SessionFit } from './sessionFits';

/** One session (or a single interview) at its time, with everyone in it. */
export interface PlannedSession {
  startsAt: Date;
  endsAt: Date;
  /** The people named directly, then each pool's picks (best first): everyone who interviews. */
  interviewers: string[];
  /** Each pool of the session, in order: whom it picked and why. */
  picks: PoolPick[];
}

export type LoadAt = (interviewer: string, instant: number) => MemberLoad;

/**
 * Whom each pool picks once the sessions' starts are known: among the eligible members free at the
 * session's start, the first in the pick order. Pools that share people across sessions pick in
 * session order, each taking the best member who still leaves the later sessions theirs. Null when
 * some pool cannot be filled.
 */
export function pickPeople(fits: readonly SessionFit[], starts: readonly number[], loadAt: LoadAt): PlannedSession[] | null {
  const chosen = fits.map((fit, index) =>
    fit.pools.map((poolFit) => (poolFit.contested ? [] : pickUncontested(poolFit, starts[index], loadAt))),
  );
  if (!fillContestedPools(fits, starts, loadAt, chosen)) return null;
  if (chosen.some((pools, index) => pools.some((members, pool) => members.length < fits[index].pools[pool].pool.count))) return null;
  return describeSessions(fits, starts, chosen, loadAt);
}

/**
 * Sessions with the people given in `chosen` (for each session, for each pool, its members):
 * the pick explained against everyone else free at each session's start.
 */
export function describeSessions(
  fits: readonly SessionFit[],
  starts: readonly number[],
  chosen: string[][][],
  loadAt: LoadAt,
): PlannedSession[] {
  const sessionOf = new Map<string, number>();
  fits.forEach((fit, index) => {
    for (const person of [...fit.people, ...chosen[index].flat()]) sessionOf.set(person, index);
  });
  return fits.map((fit, index) => {
    const start = starts[index];
    const picks = fit.pools.map((poolFit, pool) => {
      const free = poolFit.members
        .filter((member) => intervalsContain(member.starts, start))
        .map((member) => loadAt(member.interviewer, start));
      const elsewhere = new Set(poolFit.pool.anyOf.filter((member) => sessionOf.has(member) && sessionOf.get(member) !== index));
      const members = chosen[index][pool].map((member) => loadAt(member, start));
      return explainPick(poolFit.pool, members, free, elsewhere);
    });
    return {
      startsAt: new Date(start),
      endsAt: new Date(start + fit.durationMs),
      interviewers: [...fit.people, ...picks.flatMap((pick) => pick.chosen.map((member) => member.interviewer))],
      picks,
    };
  });
}

function pickUncontested(poolFit: PoolFit, start: number, loadAt: LoadAt): string[] {
  const free = freeEligibleMembers(poolFit, start).map((member) => loadAt(member, start));
  return rankForPick(free, poolFit.pool)
    .slice(0, poolFit.pool.count)
    .map((member) => member.interviewer);
}

function fillContestedPools(fits: readonly SessionFit[], starts: readonly number[], loadAt: LoadAt, chosen: string[][][]): boolean {
  const seats: Array<{ session: number; pool: number; candidates: string[] }> = [];
  fits.forEach((fit, session) => {
    fit.pools.forEach((poolFit, pool) => {
      if (!poolFit.contested) return;
      const free = freeEligibleMembers(poolFit, starts[session]).map((member) => loadAt(member, starts[session]));
      const candidates = rankForPick(free, poolFit.pool).map((member) => member.interviewer);
      for (let seat = 0; seat < poolFit.pool.count; seat += 1) seats.push({ session, pool, candidates });
    });
  });
  if (seats.length === 0) return true;
  const holders = fillSeatsInOrder(seats.map((seat) => seat.candidates));
  if (!holders) return false;
  holders.forEach((holder, index) => chosen[seats[index].session][seats[index].pool].push(holder));
  return true;
}
