import { coveredByAtLeast, intersectIntervals, intervalsContain, type Interval } from '../calendars/timeIntervals';
import type { InterviewerPool, PanelSpec } from './interviewerPools';

const MINUTE_MS = 60_000;
const ALL_TIME: Interval[] = [{ start: Number.NEGATIVE_INFINITY, end: Number.POSITIVE_INFINITY }];

/** What one session (or a single interview) needs: how long, and who. */
export interface SessionNeeds {
  durationMinutes: number;
  interviewers: PanelSpec;
}

/** One pool member, for one session: when they could start it. */
export interface MemberFit {
  interviewer: string;
  /** Start times at which the session fits their free time. */
  starts: Interval[];
  /** False when they are named directly in another session, so this pool never picks them. */
  eligible: boolean;
}

export interface PoolFit {
  pool: InterviewerPool;
  members: MemberFit[];
  /** True when an eligible member is also in a pool of another session: then the pools must share them out. */
  contested: boolean;
}

/** One session, ready for the layout search. */
export interface SessionFit {
  durationMs: number;
  /** Named directly: all of them take part. */
  people: string[];
  pools: PoolFit[];
  /**
   * Start times at which every named person is free and every pool has enough free eligible
   * members, leaving aside who the other sessions take.
   */
  fitStarts: Interval[];
}

/**
 * Each session's fit, from `startsFor`: the start times at which a person could do an interview
 * of a given length (the free-time rules when searching, the calendars alone at a chosen time).
 * A pool never picks someone named directly in another session.
 */
export function sessionFitsFor(
  sessions: readonly SessionNeeds[],
  startsFor: (interviewer: string, durationMs: number) => Interval[],
): SessionFit[] {
  const namedDirectly = new Set(sessions.flatMap((session) => session.interviewers.people));
  const startsOf = remembered((interviewer: string, durationMs: number) => startsFor(interviewer, durationMs));
  // Rounds drawing on one pool for the same length share its coverage.
  const coverageOf = remembered((members: readonly MemberFit[], count: number) =>
    coveredByAtLeast(
      members.filter((member) => member.eligible).map((member) => member.starts),
      count,
    ),
  );
  const fits = sessions.map((session) => {
    const durationMs = session.durationMinutes * MINUTE_MS;
    const pools = session.interviewers.pools.map((pool) => ({
      pool,
      members: pool.anyOf.map((interviewer) => ({
        interviewer,
        starts: startsOf(`${interviewer}|${durationMs}`, interviewer, durationMs),
        eligible: !namedDirectly.has(interviewer),
      })),
      contested: false,
    }));
    let fitStarts = ALL_TIME;
    for (const person of session.interviewers.people) {
      fitStarts = intersectIntervals(fitStarts, startsOf(`${person}|${durationMs}`, person, durationMs));
    }
    for (const { pool, members } of pools) {
      fitStarts = intersectIntervals(fitStarts, coverageOf(`${durationMs}|${pool.count}|${pool.anyOf.join(',')}`, members, pool.count));
    }
    return { durationMs, people: session.interviewers.people, pools, fitStarts };
  });
  markContestedPools(fits);
  return fits;
}

/** `compute`, asked once per key: the key names what its arguments stand for. */
function remembered<Arguments extends unknown[], Result>(
  compute: (...values: Arguments) => Result,
): (key: string, ...values: Arguments) => Result {
  const results = new Map<string, Result>();
  return (key, ...values) => {
    if (!results.has(key)) results.set(key, compute(...values));
    return results.get(key)!;
  };
}

function markContestedPools(fits: SessionFit[]): void {
  const sessionsOf = new Map<string, Set<number>>();
  fits.forEach((fit, index) => {
    for (const { members } of fit.pools) {
      for (const member of members) {
        if (member.eligible) sessionsOf.set(member.interviewer, (sessionsOf.get(member.interviewer) ?? new Set()).add(index));
      }
    }
  });
  for (const fit of fits) {
    for (const poolFit of fit.pools) {
      poolFit.contested = poolFit.members.some((member) => member.eligible && sessionsOf.get(member.interviewer)!.size > 1);
    }
  }
}

/** The eligible members of `poolFit` free to start its session at `start`. */
export function freeEligibleMembers(poolFit: PoolFit, start: number): string[] {
  return poolFit.members.filter((member) => member.eligible && intervalsContain(member.starts, start)).map((member) => member.interviewer);
}
