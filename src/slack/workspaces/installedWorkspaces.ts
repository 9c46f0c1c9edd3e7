import type { Context } from '@slack/bolt';
import type { SlackWorkspaceRef, SlackWorkspaces, WorkspaceScope } from '../../domain/shared/slackWorkspaces';
import type { DatabaseInstallationStore } from './installationStore';
import type { SlackTenancy } from './slackTenancy';

/**
 * Multi-workspace mode: each workspace (or Enterprise Grid organization, installed org-wide) that
 * installed the app through OAuth is a tenant of its own, and a request reaches only its own rows.
 */
export class InstalledWorkspaces implements SlackWorkspaces, SlackTenancy {
  readonly many = true;

  constructor(readonly store: DatabaseInstallationStore) {}

  defaultWorkspace(): null {
    return null;
  }

  async findInstalled(workspace: SlackWorkspaceRef): Promise<SlackWorkspaceRef | null> {
    const installation = await this.store.findForWorkspace(workspace);
    if (!installation) return null;
    const enterpriseId = installation.row.enterpriseId ?? workspace.enterpriseId;
    return enterpriseId ? { teamId: workspace.teamId, enterpriseId } : { teamId: workspace.teamId };
  }

  /** An org-wide install serves its whole organization; any other, its own workspace. */
  scopeOf(context: Context): WorkspaceScope {
    if (context.isEnterpriseInstall && context.enterpriseId) return { kind: 'organization', enterpriseId: context.enterpriseId };
    if (context.teamId) return { kind: 'team', teamId: context.teamId };
    throw new Error('A Slack request named no workspace, so it reaches nothing.');
  }

  forgetWorkspace(context: Context): Promise<number> {
    return this.store.forget(
      { teamId: context.teamId, enterpriseId: context.enterpriseId, isEnterpriseInstall: context.isEnterpriseInstall },
      this.scopeOf(context),
    );
  }
}
