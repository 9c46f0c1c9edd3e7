import { slackApiOptions } from '../../slackApi/slackFetch';
import { App, SocketModeReceiver, type AuthorizeResult } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { SlackSettings } from '../../config/appConfig';
import type { Logger } from '../../logging/logger';
import type { SlackWorkspaceRef } from '../../domain/shared/slackWorkspaces';
import type { SlackStatus } from '../../presenters/serviceStatus';
import { boltLoggerFrom } from './boltLogger';
import { arrivalProperties } from '../requestArrival';
import { describeSlackConnectionProblem, type SlackConnectionProblem } from './slackConnectionProblems';
import { workspaceOf } from './verifiedBotToken';

type SocketModeSettings = Extract<SlackSettings, { mode: 'socket' }>;

const FIRST_RETRY_DELAY_MS = 1000;
const LONGEST_RETRY_DELAY_MS = 60_000;
/** A Slack API that never answers counts as a failed attempt instead of a silent wait. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The Bolt app over Socket Mode, and its connection to Slack. Connecting happens in the
 * background, so the HTTP server (API, join pages) listens whatever Slack does. The state is
 * logged once per change (connected; or not, with the reason) and read by /readyz. Bad tokens stop
 * the attempts; network trouble is retried with backoff, up to a minute apart.
 *
 * Bolt would verify the bot token in its constructor and leave a failure unhandled (the process
 * crashes), and Socket Mode's own reconnection hides why it fails; so this class verifies the
 * token itself, hands Bolt the result through `authorize`, and does the reconnecting.
 */
export class SocketModeConnection {
  readonly app: App;
  private readonly receiver: SocketModeReceiver;
  private readonly botClient: WebClient;
  private identity: AuthorizeResult | undefined;
  private currentStatus: SlackStatus = 'connecting';
  private loggedReason: string | undefined;
  private lastSocketError: unknown;
  private stopping = false;
  private wakeFromPause: (() => void) | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    settings: SocketModeSettings,
    private readonly logger: Logger,
    configure: (app: App) => void,
    /** Told which workspace the bot token belongs to, once Slack has said. */
    private readonly onVerified: (workspace: SlackWorkspaceRef) => void = () => undefined,
  ) {
    const apiOptions = {
      ...slackApiOptions(settings.apiUrl),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: CONNECT_TIMEOUT_MS,
    };
    // Socket Mode's own messages (a failed attempt, a closed socket) go to debug: this class logs the state.
    const quietLogger = boltLoggerFrom(logger, { demoteToDebug: true });
    this.botClient = new WebClient(settings.botToken, { ...apiOptions, logger: quietLogger });
    this.receiver = new SocketModeReceiver({
      appToken: settings.appToken,
      logger: quietLogger,
      autoReconnectEnabled: false,
      installerOptions: { clientOptions: apiOptions },
      // When each request came off the socket, for listeners racing Slack's clock (requestArrival).
      customPropertiesExtractor: () => arrivalProperties(),
    });
    this.receiver.client.on('error', (error: unknown) => {
      this.lastSocketError = error;
    });
    this.app = new App({
      receiver: this.receiver,
      authorize: async () => this.identity ?? Promise.reject(new Error('The bot token has not been verified yet')),
      logger: boltLoggerFrom(logger),
      clientOptions: slackApiOptions(settings.apiUrl),
      convoStore: false,
    });
    configure(this.app);
  }

  get status(): SlackStatus {
    return this.currentStatus;
  }

  /** Starts connecting and returns at once; the outcome is logged and shown on /readyz. */
  start(): void {
    this.stopping = false;
    this.running = this.keepConnected();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeFromPause?.();
    await this.app.stop();
    await this.running;
  }

  private async keepConnected(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let step: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN' = 'SLACK_BOT_TOKEN';
      try {
        this.identity ??= await this.verifyBotToken();
        step = 'SLACK_APP_TOKEN';
        this.lastSocketError = undefined;
        await this.app.start();
        failures = 0;
        this.markConnected();
        await this.untilDisconnected();
        if (this.stopping) return;
        this.currentStatus = 'connecting';
        this.logger.info('Slack closed the Socket Mode connection; reconnecting');
      } catch (error) {
        if (this.stopping) return;
        const problem = describeSlackConnectionProblem(step, error ?? this.lastSocketError);
        this.markDisconnected(problem);
        if (!problem.retryable) return;
        failures += 1;
        await this.pause(Math.min(FIRST_RETRY_DELAY_MS * 2 ** (failures - 1), LONGEST_RETRY_DELAY_MS));
      }
    }
  }

  private async verifyBotToken(): Promise<AuthorizeResult> {
    const identity = await this.botClient.auth.test();
    if (identity.team_id) this.onVerified(workspaceOf(identity.team_id, identity.enterprise_id));
    return { botToken: this.botClient.token, botId: identity.bot_id, botUserId: identity.user_id };
  }

  private markConnected(): void {
    this.currentStatus = 'connected';
    this.loggedReason = undefined;
    this.logger.info('Slack connected over Socket Mode');
  }

  private markDisconnected(problem: SlackConnectionProblem): void {
    this.currentStatus = `disconnected: ${problem.reason}`;
    if (problem.reason === this.loggedReason) return;
    this.loggedReason = problem.reason;
    if (problem.retryable) {
      this.logger.warn(
        { reason: problem.reason },
        `Slack is not connected: ${problem.message}. Retrying in the background; the API and join pages keep working.`,
      );
    } else {
      this.logger.error({ reason: problem.reason }, `Slack is not connected: ${problem.message}. The API and join pages keep working.`);
    }
  }

  private untilDisconnected(): Promise<void> {
    return new Promise((resolve) => this.receiver.client.once('disconnected', () => resolve()));
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeFromPause = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
