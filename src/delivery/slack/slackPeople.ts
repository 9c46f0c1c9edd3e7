import { LRUCache } from 'lru-cache';
import type { InterviewerDirectory, InterviewerProfile } from '../interviewerDirectory';
import { classifySlackError, slackErrorCode } from './slackErrors';
import type { PeopleDirectory } from '../../domain/shared/peopleDirectory';
import { isShowableName } from '../../domain/interviews/interviewInput';
import { isSlackUserId } from '../../domain/shared/participants';
import type { WorkspaceColumns } from '../../domain/shared/slackWorkspaces';
import type { SlackClients } from '../../slackApi/slackClients';

const REMEMBER_FOR_MS = 60 * 60 * 1000;
const MAX_PEOPLE_REMEMBERED = 10_000;
/** How long names may hold up the request that needs them; slower answers still fill the memory for next time. */
const NAME_LOOKUP_BUDGET_MS = 800;
/** Slack's answers that mean there is nothing to learn about this person, rather than "ask again later". */
const NOTHING_TO_LEARN = new Set(['user_not_found', 'user_not_visible', 'account_inactive']);

/**
 * People as their Slack profiles describe them (`users.info`, asked with their own workspace's bot
 * token), remembered for an hour: the one place the app learns names, email addresses and time
 * zones. A candidate's booking page names interviewers (never by a Slack id), and calendar emails
 * reach interviewers picked as Slack users.
 */
export class SlackPeople implements PeopleDirectory, InterviewerDirectory {
  private readonly remembered = new LRUCache<string, InterviewerProfile>({ max: MAX_PEOPLE_REMEMBERED, ttl: REMEMBER_FOR_MS });

  constructor(
    private readonly clients: SlackClients,
    private readonly nameBudgetMs = NAME_LOOKUP_BUDGET_MS,
  ) {}

  /** A profile; throws a `DeliveryError` when Slack cannot be asked now, and resolves `{}` when it has nothing to say. */
  async lookUp(workspace: WorkspaceColumns, slackUserId: string): Promise<InterviewerProfile> {
    const key = `${workspace.slackEnterpriseId ?? ''}/${workspace.slackTeamId ?? ''}/${slackUserId}`;
    const known = this.remembered.get(key);
    if (known) return known;
    let profile: InterviewerProfile;
    try {
      const client = await this.clients.forWorkspace(workspace);
      const info = await client.users.info({ user: slackUserId });
      profile = {
        email: info.user?.profile?.email || undefined,
        name: nameOf(info.user),
        timezone: info.user?.tz || undefined,
      };
    } catch (error) {
      if (!NOTHING_TO_LEARN.has(slackErrorCode(error) ?? '')) throw classifySlackError(error, 'looking up a Slack user');
      profile = {};
    }
    this.remembered.set(key, profile);
    return profile;
  }

  /** The same profile, for the domain's reads of interviewers' calendars. */
  profile(workspace: WorkspaceColumns, slackUserId: string): Promise<InterviewerProfile> {
    return this.lookUp(workspace, slackUserId);
  }

  /** The names found within a short budget; a person not found in time is left out, never named by an id. */
  async displayNames(workspace: WorkspaceColumns, slackUserIds: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(slackUserIds)];
    const profiles = new Map<string, InterviewerProfile>();
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.nameBudgetMs);
    });
    const lookups = unique.map((id) =>
      this.lookUp(workspace, id).then(
        (profile) => void profiles.set(id, profile),
        () => undefined,
      ),
    );
    await Promise.race([Promise.all(lookups), budget]);
    clearTimeout(timer);
    const names = new Map<string, string>();
    for (const [id, profile] of profiles) if (profile.name) names.set(id, profile.name);
    return names;
  }
}

/**
 * The name a person goes by in Slack, never an id. Anyone can write anything in their profile, so a
 * name with a text-direction override, an invisible or a control character is passed over.
 */
function nameOf(user: { real_name?: string; profile?: { real_name?: string; display_name?: string } } | undefined): string | undefined {
  return [user?.real_name, user?.profile?.real_name, user?.profile?.display_name]
    .map((candidate) => candidate?.trim())
    .find((candidate) => candidate && !isSlackUserId(candidate) && isShowableName(candidate));
}
