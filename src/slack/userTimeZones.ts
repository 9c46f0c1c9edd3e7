import type { WebClient } from '@slack/web-api';
import { LRUCache } from 'lru-cache';

const REMEMBER_FOR_MS = 6 * 60 * 60 * 1000;
const MAX_USERS_REMEMBERED = 10_000;

/**
 * Slack users' time zones (`users.info`), remembered for a few hours so a recruiter scheduling a
 * round of interviews gets a complete modal from one `views.open` instead of an open, a lookup and
 * an update each time.
 */
export class UserTimeZones {
  private readonly remembered = new LRUCache<string, { timezone: string | undefined }>({ max: MAX_USERS_REMEMBERED, ttl: REMEMBER_FOR_MS });

  /** The zone last seen for this user, `null` when not looked up recently. */
  recall(teamId: string, userId: string): { timezone: string | undefined } | null {
    return this.remembered.get(key(teamId, userId)) ?? null;
  }

  /**
   * The zone Slack shows this user's date and time pickers in: remembered, else looked up; `fallback`
   * when Slack has none or cannot be asked.
   */
  async zoneOf(client: WebClient, teamId: string, userId: string, fallback: string): Promise<string> {
    const remembered = this.recall(teamId, userId);
    const timezone = remembered ? remembered.timezone : await this.lookUp(client, teamId, userId).catch(() => undefined);
    return timezone ?? fallback;
  }

  async lookUp(client: WebClient, teamId: string, userId: string): Promise<string | undefined> {
    const info = await client.users.info({ user: userId });
    const timezone = info.user?.tz ?? undefined;
    this.remembered.set(key(teamId, userId), { timezone });
    return timezone;
  }
}

function key(teamId: string, userId: string): string {
  return `${teamId}/${userId}`;
}
