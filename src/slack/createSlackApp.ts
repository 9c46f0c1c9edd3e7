import type { RequestListener } from 'node:http';
import { App, HTTPReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { AppConfig, SlackSettings } from '../config';
import type { Logger } from '../logger';
import type { SlackStatus } from '../serviceStatus';
import { boltLoggerFrom } from './boltLogger';
import { registerListeners } from './listeners';
import type { SlackDependencies } from './slackDependencies';
import { isTemporaryDatabaseTrouble } from './slackDeadline';
import { SocketModeConnection } from './socketModeConnection';
import { VerifiedBotToken } from './verifiedBotToken';
import { guardSlackRequests, SLACK_BODY_LIMIT_BYTES } from './slackRequestGuard';

export const SLACK_EVENTS_PATH = '/slack/events';

/** A Slack API that never answers the token check counts as a failed check, tried again on the next request. */
const BOT_TOKEN_CHECK_TIMEOUT_MS = 10_000;

export interface SlackSurface {
  app: App;
  /** HTTP mode: handles `POST /slack/events` (size, timestamp and signature checked before Bolt sees it). Absent in Socket Mode. */
  requestListener?: RequestListener;
  /** `http`, or the Socket Mode connection's state, for /readyz and the status page. */
  status(): SlackStatus;
  /** Starts checking the bot token (HTTP) or connecting (Socket Mode) in the background; returns at once. */
  start(): void;
  stop(): Promise<void>;
}

/** How the HTTP surface tells clients apart, for counting refused requests per client. */
export interface SlackHttpOptions {
  trustProxy: AppConfig['trustProxy'];
}

/**
 * The Bolt app. Over HTTP it uses Bolt's default HTTPReceiver (measured faster than the
 * ExpressReceiver), whose request listener, behind the request guard, the main server routes
 * `/slack/events` to; with an app token it connects over Socket Mode instead.
 */
export function createSlackApp(
  settings: Exclude<SlackSettings, { mode: 'disabled' }>,
  deps: SlackDependencies,
  http: SlackHttpOptions,
): SlackSurface {
  const logger = boltLoggerFrom(deps.logger);
  const clientOptions = settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {};
  if (settings.mode === 'socket') {
    const connection = new SocketModeConnection(settings, deps.logger, (app) => wire(app, deps));
    return {
      app: connection.app,
      status: () => connection.status,
      start: () => connection.start(),
      stop: () => connection.stop(),
    };
  }
  const receiver = new HTTPReceiver({
    signingSecret: settings.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    logger,
    processBeforeResponse: false,
    bodyLimit: SLACK_BODY_LIMIT_BYTES,
  });
  const botToken = new VerifiedBotToken(
    new WebClient(settings.botToken, { ...clientOptions, logger, retryConfig: { retries: 0 }, timeout: BOT_TOKEN_CHECK_TIMEOUT_MS }),
    deps.logger,
  );
  const app = new App({ receiver, authorize: botToken.authorize, logger, clientOptions, convoStore: false });
  wire(app, deps);
  return {
    app,
    requestListener: guardSlackRequests((request, response) => receiver.requestListener(request, response), {
      signingSecret: settings.signingSecret,
      trustProxy: http.trustProxy,
      logger: deps.logger.child({ component: 'slack-request-guard' }),
    }),
    status: () => botToken.status,
    start: () => botToken.start(),
    stop: () => Promise.resolve(),
  };
}

/**
 * `convoStore: false` above: the app keeps no per-conversation state in Bolt, so it skips the
 * conversation-context middleware the benchmark's profile showed on every request.
 */
function wire(app: App, deps: SlackDependencies): void {
  app.use(async ({ body, context, next }) => {
    // Bolt has already acknowledged an event; a retried one was handled the first time.
    if (context.retryNum !== undefined && (body as { type?: string }).type === 'event_callback') return;
    await next();
  });
  registerListeners(app, deps);
  app.error((error) => {
    const cause = error.original ?? error;
    // A database outage is logged once where it is noticed, not once per Slack request.
    if (!isTemporaryDatabaseTrouble(cause)) deps.logger.error({ err: cause, code: error.code }, 'Slack listener failed');
    return Promise.resolve();
  });
}

export function describeSlackSetup(logger: Logger): void {
  logger.info(
    'Slack is off. To turn it on, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (Slack sends requests to ' +
      `<PUBLIC_BASE_URL>${SLACK_EVENTS_PATH}), or SLACK_BOT_TOKEN and SLACK_APP_TOKEN for Socket Mode. See README.md, "Create the Slack app".`,
  );
}
