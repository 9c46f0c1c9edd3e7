import { WebClient } from '@slack/web-api';
import { slackApiOptions } from './slackFetch';

/** The Slack workspace (and Enterprise Grid organization) a call is made for, as a row records it. */
export interface SlackWorkspaceColumns {
  slackTeamId: string | null;
  slackEnterpriseId: string | null;
}

/** Which Slack client speaks for a workspace: the one with its bot token. */
export interface SlackClients {
  /** The client for the workspace; a `NoSlackClientError` where there is none (the app is not installed there, any more). */
  forWorkspace(workspace: SlackWorkspaceColumns): Promise<WebClient>;
}

/**
 * There is no bot token to call Slack with for a workspace: the app is not installed there, the
 * row names no workspace, or the stored token cannot be opened. `retryable` when asking again
 * later may find one (a key another replica already has); callers map it to their own errors.
 */
export class NoSlackClientError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'NoSlackClientError';
  }
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

/** Single-workspace mode: every call is made with SLACK_BOT_TOKEN. */
export function oneWorkspaceClients(client: WebClient): SlackClients {
  return { forWorkspace: () => Promise.resolve(client) };
}
