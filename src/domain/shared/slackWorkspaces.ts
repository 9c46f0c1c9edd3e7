/*
 * The Slack workspaces as every rule sees them: a workspace, what a row records of it, which rows a
 * request reaches, and the port to the workspaces the app is installed in. The rules that use them
 * (scopes in queries, the workspace a new row belongs to) are in domain/workspaces/.
 */

/** A Slack workspace, by its team id, and its Enterprise Grid organization when it has one. */
export interface SlackWorkspaceRef {
  teamId: string;
  enterpriseId?: string;
}

/** What a row (interview, slot, delivery) records of the workspace it belongs to. */
export interface WorkspaceColumns {
  slackTeamId: string | null;
  slackEnterpriseId: string | null;
}

/**
 * Which rows a request may see and change. `everything` with one workspace (all the data is
 * its) and for the API (API_TOKEN is the operator's key across workspaces); `team` for a request
 * through an app installed in one workspace; `organization` for one through an app installed
 * org-wide in an Enterprise Grid, which serves all of the organization's workspaces.
 */
export type WorkspaceScope = { kind: 'everything' } | { kind: 'team'; teamId: string } | { kind: 'organization'; enterpriseId: string };

export const EVERY_WORKSPACE: WorkspaceScope = { kind: 'everything' };

/**
 * The Slack workspaces the app serves, as far as the rules need to know them: one (SLACK_BOT_TOKEN)
 * or many (each installed through OAuth). Absent while Slack is off.
 */
export interface SlackWorkspaces {
  /** True when the app is installed in many workspaces: anything meant for Slack must then say which. */
  readonly many: boolean;
  /** With one workspace, the bot token's, once Slack has confirmed it: rows made without one take it. Null with many. */
  defaultWorkspace(): SlackWorkspaceRef | null;
  /** The workspace as installed (with its organization), or null where the app is not installed. */
  findInstalled(workspace: SlackWorkspaceRef): Promise<SlackWorkspaceRef | null>;
}
