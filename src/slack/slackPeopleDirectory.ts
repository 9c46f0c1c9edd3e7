import type { WebClient } from '@slack/web-api';
import { LRUCache } from 'lru-cache';
import type { PeopleDirectory } from '../domain/peopleDirectory';
import { isSlackUserId } from '../domain/participants';

const REMEMBER_FOR_MS = 6 * 60 * 60 * 1000;
const MAX_USERS_REMEMBERED = 10_000;
/** How long a lookup may hold up the request that needs the names; slower answers still fill the memory for next time. */
const LOOKUP_BUDGET_MS = 800;

/** What users.info tells about a user, as far as naming them goes. */
interface SlackUserProfile {
  real_name?: string;
  profile?: { real_name?: string; display_name?: string };
}

/**
 * People's names from their Slack profiles (`users.info`, the `users:read` scope the app already
 * has), remembered for a few hours. Best effort within a short budget: a name not found in time
 * is left out, never replaced by a Slack id.
 */
export class SlackPeopleDirectory implements PeopleDirectory {
  private readonly remembered = new LRUCache<string, { name: string | null }>({ max: MAX_USERS_REMEMBERED, ttl: REMEMBER_FOR_MS });

  constructor(
    private readonly client: WebClient,
    private readonly budgetMs = LOOKUP_BUDGET_MS,
  ) {}

  async displayNames(slackUserIds: string[]): Promise<Map<string, string>> {
    const missing = [...new Set(slackUserIds)].filter((id) => !this.remembered.has(id));
    if (missing.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      const budget = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.budgetMs);
      });
      await Promise.race([Promise.all(missing.map((id) => this.lookUp(id))), budget]);
      clearTimeout(timer);
    }
    const names = new Map<string, string>();
    for (const id of slackUserIds) {
      const name = this.remembered.get(id)?.name;
      if (name) names.set(id, name);
    }
    return names;
  }

  private async lookUp(slackUserId: string): Promise<void> {
    try {
      const info = await this.client.users.info({ user: slackUserId });
      this.remembered.set(slackUserId, { name: nameOf(info.user) });
    } catch {
      // Unknown user, a missing scope, Slack unreachable: the name is simply not shown.
    }
  }
}

/** The name a person goes by in Slack; never an id. */
function nameOf(user: SlackUserProfile | undefined): string | null {
  const name = [user?.real_name, user?.profile?.real_name, user?.profile?.display_name]
    .map((candidate) => candidate?.trim())
    .find((candidate) => candidate && !isSlackUserId(candidate));
  return name ?? null;
}
