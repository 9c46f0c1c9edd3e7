import { LRUCache } from 'lru-cache';
import type { Interview } from '../../domain/interviews/Interview';
import type { DomainContext } from '../../domain/shared/domainContext';
import { findInterviewBySessionKey } from '../../domain/interviews/interviewQueries';

export interface RecentSessionKeysSettings {
  /** How long a looked-up interview is reused. Another replica's change shows after at most this. */
  rememberMs: number;
  maxRemembered: number;
}

/**
 * Session-key lookups for the join page, remembered for a moment: a link opened again and again
 * (a candidate refreshing, a shared screen, a burst of scanners) costs one query, not one each.
 *
 * A write to an interview in this process forgets everything once it commits (see
 * watchInterviewWrites), so a cancelled, moved or rotated link shows its new state to every
 * request that starts after the change was answered. Another replica's change shows here after at
 * most `rememberMs`. Keys that open nothing are never remembered: each costs the same lookup, so
 * timing tells nothing about unknown keys.
 */
export class RecentSessionKeys {
  private readonly remembered: LRUCache<string, Interview>;
  /** Bumped on every committed write, so a lookup that read the row before the commit is not remembered. */
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
