import { slackApiOptions } from './slackFetch';
import { WebClient } from '@slack/web-api';
import type { DeliveryJob } from '../domain/deliveries/DeliveryJob';
import { APP_UNINSTALLED_REASON } from '../domain/deliveries/stopSlackDeliveries';
import type { DatabaseInstallationStore } from '../slack/workspaces/installationStore';
import { TokenDecryptionError } from '../slack/workspaces/tokenKeyRing';
import { DeliveryError } from '../delivery/deliveryError';

/** Which Slack client posts a delivery: the one with its workspace's bot token. */
export interface SlackClients {
  /** The client for the job's workspace; a permanent DeliveryError where the app is not installed (any more). */
  forJob(job: Pick<DeliveryJob, 'slackTeamId' | 'slackEnterpriseId'>): Promise<WebClient>;
}

/** How long one Slack call may take before the outbox counts it as failed and retries later. */
const SLACK_CALL_TIMEOUT_MS = 15_000;

/**
 * The outbox's own Slack client: it never waits out a rate limit or retries by itself, because the
 * outbox does both, durably, without holding a worker.
 */
export function createDeliverySlackClient(botToken: string, apiUrl: string | undefined): WebClient {
  return new WebClient(botToken, {
    ...slackApiOptions(apiUrl),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: SLACK_CALL_TIMEOUT_MS,
  });
}

/** Single-workspace mode: every job posts with SLACK_BOT_TOKEN. */
export function oneWorkspaceClients(client: WebClient): SlackClients {
  return { forJob: () => Promise.resolve(client) };
}

/**
 * Multi-workspace mode: each job posts with its own workspace's bot token, looked up per job (the
 * store caches it briefly). A workspace that uninstalled the app fails its jobs at once, for good.
 */
export class InstalledWorkspaceClients implements SlackClients {
  private readonly clients = new Map<string, { token: string; client: WebClient }>();

  constructor(
    private readonly store: DatabaseInstallationStore,
    private readonly createClient: (token: string) => WebClient,
  ) {}

  async forJob(job: Pick<DeliveryJob, 'slackTeamId' | 'slackEnterpriseId'>): Promise<WebClient> {
    if (!job.slackTeamId && !job.slackEnterpriseId) {
      throw DeliveryError.permanent('This interview names no Slack workspace, so there is no bot token to post with.');
    }
    const installation = await this.store.findForWorkspace(job).catch((error: unknown) => {
      if (!(error instanceof TokenDecryptionError)) throw error;
      // A key another replica already has (a key rotation under way) may reach this one soon; an altered value never opens.
      throw error.keyMissing ? DeliveryError.retryable(error.message) : DeliveryError.permanent(error.message);
    });
    if (!installation) throw DeliveryError.permanent(APP_UNINSTALLED_REASON);
    const key = installation.row.installationKey;
    const known = this.clients.get(key);
    if (known?.token === installation.botToken) return known.client;
    const client = this.createClient(installation.botToken);
    this.clients.set(key, { token: installation.botToken, client });
    return client;
  }
}
