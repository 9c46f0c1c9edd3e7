import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { AppConfig } from '../../config/appConfig';
import { answerThenClose } from '../../http/answerThenClose';
import type { Logger } from '../../logging/logger';
import { arrivalProperties } from '../requestArrival';
import type { SlackBody } from './slackBodyShape';
import { SlackRequestAnswer } from './slackRequestAnswer';
import { SlackRequestGuard } from './slackRequestGuard';

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  /** How the client's address is read, for counting its refused requests (see clientAddress). */
  trustProxy: AppConfig['trustProxy'];
  logger: Logger;
}

/**
 * Slack over HTTP, handed to Bolt through its documented extension point: a `Receiver` whose
 * requests reach the app through `app.processEvent`. The app's own HTTP server routes
 * POST /slack/events to `requestListener` (there is no server of the receiver's own to start or
 * stop). Each request is screened by the SlackRequestGuard (size, timestamp, Bolt's signature
 * check, shape) before Bolt sees it, and its answer is written the moment a listener acknowledges
 * it. When it arrived goes into its context (requestArrival), for listeners racing Slack's clock.
 */
export class SlackHttpReceiver implements Receiver {
  readonly requestListener: RequestListener;
  private readonly guard: SlackRequestGuard;
  private app: App | undefined;

  constructor(private readonly options: SlackHttpReceiverOptions) {
    this.guard = new SlackRequestGuard({
      signingSecret: options.signingSecret,
      trustProxy: options.trustProxy,
      logger: options.logger.child({ component: 'slack-request-guard' }),
    });
    this.requestListener = (request, response) => {
      const arrivedAtMs = performance.now();
      this.handle(request, response, arrivedAtMs).catch((error: unknown) => {
        options.logger.error({ err: error }, 'Could not handle a request to /slack/events');
        if (!response.headersSent) answerThenClose(request, response, 500, 'Something went wrong.');
      });
    };
  }

  init(app: App): void {
    this.app = app;
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  private async handle(request: IncomingMessage, response: ServerResponse, arrivedAtMs: number): Promise<void> {
    const body = await this.guard.admit(request, response);
    if (!body) return;
    if (body.type === 'url_verification') {
      // Slack checking the Request URL when it is saved in the app's settings.
      sendJson(response, { challenge: body.challenge });
      return;
    }
    if (body.type === 'app_rate_limited') {
      this.options.logger.warn(
        { minuteRateLimited: body.minute_rate_limited },
        'Slack is dropping events for this app: it sent more than Slack allows in a minute',
      );
      response.writeHead(200).end();
      return;
    }
    await this.dispatch(request, response, body, arrivedAtMs);
  }

  private async dispatch(request: IncomingMessage, response: ServerResponse, body: SlackBody, arrivedAtMs: number): Promise<void> {
    const answer = new SlackRequestAnswer(response, this.options.logger, () => describeRequest(body), arrivedAtMs);
    if (!this.app) {
      answer.fail();
      return;
    }
    const event: ReceiverEvent = {
      body,
      ack: answer.ack,
      retryNum: retryNumberOf(request),
      retryReason: singleHeader(request, 'x-slack-retry-reason'),
      customProperties: arrivalProperties(arrivedAtMs),
    };
    try {
      await this.app.processEvent(event);
      answer.acknowledgeUnhandled();
    } catch (error) {
      this.options.logger.error({ err: error, request: describeRequest(body) }, 'Bolt could not process a Slack request');
      answer.fail();
    }
  }
}

/** Slack's count of earlier deliveries of the same event (`X-Slack-Retry-Num`), when this is a retry. */
function retryNumberOf(request: IncomingMessage): number | undefined {
  const header = singleHeader(request, 'x-slack-retry-num');
  const count = header === undefined ? Number.NaN : Number.parseInt(header, 10);
  return Number.isInteger(count) ? count : undefined;
}

function singleHeader(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sendJson(response: ServerResponse, value: unknown): void {
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(value));
}

/** `the slash command /schedule-interview`, `a block_actions request (open_join_page)`, `an event_callback request (app_home_opened)`. */
function describeRequest(body: SlackBody): string {
  if (typeof body.command === 'string') return `the slash command ${body.command}`;
  const detail =
    (body.actions as Array<{ action_id?: string }> | undefined)?.[0]?.action_id ??
    (body.view as { callback_id?: string } | undefined)?.callback_id ??
    (body.event as { type?: string } | undefined)?.type;
  return `a ${String(body.type)} request${detail ? ` (${detail})` : ''}`;
}
