import type { WorkspaceColumns } from './slackWorkspaces';

/**
 * Where the app can learn how people are called (Slack's profiles, when Slack is on), so a
 * candidate reads "Ada Lovelace" instead of nothing, and never a Slack user id. Best effort:
 * a name it cannot find in a moment is simply left out.
 */
export interface PeopleDirectory {
  /** The display names found for these Slack user ids of one workspace; never throws. */
  displayNames(workspace: WorkspaceColumns, slackUserIds: string[]): Promise<Map<string, string>>;

  /**
   * What Slack's profile says of one person: their address (when Slack shares it) and their zone,
   * for reading their calendar on their own clock. Throws when Slack cannot be asked now.
   */
  profile?(workspace: WorkspaceColumns, slackUserId: string): Promise<{ email?: string; timezone?: string; name?: string }>;
}
