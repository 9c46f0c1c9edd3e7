import type { RequestListener } from 'node:http';
import { App, AuthorizationError } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { AppConfig, SlackSettings } from '../../config/appConfig';
import type { SlackWorkspaceRef } from '../../domain/shared/slackWorkspaces';
import type { Logger } from '../../logging/logger';
import type { SlackStatus } from '../../presenters/serviceStatus';
import { slackApiOptions } from '../../slackApi/slackFetch';
import { boltLoggerFrom } from './boltLogger';
import { FormOpeningQueue } from '../formOpeningQueue';
import { createInstallFlow, SLACK_INSTALL_PATH } from './installFlow';
import { registerListeners } from '../listeners';
import type { SlackDependencies, SlackServices } from '../slackDependencies';
import { isTemporaryDatabaseTrouble } from '../slackDeadline';
import { SlackHttpReceiver } from './slackHttpReceiver';
import { SocketModeConnection } from './socketModeConnection';
import { VerifiedBotToken } from './verifiedBotToken';
import type { SlackWorkspaceSetup } from '../workspaces/slackWorkspaceSetup';

export const SLACK_EVENTS_PATH = '/slack/events';

/** A Slack API that never answers the token check counts as a failed check, tried again on the next request. */
const BOT_TOKEN_CHECK_TIMEOUT_MS = 10_000;

export interface SlackSurface {
  app: App;
  /** HTTP mode: handles `POST /slack/events` (size, timestamp and signature checked before Bolt sees it). Absent in Socket Mode. */
  requestListener?: RequestListener;
  /** Multi-workspace mode: handles `GET /slack/install` and `GET /slack/oauth_redirect` (@slack/oauth's InstallProvider). */
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
 * The Bolt app. Over HTTP its receiver is a SlackHttpReceiver (Bolt's Receiver interface), whose
 * request listener the main server routes `/slack/events` to; with an app token it connects over
 * Socket Mode instead. Installed through OAuth in many workspaces, the install pages are served
 * by @slack/oauth's InstallProvider, whose `authorize` finds each request's installation in the
 * database.
 */
export function createSlackApp(
  settings: Exclude<SlackSettings, { mode: 'disabled' }>,
  services: SlackServices,
  http: SlackHttpOptions,
  workspaces: SlackWorkspaceSetup,
): SlackSurface {
  const deps: SlackDependencies = { ...services, formOpenings: new FormOpeningQueue(services.formOpeningLimits) };
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
  const receiver = new SlackHttpReceiver({ signingSecret: settings.signingSecret, trustProxy: http.trustProxy, logger: deps.logger });
  if (settings.mode === 'oauth') {
    if (workspaces.kind !== 'many') throw new Error('Multi-workspace mode (SLACK_CLIENT_ID) needs its installation store');
    const install = createInstallFlow(settings, {
      store: workspaces.store,
      database: deps.context.database,
      publicBaseUrl: http.publicBaseUrl,
      logger: deps.logger,
    });
    const app = new App({ receiver, authorize: install.authorize, logger, clientOptions, convoStore: false });
    wire(app, deps);
    return {
      app,
      requestListener: receiver.requestListener,
      installListener: install.listener,
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
    requestListener: receiver.requestListener,
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
