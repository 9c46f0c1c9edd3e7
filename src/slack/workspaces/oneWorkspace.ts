import type { Database } from '../../db/database';
import { adoptRowsWithoutWorkspace } from '../../domain/adoptRowsWithoutWorkspace';
import { EVERY_WORKSPACE, type SlackWorkspaceRef, type SlackWorkspaces, type WorkspaceScope } from '../../domain/shared/slackWorkspaces';
import { stopSlackDeliveries } from '../../domain/deliveries/stopSlackDeliveries';
import type { Logger } from '../../logging/logger';
import type { SlackTenancy } from './slackTenancy';

/**
 * Single-workspace mode (SLACK_BOT_TOKEN): every row belongs to the one workspace, so Slack requests
 * see everything, as they always did. Once Slack confirms which workspace the token is for, rows
 * that name none are given it, so the database can later move to many workspaces intact.
 */
export class OneWorkspace implements SlackWorkspaces, SlackTenancy {
  readonly many = false;
  private confirmed: SlackWorkspaceRef | null = null;

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  defaultWorkspace(): SlackWorkspaceRef | null {
    return this.confirmed;
  }

  /** With one workspace there is nothing to look up: whatever the API names is taken as it is. */
  findInstalled(workspace: SlackWorkspaceRef): Promise<SlackWorkspaceRef | null> {
    return Promise.resolve(workspace);
  }

  scopeOf(): WorkspaceScope {
    return EVERY_WORKSPACE;
  }

  /** The one workspace removed the app: no Slack post can go out any more until it is installed again. */
  forgetWorkspace(): Promise<number> {
    return this.database.transaction((manager) => stopSlackDeliveries(manager, EVERY_WORKSPACE, this.now()));
  }

  /** Slack confirmed the bot token (auth.test): its workspace is the default, and rows without one are given it. */
  async confirm(workspace: SlackWorkspaceRef): Promise<void> {
    this.confirmed = workspace;
    try {
      const adopted = await adoptRowsWithoutWorkspace({ database: this.database }, workspace);
      if (adopted > 0)
        this.logger.info({ teamId: workspace.teamId, interviews: adopted }, 'Recorded the Slack workspace of earlier interviews');
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not record the Slack workspace of earlier interviews; trying again at the next start');
    }
  }
}
