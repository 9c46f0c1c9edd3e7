import type { WebClient } from '@slack/web-api';
import { APP_UNINSTALLED_REASON } from '../../domain/deliveries/stopSlackDeliveries';
import { NoSlackClientError, type SlackClients, type SlackWorkspaceColumns } from '../../slackApi/slackClients';
import type { DatabaseInstallationStore } from './installationStore';
import { TokenDecryptionError } from './tokenKeyRing';

/**
 * Multi-workspace mode: each call is made with its own workspace's bot token, looked up each time
 * (the store caches it briefly). A workspace that uninstalled the app has no client, for good.
 */
export class InstalledWorkspaceClients implements SlackClients {
  private readonly clients = new Map<string, { token: string; client: WebClient }>();

  constructor(
    private readonly store: DatabaseInstallationStore,
    private readonly createClient: (token: string) => WebClient,
  ) {}

  async forWorkspace(workspace: SlackWorkspaceColumns): Promise<WebClient> {
    if (!workspace.slackTeamId && !workspace.slackEnterpriseId) {
      throw new NoSlackClientError('This interview names no Slack workspace, so there is no bot token to post with.', false);
    }
    const installation = await this.store.findForWorkspace(workspace).catch((error: unknown) => {
      if (!(error instanceof TokenDecryptionError)) throw error;
      // A key another replica already has (a key rotation under way) may reach this one soon; an altered value never opens.
      throw new NoSlackClientError(error.message, error.keyMissing);
    });
    if (!installation) throw new NoSlackClientError(APP_UNINSTALLED_REASON, false);
    const key = installation.row.installationKey;
    const known = this.clients.get(key);
    if (known?.token === installation.botToken) return known.client;
    const client = this.createClient(installation.botToken);
    this.clients.set(key, { token: installation.botToken, client });
    return client;
  }
}
