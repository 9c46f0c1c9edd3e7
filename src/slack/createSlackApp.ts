import type { RequestListener } from 'node:http';
import { App, HTTPReceiver } from '@slack/bolt';
import type { AppConfig, SlackSettings } from '../config';
import type { Logger } from '../logger';
import { boltLoggerFrom } from './boltLogger';
import { registerListeners } from './listeners';
import type { SlackDependencies } from './slackDependencies';
import { guardSlackRequests, SLACK_BODY_LIMIT_BYTES } from './slackRequestGuard';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackSurface {
  app: App;
  /** HTTP mode: handles `POST /slack/events` (size, timestamp and signature checked before Bolt sees it). Absent in Socket Mode. */
  requestListener?: RequestListener;
  start(): Promise<void>;
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
export function createSlackApp(settings: Exclude<SlackSettings, { mode: 'disabled' }>, deps: SlackDependencies, http: SlackHttpOptions): SlackSurface {
  const logger = boltLoggerFrom(deps.logger);
  const clientOptions = settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {};
  if (settings.mode === 'socket') {
    const app = new App({ token: settings.botToken, appToken: settings.appToken, socketMode: true, logger, clientOptions, convoStore: false });
    wire(app, deps);
    return {
      app,
      start: async () => {
        await app.start();
      },
      stop: async () => {
        await app.stop();
      },
    };
  }
  const receiver = new HTTPReceiver({
    signingSecret: settings.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    logger,
    processBeforeResponse: false,
    bodyLimit: SLACK_BODY_LIMIT_BYTES,
  });
  const app = new App({ token: settings.botToken, receiver, logger, clientOptions, convoStore: false });
  wire(app, deps);
  return {
    app,
    requestListener: guardSlackRequests((request, response) => receiver.requestListener(request, response), {
      signingSecret: settings.signingSecret,
      trustProxy: http.trustProxy,
      logger: deps.logger.child({ component: 'slack-request-guard' }),
    }),
    start: async () => undefined,
    stop: async () => undefined,
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
  app.error(async (error) => {
    deps.logger.error({ err: error.original ?? error, code: error.code }, 'Slack listener failed');
  });
}

export function describeSlackSetup(logger: Logger): void {
  logger.info(
    'Slack is off. To turn it on, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (Slack sends requests to ' +
      `<PUBLIC_BASE_URL>${SLACK_EVENTS_PATH}), or SLACK_BOT_TOKEN and SLACK_APP_TOKEN for Socket Mode. See README.md, "Create the Slack app".`,
  );
}
