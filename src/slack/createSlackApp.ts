import { slackApiOptions } from '../slackApi/slackFetch';
import type { RequestListener } from 'node:http';
import { App, AuthorizationError, HTTPReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { AppConfig, SlackSettings } from '../config';
import type { SlackWorkspaceRef } from '../domain/slackWorkspace';
import type { Logger } from '../logger';
import type { SlackStatus } from '../serviceStatus';
import { boltLoggerFrom } from './boltLogger';
import { installPagesListener, oauthReceiverOptions, SLACK_INSTALL_PATH } from './installFlow';
import { registerListeners } from './listeners';
import type { SlackDependencies } from './slackDependencies';
import { isTemporaryDatabaseTrouble } from './slackDeadline';
import { SocketModeConnection } from './socketModeConnection';
import { VerifiedBotToken } from './verifiedBotToken';
import { guardSlackRequests, SLACK_BODY_LIMIT_BYTES } from './slackRequestGuard';
import type { SlackWorkspaceSetup } from './workspaces/slackWorkspaceSetup';

export const SLACK_EVENTS_PATH = '/slack/events';

/** A Slack API that never answers the token check counts as a failed check, tried again on the next request. */
const BOT_TOKEN_CHECK_TIMEOUT_MS = 10_000;

export interface SlackSurface {
  app: App;
  /** HTTP mode: handles `POST /slack/events` (size, timestamp and signature checked before Bolt sees it). Absent in Socket Mode. */
  requestListener?: RequestListener;
  /** Multi-workspace mode: handles `GET /slack/install` and `GET /slack/oauth_redirect` (Bolt's OAuth flow). */
  installListener?: RequestListener;
  /** `http`, or the Socket Mode connection's state, for /readyz and the status page. */
  status(): SlackStatus;
  /** Starts checking the bot token (HTTP) or connecting (Socket Mode) in the background; returns at once. */
  start(): void;
  stop(): Promise<void>;
}

/** How the HTTP surface tells clients apart (for counting refused requests per client), and where it is reached. */
export interface SlackHttpOptions {
  trustProxy: AppConfig['trustProxy'];
  /** Base of the OAuth redirect URL, in multi-workspace mode. */
  publicBaseUrl: string;
}

/**
 * The Bolt app. Over HTTP it uses Bolt's default HTTPReceiver (measured faster than the
 * ExpressReceiver), whose request listener, behind the request guard, the main server routes
 * `/slack/events` to; with an app token it connects over Socket Mode instead. Installed through
 * OAuth in many workspaces, the same receiver also serves the install pages, and Bolt's authorize
 * finds each request's installation in the database.
 */
export function createSlackApp(
  settings: Exclude<SlackSettings, { mode: 'disabled' }>,
  deps: SlackDependencies,
  http: SlackHttpOptions,
  workspaces: SlackWorkspaceSetup,
): SlackSurface {
  const logger = boltLoggerFrom(deps.logger);
  const clientOptions = slackApiOptions(settings.apiUrl);
  // With one workspace, Slack's answer to the token check says which workspace the data belongs to.
  const onVerified = (workspace: SlackWorkspaceRef) => {
    if (workspaces.kind === 'one') void workspaces.workspaces.confirm(workspace);
  };
  if (settings.mode === 'socket') {
    const connection = new SocketModeConnection(settings, deps.logger, (app) => wire(app, deps), onVerified);
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
    // The request guard in front of the receiver has checked the signature of every request it passes on.
    signatureVerification: false,
    bodyLimit: SLACK_BODY_LIMIT_BYTES,
    ...(settings.mode === 'oauth' && workspaces.kind === 'many'
      ? oauthReceiverOptions(settings, { store: workspaces.store, publicBaseUrl: http.publicBaseUrl, logger: deps.logger })
      : {}),
  });
  const requestListener = guardSlackRequests((request, response) => receiver.requestListener(request, response), {
    signingSecret: settings.signingSecret,
    trustProxy: http.trustProxy,
    logger: deps.logger.child({ component: 'slack-request-guard' }),
  });
  if (settings.mode === 'oauth') {
    // No `authorize`: Bolt uses the installer's, which fetches each request's installation from the store.
    const app = new App({ receiver, logger, clientOptions, convoStore: false });
    wire(app, deps);
    return {
      app,
      requestListener,
      installListener: installPagesListener(receiver.requestListener),
      status: () => 'http',
      start: () => undefined,
      stop: () => Promise.resolve(),
    };
  }
  const botToken = new VerifiedBotToken(
    new WebClient(settings.botToken, { ...clientOptions, logger, retryConfig: { retries: 0 }, timeout: BOT_TOKEN_CHECK_TIMEOUT_MS }),
    deps.logger,
    onVerified,
  );
  const app = new App({ receiver, authorize: botToken.authorize, logger, clientOptions, convoStore: false });
  wire(app, deps);
  return {
    app,
    requestListener,
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
  registerListeners(app, deps);
  app.error((error) => {
    const cause = error.original ?? error;
    if (error instanceof AuthorizationError) {
      // Multi-workspace mode: a request from a workspace that has not installed the app (or just removed it).
      deps.logger.warn({ reason: cause.message }, 'A Slack request came from a workspace where the app is not installed; ignored');
      return Promise.resolve();
    }
    // A database outage is logged once where it is noticed, not once per Slack request.
    if (!isTemporaryDatabaseTrouble(cause)) deps.logger.error({ err: cause, code: error.code }, 'Slack listener failed');
    return Promise.resolve();
  });
}

export function describeSlackSetup(logger: Logger): void {
  logger.info(
    'Slack is off. To turn it on, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (Slack sends requests to ' +
      `<PUBLIC_BASE_URL>${SLACK_EVENTS_PATH}), or SLACK_BOT_TOKEN and SLACK_APP_TOKEN for Socket Mode; or, to let any workspace ` +
      `install the app at <PUBLIC_BASE_URL>${SLACK_INSTALL_PATH}, SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, ` +
      'SLACK_SIGNING_SECRET and TOKEN_ENCRYPTION_KEY. See README.md, "Create the Slack app" and "Many workspaces".',
  );
}
