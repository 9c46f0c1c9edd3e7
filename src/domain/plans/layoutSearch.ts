import { intervalsContain } from '../calendars/timeIntervals';
import { seatsCanBeFilled } from './seatFilling';
import { freeEligibleMembers, type SessionFit } from './sessionFits';

/**
 * Layouts tried for one first start before giving up on it. Only pools shared between sessions
 * ever need more than one per session (see LayoutSearch); this bounds the time a pathological
 * request can take, far above what real loops need.
 */
export const MAX_LAYOUT_STEPS = 20_000;

export interface LayoutRules {
  /** Each session starts at most this long after the one before ends. */
  maxGapMs: number;
  /** Gaps are whole multiples of this (5 minutes). */
  gapStepMs: number;
}

/**
 * Lays out sessions one after another: the first at a given start, each next one 0 to maxGap after
 * the one before ends (in whole gap steps), all ending by a given instant; every session at a
 * start where it fits, and the shared pools able to give each session its own people. Of all such
 * layouts, the earliest: session 2 as early as it can be, then session 3, and so on.
 *
 * Whether session k can start at t and the rest still follow depends only on k and t, so that is
 * remembered across first starts (`finishable`), and the search walks straight to a layout. Pools
 * shared between sessions add a matching at each step; a dead end there depends only on k, t and
 * who was free in the sessions before, which is remembered too (`deadEnds`).
 */
export class LayoutSearch {
  private latestEnd = Number.NaN;
  private finishable: Array<Map<number, boolean>> = [];
  private readonly deadEnds = new Set<string>();
  private readonly freeSignatures: Array<Map<number, string>>;
  private readonly hasContestedPools: boolean;
  private steps = 0;

  constructor(
    private readonly sessions: readonly SessionFit[],
    private readonly rules: LayoutRules,
  ) {
    this.freeSignatures = sessions.map(() => new Map<number, string>());
    this.hasContestedPools = sessions.some((session) => session.pools.some((pool) => pool.contested));
  }

  /** Each session's start, in order, the first at `firstStart` and the last ending by `latestEnd`; null when none fits. */
  earliestLayout(firstStart: number, latestEnd: number): number[] | null {
    if (latestEnd !== this.latestEnd) {
      this.latestEnd = latestEnd;
      this.finishable = this.sessions.map(() => new Map<number, boolean>());
      this.deadEnds.clear();
    }
    this.steps = 0;
    const starts: number[] = [];
    return this.place(0, firstStart, starts) ? starts : null;
  }

  private place(index: number, start: number, starts: number[]): boolean {
    if (!this.canFinish(index, start)) return false;
    if (!this.hasContestedPools) {
      starts.push(start);
      // canFinish promised a way on; the first gap that keeps it is the earliest.
      return index === this.sessions.length - 1 || this.placeNext(index, start, starts);
    }
    this.steps += 1;
    if (this.steps > MAX_LAYOUT_STEPS) return false;
    const key = `${index}|${start}|${starts.map((earlier, session) => this.freeSignature(session, earlier)).join('|')}`;
    if (this.deadEnds.has(key)) return false;
    starts.push(start);
    if (this.seatsFillable(starts) && (index === this.sessions.length - 1 || this.placeNext(index, start, starts))) return true;
    starts.pop();
    if (this.steps <= MAX_LAYOUT_STEPS) this.deadEnds.add(key);
    return false;
  }

  private placeNext(index: number, start: number, starts: number[]): boolean {
    const end = start + this.sessions[index].durationMs;
    for (let gap = 0; gap <= this.rules.maxGapMs; gap += this.rules.gapStepMs) {
      if (this.place(index + 1, end + gap, starts)) return true;
    }
    return false;
  }

  /** Whether session `index` fits at `start` and every later one can follow, other sessions' people aside. */
  private canFinish(index: number, start: number): boolean {
    const known = this.finishable[index].get(start);
    if (known !== undefined) return known;
    const session = this.sessions[index];
    const end = start + session.durationMs;
    let result = end <= this.latestEnd && intervalsContain(session.fitStarts, start);
    if (result && index < this.sessions.length - 1) {
      result = false;
      for (let gap = 0; gap <= this.rules.maxGapMs && !result; gap += this.rules.gapStepMs) result = this.canFinish(index + 1, end + gap);
    }
    this.finishable[index].set(start, result);
    return result;
  }

  /** Whether the shared pools of the sessions laid out so far can each have their own people. */
  private seatsFillable(starts: readonly number[]): boolean {
    const seats: string[][] = [];
    starts.forEach((start, index) => {
      for (const pool of this.sessions[index].pools) {
        if (!pool.contested) continue;
        const free = freeEligibleMembers(pool, start);
        for (let seat = 0; seat < pool.pool.count; seat += 1) seats.push(free);
      }
    });
    return seatsCanBeFilled(seats);
  }

  /** Who of the shared pools of session `index` is free at `start`, as text: what later sessions' chances depend on. */
  private freeSignature(index: number, start: number): string {
    let signature = this.freeSignatures[index].get(start);
    if (signature === undefined) {
      signature = this.sessions[index].pools
        .filter((pool) => pool.contested)
        .map((pool) => freeEligibleMembers(pool, start).join(','))
        .join(';');
      this.freeSignatures[index].set(start, signature);
    }
    return signature;
  }
}
