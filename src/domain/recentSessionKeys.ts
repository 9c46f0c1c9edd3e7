import { LRUCache } from 'lru-cache';
import type { Interview } from '../db/entities/Interview';
import type { DomainContext } from './domainContext';
import { findInterviewBySessionKey } from './interviewQueries';

export interface RecentSessionKeysSettings {
  /** How long a looked-up interview is reused. Another replica's change shows after at most this. */
  rememberMs: number;
  maxRemembered: number;
}

/**
 * Session-key lookups for the join page, remembered for a moment: a link opened again and again
 * (a candidate refreshing, a shared screen, a burst of scanners) costs one query, not one each.
 *
 * Any write to an interview in this process forgets everything at once, so a cancelled, moved or
 * rotated link shows its new state on the next request. Keys that open nothing are never
 * remembered: each costs the same lookup, so timing tells nothing about unknown keys.
 */
export class RecentSessionKeys {
  private readonly remembered: LRUCache<string, Interview>;
  /** Bumped on every write, so a lookup that raced a write is not remembered. */
  private generation = 0;

  constructor(
    private readonly context: DomainContext,
    settings: RecentSessionKeysSettings,
  ) {
    this.remembered = new LRUCache({ max: settings.maxRemembered, ttl: settings.rememberMs });
  }

  async find(sessionKey: unknown): Promise<Interview | null> {
    if (typeof sessionKey === 'string') {
      const known = this.remembered.get(sessionKey);
      if (known) return known;
    }
    const generationBefore = this.generation;
    const interview = await findInterviewBySessionKey(this.context, sessionKey);
    if (interview && generationBefore === this.generation) {
      this.remembered.set(interview.sessionKey, interview);
    }
    return interview;
  }

  forgetAll(): void {
    this.generation += 1;
    this.remembered.clear();
  }
}
