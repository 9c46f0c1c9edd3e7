import type { TimeRange } from '../calendars/freeTimes';
import type { InterviewerPool } from './interviewerPools';

const HOUR_MS = 3_600_000;

/**
 * "The 7 days around" a time: from 3.5 days before it to 3.5 days after, so a pick on Monday
 * weighs last Friday's interviews as much as next Friday's. An interview counts by its start.
 */
export const LOAD_SPAN_BEFORE_MS = 84 * HOUR_MS;
export const LOAD_SPAN_AFTER_MS = 84 * HOUR_MS;

/** What the fair pick knows of one member at one time. */
export interface MemberLoad {
  interviewer: string;
  /** Their interviews (not cancelled) starting from 3.5 days before the time to 3.5 days after it. */
  interviewsNearby: number;
  /** The start of their latest interview before the time; null when they have none. */
  lastInterviewAt: Date | null;
}

/** Why a member was picked over the best member left out, for the answer and the channel message. */
export type PickReason =
  /** Nobody else in the pool was free then (and not in another session). */
  | 'only_free'
  /** Fewer interviews in the 7 days around the time than anyone left out. */
  | 'fewest_interviews'
  /** As many as the next in line, but interviewed longer ago (or never). */
  | 'least_recently_interviewed'
  /** Even on both counts: earlier in the pool as given. */
  | 'pool_order'
  /** Not free at a time chosen by hand with `allowConflicts`: too few members were. */
  | 'conflicts_allowed';

export interface PickedMember extends MemberLoad {
  reason: PickReason;
}

/** Whom one pool picked at one time, and why. */
export interface PoolPick {
  pool: InterviewerPool;
  /** `count` members, best first. */
  chosen: PickedMember[];
  /** Free members left out, best first. */
  passedOver: MemberLoad[];
  /** Members not free at the time (their calendar, their hours, their daily limit, or unreadable). */
  notFree: string[];
  /** Members free at the time but in another session of the loop. */
  inOtherSessions: string[];
}

/** One person's interviews, as the fair pick counts them. */
export interface InterviewHistory {
  /** Starts of their interviews (not cancelled) over the span searched, widened by 3.5 days each way; any order. */
  interviewStarts: readonly Date[];
  /** The start of their latest interview before those, if any. */
  interviewedBefore?: Date | null;
}

/** A person's history, sorted once, asked about many times. */
export class InterviewLoadBook {
  private readonly starts: number[];
  private readonly earlier: number | null;

  constructor(
    readonly interviewer: string,
    history: InterviewHistory,
  ) {
    this.starts = history.interviewStarts.map((start) => start.getTime()).sort((first, second) => first - second);
    this.earlier = history.interviewedBefore ? history.interviewedBefore.getTime() : null;
  }

  /** Their load at `instant`: interviews in the 7 days around it, and the latest one before it. */
  loadAt(instant: number): MemberLoad {
    const nearby = this.countBefore(instant + LOAD_SPAN_AFTER_MS) - this.countBefore(instant - LOAD_SPAN_BEFORE_MS);
    const before = this.countBefore(instant);
    const last = before > 0 ? this.starts[before - 1] : this.earlier;
    return { interviewer: this.interviewer, interviewsNearby: nearby, lastInterviewAt: last === null ? null : new Date(last) };
  }

  /** How many starts lie before `instant`. */
  private countBefore(instant: number): number {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.starts[middle] < instant) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** The starts of `interviews`, as a history for the pick. */
export function historyOf(interviews: readonly TimeRange[], interviewedBefore?: Date | null): InterviewHistory {
  return { interviewStarts: interviews.map((interview) => interview.startsAt), interviewedBefore };
}

/**
 * The pick rule's order: fewest interviews in the 7 days around the time first; then the least
 * recently interviewed (never counts as longest ago); then the order the pool gives. Negative
 * when `first` is to be picked before `second`.
 */
export function comparePickOrder(first: MemberLoad, second: MemberLoad, pool: InterviewerPool): number {
  if (first.interviewsNearby !== second.interviewsNearby) return first.interviewsNearby - second.interviewsNearby;
  const firstLast = first.lastInterviewAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const secondLast = second.lastInterviewAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (firstLast !== secondLast) return firstLast < secondLast ? -1 : 1;
  return pool.anyOf.indexOf(first.interviewer) - pool.anyOf.indexOf(second.interviewer);
}

/** `members` in the pick rule's order. */
export function rankForPick(members: readonly MemberLoad[], pool: InterviewerPool): MemberLoad[] {
  return [...members].sort((first, second) => comparePickOrder(first, second, pool));
}

/**
 * The pick rule on its own: of `free` members (each with their load at the time), the `count` that
 * come first in the pick order; fewer when fewer are free. Anyone in `inOtherSessions` is left to
 * the session that has them.
 */
export function pickFromPool(
  pool: InterviewerPool,
  free: readonly MemberLoad[],
  inOtherSessions: ReadonlySet<string> = new Set(),
): PoolPick {
  const available = rankForPick(
    free.filter((member) => !inOtherSessions.has(member.interviewer)),
    pool,
  );
  return explainPick(pool, available.slice(0, pool.count), free, inOtherSessions);
}

/**
 * The pick as the answer and the channel message tell it: each chosen member with the reason they
 * come before the best member left out, the rest of the free members in order, and who was not
 * free or was in another session.
 */
export function explainPick(
  pool: InterviewerPool,
  chosen: readonly MemberLoad[],
  free: readonly MemberLoad[],
  inOtherSessions: ReadonlySet<string>,
): PoolPick {
  const chosenNames = new Set(chosen.map((member) => member.interviewer));
  const freeNames = new Set(free.map((member) => member.interviewer));
  const passedOver = rankForPick(
    free.filter((member) => !chosenNames.has(member.interviewer) && !inOtherSessions.has(member.interviewer)),
    pool,
  );
  const runnerUp = passedOver[0];
  return {
    pool,
    chosen: rankForPick(chosen, pool)
      .sort((first, second) => Number(!freeNames.has(first.interviewer)) - Number(!freeNames.has(second.interviewer)))
      .map((member) => ({
        ...member,
        reason: freeNames.has(member.interviewer) ? reasonOver(member, runnerUp) : 'conflicts_allowed',
      })),
    passedOver,
    notFree: pool.anyOf.filter((member) => !freeNames.has(member)),
    inOtherSessions: pool.anyOf.filter((member) => freeNames.has(member) && inOtherSessions.has(member)),
  };
}

function reasonOver(member: MemberLoad, runnerUp: MemberLoad | undefined): PickReason {
  if (!runnerUp) return 'only_free';
  if (member.interviewsNearby !== runnerUp.interviewsNearby) return 'fewest_interviews';
  if ((member.lastInterviewAt?.getTime() ?? null) !== (runnerUp.lastInterviewAt?.getTime() ?? null)) return 'least_recently_interviewed';
  return 'pool_order';
}
