import { keepLoopWhole } from './domain/loops/keepLoopWhole';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from './config/appConfig';
import { Database } from './db/database';
import { DatabaseAvailability } from './db/databaseAvailability';
import { openDatabase } from './domain/appDatabase';
import { DeliveryWorker, type DeliveryHandlers } from './delivery/deliveryWorker';
import { createBookingRequestExpiryHandlers } from './delivery/bookingRequestExpiryDelivery';
import { createBookingLinkEmailHandlers } from './delivery/email/bookingLinkEmailDelivery';
import { createCandidateEmailHandlers } from './delivery/email/candidateEmailDelivery';
import { MailFolderMailer } from './delivery/email/mailFolderMailer';
import type { Mailer } from './delivery/email/mailer';
import { SendGridMailer } from './delivery/email/sendGridMailer';
import { expireOffersLeftWithoutSlots } from './domain/bookings/expireBookingRequest';
import type { DomainContext } from './domain/shared/domainContext';
import { createBookingRequestSlackHandlers } from './delivery/slack/bookingRequestSlackHandlers';
import { createSlackDeliveryHandlers } from './delivery/slack/slackDeliveryHandlers';
import { createLoopSlackHandlers } from './delivery/slack/loopSlackHandlers';
import { createLoopEmailHandlers } from './delivery/email/loopEmailDelivery';
import { ConnectionDrain } from './http/connectionDrain';
import { createHttpApp } from './http/createHttpApp';
import { answerOtherMethod } from './http/methodNotAllowed';
import { requestTimeoutOptions } from './http/requestTimeouts';
import { createLogger, type Logger } from './logging/logger';
import type { MailAddress } from './config/mailAddress';
import type { FormOpeningLimits } from './slack/formOpeningQueue';
import { createSlackApp, describeSlackSetup, SLACK_EVENTS_PATH, type SlackSurface } from './slack/app/createSlackApp';
import { isInstallRequest, SLACK_INSTALL_PATH, SLACK_OAUTH_REDIRECT_PATH } from './slack/app/installFlow';
import { setUpSlackWorkspaces } from './slack/workspaces/slackWorkspaceSetup';
import { SlackPeople } from './delivery/slack/slackPeople';
import { createWebhookHandlers } from './delivery/webhooks/webhookDelivery';
import { Registry } from 'prom-client';
import { outboxMetrics } from './delivery/outboxMetrics';
import { processMetrics } from './metrics/appMetrics';
import { nameRoute, observeRequests } from './http/requestObservation';
import { createMeetingHandlers } from './delivery/meetings/meetingDelivery';
import { setUpMeetingProvider } from './delivery/meetings/meetingProviderSetup';
import { meetingFollowerFor } from './domain/meetings/meetingPlan';
import { calendarProviderFromSettings, describeCalendarProvider } from './calendarProviders/choice/calendarProviderFromSettings';
import { createCalendarEventHandlers } from './delivery/calendar/calendarEventDelivery';
import { DeliveryKind } from './domain/deliveries/DeliveryJob';

const DELIVERY_BATCH_SIZE = 16;

export interface RunningApplication {
  /** Where the HTTP server listens, e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  database: Database;
  worker: DeliveryWorker;
  context: DomainContext;
  logger: Logger;
  /** Stops accepting, finishes requests and deliveries in progress, closes the database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** A fixed or shifted clock for tests. */
  now?: () => Date;
  /** Listen on this host; default all interfaces. */
  host?: string;
  /** How many Slack forms open at once, and how old a trigger may grow waiting; tests make the queue small. */
  formOpeningLimits?: FormOpeningLimits;
  /** How long one read of the interviewers' calendars may take in all (12 s by default); tests make it short. */
  calendarReadBudgetMs?: number;
}

/** Wires config, database, delivery and HTTP together and starts listening. */
export async function startApplication(config: AppConfig, options: StartOptions = {}): Promise<RunningApplication> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const now = options.now ?? (() => new Date());
  const availability = new DatabaseAvailability(logger.child({ component: 'database' }));
  const database = new Database(await openDatabase(config.database, availability, logger.child({ component: 'database' })), availability);

  const sender = config.mail.from;
  const mailer = createMailer(config, sender, logger);
  const slackWorkspaces =
    config.slack.mode === 'disabled' ? null : await setUpSlackWorkspaces(config.slack, database, logger, now).catch(closing(database));
  const slackPeople = slackWorkspaces ? new SlackPeople(slackWorkspaces.deliveryClients) : null;
  const meetings = setUpMeetingProvider(config.video, { logger: logger.child({ component: 'meetings' }) });
  const calendarProvider = calendarProviderFromSettings(config.calendars.provider, {
    logger: logger.child({ component: 'calendars' }),
    calendarReadBudgetMs: options.calendarReadBudgetMs,
  });
  const context: DomainContext = {
    database,
    now,
    publicBaseUrl: config.publicBaseUrl,
    defaultLeadMinutes: config.scheduling.defaultLeadMinutes,
    videoBaseUrl: config.scheduling.videoBaseUrl,
    reminders: config.reminders,
    webhooksOn: config.webhooks !== undefined,
    onDeliveriesQueued: () => worker.wake(),
    bookingLinkExpiresHours: config.scheduling.bookingLinkExpiresHours,
    calendars: { provider: calendarProvider, workingHours: config.calendars.workingHours, rules: config.calendars.rules },
    peopleDirectory: slackPeople ?? undefined,
    slackWorkspaces: slackWorkspaces?.workspaces,
    expireOffersLeftWithoutSlots,
    followInterviewWithMeeting: meetings ? meetingFollowerFor(meetings.provider.name) : undefined,
    keepLoopWhole,
  };
  const slackDeliveryDependencies = slackWorkspaces
    ? { clients: slackWorkspaces.deliveryClients, database, logger: logger.child({ component: 'slack-delivery' }), now }
    : null;
  const handlers: DeliveryHandlers = {
    ...createCandidateEmailHandlers(mailer, sender, {
      directory: slackPeople,
      now,
      logger: logger.child({ component: 'email-delivery' }),
    }),
    ...createBookingLinkEmailHandlers({ mailer, database, now }),
    ...createLoopEmailHandlers(mailer, sender, database),
    ...createBookingRequestExpiryHandlers(context),
    ...(config.webhooks ? createWebhookHandlers(config.webhooks, { now }) : {}),
    ...(meetings ? createMeetingHandlers({ ...meetings, directory: slackPeople }) : {}),
    ...(calendarProvider
      ? createCalendarEventHandlers({
          provider: calendarProvider,
          database,
          directory: slackPeople,
          // With Meet or Teams, the meeting handler makes the organizer's (first interviewer's) event.
          organizerEventIsTheMeeting: config.video.provider === 'google-meet' || config.video.provider === 'teams',
          now,
        })
      : {}),
    ...(slackDeliveryDependencies
      ? {
          ...createSlackDeliveryHandlers(slackDeliveryDependencies),
          ...createBookingRequestSlackHandlers(slackDeliveryDependencies),
          ...createLoopSlackHandlers(slackDeliveryDependencies),
        }
      : {}),
  };
  const worker = new DeliveryWorker({
    database,
    handlers,
    logger: logger.child({ component: 'delivery' }),
    settings: { ...config.delivery, batchSize: DELIVERY_BATCH_SIZE },
    now,
    missingHandlerReason: (kind) =>
      kind.startsWith('meeting_')
        ? 'VIDEO_PROVIDER no longer names a provider that makes meetings, so this meeting was left alone.'
        : kind === DeliveryKind.CalendarEvent
          ? 'No calendar provider is configured any more (GOOGLE_SERVICE_ACCOUNT_KEY, or the MICROSOFT_ variables), so nothing was written to the calendar.'
          : 'Slack is off in this app, so nothing was posted (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN, to post to channels).',
  });

  const slack: SlackSurface | null =
    config.slack.mode === 'disabled' || !slackWorkspaces
      ? null
      : createSlackApp(
          config.slack,
          { context, tenancy: slackWorkspaces.workspaces, logger, formOpeningLimits: options.formOpeningLimits },
          { trustProxy: config.trustProxy, publicBaseUrl: config.publicBaseUrl },
          slackWorkspaces,
        );
  const httpApp = createHttpApp({
    context,
    database,
    logger,
    apiToken: config.apiToken,
    joinWindow: config.scheduling,
    organizer: sender,
    rateLimits: config.rateLimits,
    trustProxy: config.trustProxy,
    metrics: Registry.merge([processMetrics, outboxMetrics(database, now)]),
    status: () => ({
      slack: slack?.status() ?? 'off',
      slackWorkspaces: slackWorkspaces ? (slackWorkspaces.kind === 'many' ? 'many' : 'one') : 'none',
      mail: config.mail.kind === 'sendgrid' ? 'sendgrid' : 'mail folder',
      database: database.dialect,
    }),
  });
  const slackListener = slack?.requestListener;
  const installListener = slack?.installListener;
  /** Slack's paths, served beside express: any other method on them is answered 405 with Allow, as express's paths are. */
  const slackPathMethods = new Map<string, string[]>();
  if (slackListener) slackPathMethods.set(SLACK_EVENTS_PATH, ['POST']);
  if (installListener)
    for (const installPath of [SLACK_INSTALL_PATH, SLACK_OAUTH_REDIRECT_PATH]) slackPathMethods.set(installPath, ['GET']);
  const drain = new ConnectionDrain();
  const observeRequest = observeRequests(logger);
  const server = createServer(requestTimeoutOptions(config.requestTimeoutSeconds), (request: IncomingMessage, response: ServerResponse) => {
    drain.track(response);
    const path = request.url?.split('?')[0];
    if (slackListener && request.method === 'POST' && path === SLACK_EVENTS_PATH) {
      nameRoute(request, SLACK_EVENTS_PATH);
      observeRequest(request, response);
      slackListener(request, response);
      return;
    }
    if (installListener && isInstallRequest(request.method, path)) {
      nameRoute(request, path!);
      observeRequest(request, response);
      installListener(request, response);
      return;
    }
    const allowed = path === undefined ? undefined : slackPathMethods.get(path);
    if (allowed) {
      nameRoute(request, path!);
      observeRequest(request, response);
      answerOtherMethod(request, response, allowed);
      return;
    }
    observeRequest(request, response);
    httpApp(request, response);
  });
  await listen(server, config.port, options.host);
  const port = (server.address() as AddressInfo).port;
  if (config.runDeliveryWorker) {
    await worker.start();
  } else {
    logger.info('DELIVERY_WORKER=off: this process queues emails and Slack posts; another process with DELIVERY_WORKER=on delivers them');
  }
  if (slack) {
    slack.start();
    logger.info({ mode: config.slack.mode }, describeSlackStart(config.slack.mode));
  } else {
    describeSlackSetup(logger);
  }
  logger.info({ calendars: describeCalendarProvider(config.calendars.provider) }, 'Interviewers’ calendars');
  logger.info({ port, mail: mailer.description, database: database.dialect }, `Interview Scheduler listening on port ${port}`);

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= shutDown(server, drain, slack, worker, database, logger, config.shutdownGraceMs);
    return stopping;
  };
  return { url: `http://127.0.0.1:${port}`, port, database, worker, context, logger, stop };
}

function describeSlackStart(mode: AppConfig['slack']['mode']): string {
  switch (mode) {
    case 'oauth':
      return `Slack requests are served at ${SLACK_EVENTS_PATH}; any workspace installs the app at ${SLACK_INSTALL_PATH}`;
    case 'socket':
      return 'Slack Socket Mode: connecting (the outcome is logged and shown on /readyz)';
    default:
      return `Slack requests are served at ${SLACK_EVENTS_PATH}`;
  }
}

/** Closes the database when start-up fails after opening it, then fails as before. */
function closing(database: Database) {
  return async (error: unknown): Promise<never> => {
    await database.close().catch(() => undefined);
    throw error;
  };
}

function createMailer(config: AppConfig, sender: MailAddress, logger: Logger): Mailer {
  if (config.mail.kind === 'sendgrid') {
    return new SendGridMailer(config.mail.apiKey, sender, config.mail.apiUrl);
  }
  return new MailFolderMailer(config.mail.directory, sender, logger);
}

function listen(server: Server, port: number, host?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) =>
      reject(
        new Error(`Cannot listen on PORT ${port}: ${error.code === 'EADDRINUSE' ? 'another process is using it' : error.message}`, {
          cause: error,
        }),
      );
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
}

async function shutDown(
  server: Server,
  drain: ConnectionDrain,
  slack: SlackSurface | null,
  worker: DeliveryWorker,
  database: Database,
  logger: Logger,
  graceMs: number,
): Promise<void> {
  logger.info('Shutting down: no new requests; finishing those in progress');
  drain.begin();
  await slack?.stop();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const forceClose = setTimeout(() => server.closeAllConnections(), graceMs);
  forceClose.unref();
  await closed;
  clearTimeout(forceClose);
  await worker.stop();
  await database.close();
  logger.info('Shut down cleanly');
}
