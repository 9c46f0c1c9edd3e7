import type { Context } from '@slack/bolt';
import type { Actor } from '../../domain/shared/actor';
import type { WorkspaceScope } from '../../domain/shared/slackWorkspaces';

/**
 * How Slack requests are kept to their own workspace's data: with one workspace, everything is
 * its; with many, each request reaches only the rows of the installation it came through.
 */
export interface SlackTenancy {
  /** What the person behind a request may see and change. */
  scopeOf(context: Context): WorkspaceScope;
  /**
   * The app was uninstalled, or its bot token revoked, where `context` says: its installation is
   * deleted and its pending Slack deliveries fail at once. Returns how many deliveries stopped.
   */
  forgetWorkspace(context: Context): Promise<number>;
}

/** The person behind a Slack request, as the domain's commands take them: who, from which workspace, reaching what. */
export function slackActor(tenancy: SlackTenancy, context: Context, userId: string): Extract<Actor, { kind: 'slack' }> {
  return { kind: 'slack', userId, teamId: context.teamId, enterpriseId: context.enterpriseId, scope: tenancy.scopeOf(context) };
}
