import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseForm } from 'node:querystring';
import { verifySlackRequest } from '@slack/bolt';
import type { AppConfig } from '../../config/appConfig';
import { answerThenClose } from '../../http/answerThenClose';
import { clientAddressReader } from '../../http/clientAddress';
import { BodyMemoryBudget, readBodyWithinLimit, type BodyReadResult } from '../../http/readBodyWithinLimit';
import type { Logger } from '../../logging/logger';
import { readSlackBody, type SlackBody } from './slackBodyShape';
import { SlackRefusalCounter } from './slackRefusalCounter';

/**
 * The largest body accepted on /slack/events. A slash command is under 1 KiB; a submitted
 * scheduling modal, which carries its menus (62 time zones) back, about 15 KiB. The largest this
 * app can be sent is a click on a button in the App Home tab, which carries the whole tab back:
 * 20 interviews with names and roles at their length limits in the costliest characters come to
 * about 120 KiB once JSON-escaped and URL-encoded; the fullest scheduling modal (100 open slots,
 * every field full) to about 97 KiB. test/slack/slackBodyLimit.test.ts builds both and checks each
 * fits four times over. Bolt's own default is 4 MB, which 160 concurrent requests turn into 640 MB.
 */
export const SLACK_BODY_LIMIT_BYTES = 512 * 1024;

/**
 * What the bodies of all requests still being read and checked may hold at once: 32 bodies at the
 * limit, or thousands of real ones (a few KiB each). Past it a request gets 503 and is not read,
 * so a flood from many connections or addresses cannot grow memory further.
 */
export const SLACK_UNVERIFIED_BODIES_BUDGET_BYTES = 16 * 1024 * 1024;

/** Slack's rule: a request stamped more than 5 minutes away from now, either way, is refused. */
export const SLACK_TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/** Slack's certificate probe (`ssl_check=1&token=…`) is the one request it sends unsigned; it is a few dozen bytes. */
const CERTIFICATE_PROBE_LIMIT_BYTES = 1024;

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

export interface SlackRequestGuardOptions {
  signingSecret: string;
  /** How the client's address is read, for counting its refused requests (see clientAddress). */
  trustProxy: AppConfig['trustProxy'];
  logger: Logger;
  /** The clock Slack's timestamps are held against; default the system clock, as Slack's is. */
  nowMs?: () => number;
}

type Screening =
  | { verdict: 'from-slack'; body: SlackBody }
  | { verdict: 'certificate-probe' }
  /** Signed by Slack's secret, but no request Slack sends looks like it. */
  | { verdict: 'malformed'; reason: string }
  | { verdict: 'refused'; status: 401 | 413; reason: string }
  /** The budget for bodies being read is spent by other requests; try again shortly. */
  | { verdict: 'busy' }
  | { verdict: 'aborted' };

/**
 * Stands in front of Bolt on POST /slack/events (see SlackHttpReceiver) and lets through only
 * requests that are from Slack: a body within SLACK_BODY_LIMIT_BYTES (413 as soon as it is known
 * to be larger, without reading the rest), stamped within 5 minutes either way and correctly
 * signed (401), and shaped like something Slack sends this app (400, see slackBodyShape). A client
 * with too many refusals in a minute gets 429 before anything is read, and while the bodies being
 * read fill their shared budget, 503. Refused requests' connections are closed.
 */
export class SlackRequestGuard {
  private readonly refusals = new SlackRefusalCounter();
  private readonly bodyBudget = new BodyMemoryBudget(SLACK_UNVERIFIED_BODIES_BUDGET_BYTES);
  private readonly clientOf: (request: IncomingMessage) => string;
  private readonly nowMs: () => number;

  constructor(private readonly options: SlackRequestGuardOptions) {
    this.clientOf = clientAddressReader(options.trustProxy);
    this.nowMs = options.nowMs ?? Date.now;
  }

  /** Answers a request that is not for Bolt and resolves to nothing; resolves to the verified body, parsed, otherwise. */
  async admit(request: IncomingMessage, response: ServerResponse): Promise<SlackBody | undefined> {
    const client = this.clientOf(request);
    if (this.refusals.isLimited(client)) {
      answerThenClose(request, response, 429, 'Too many refused requests; try again later.', {
        'Retry-After': this.refusals.secondsUntilReset(client),
      });
      return undefined;
    }
    const screening = await this.screen(request);
    switch (screening.verdict) {
      case 'from-slack':
        return screening.body;
      case 'certificate-probe':
        answer(response, 200, '');
        return undefined;
      case 'malformed':
        this.options.logger.warn({ reason: screening.reason }, 'Refused a signed Slack request that Slack would never send');
        answer(response, 400, screening.reason);
        return undefined;
      case 'refused':
        if (this.refusals.record(client)) {
          this.options.logger.warn(
            { client },
            `A client had ${this.refusals.limit} requests to /slack/events refused within a minute; it gets 429 until the minute is over`,
          );
        }
        answerThenClose(request, response, screening.status, screening.reason);
        return undefined;
      case 'busy':
        answerThenClose(request, response, 503, 'Too many requests are being read; try again in a moment.', { 'Retry-After': 1 });
        return undefined;
      case 'aborted':
        return undefined;
    }
  }

  private async screen(request: IncomingMessage): Promise<Screening> {
    if (Number(request.headers['content-length'] ?? 0) > SLACK_BODY_LIMIT_BYTES) return tooLarge();
    const timestamp = request.headers['x-slack-request-timestamp'];
    const signature = request.headers['x-slack-signature'];
    if (timestamp === undefined && signature === undefined) return this.screenUnsigned(request);
    if (typeof timestamp !== 'string' || typeof signature !== 'string') {
      return refused(401, 'Slack requests carry both X-Slack-Request-Timestamp and X-Slack-Signature.');
    }
    if (!this.isWithinTimestampWindow(timestamp)) {
      return refused(401, `X-Slack-Request-Timestamp is more than ${SLACK_TIMESTAMP_TOLERANCE_SECONDS / 60} minutes away from now.`);
    }
    const read = await readBodyWithinLimit(request, SLACK_BODY_LIMIT_BYTES, this.bodyBudget);
    if (read.kind !== 'complete') return incomplete(read);
    if (!isSignedBySlack(this.options.signingSecret, { timestamp, signature, body: read.body }, this.nowMs())) {
      return refused(401, 'X-Slack-Signature does not match the body.');
    }
    const reading = readSlackBody(request.headers['content-type'], read.body);
    switch (reading.kind) {
      case 'request':
        return { verdict: 'from-slack', body: reading.body };
      case 'certificate-probe':
        return { verdict: 'certificate-probe' };
      case 'malformed':
        return { verdict: 'malformed', reason: reading.reason };
    }
  }

  /** Answers Slack's unsigned certificate probe; refuses every other unsigned request. */
  private async screenUnsigned(request: IncomingMessage): Promise<Screening> {
    const unsigned = refused(401, 'The request has no Slack signature.');
    if (request.headers['content-type'] !== FORM_CONTENT_TYPE) return unsigned;
    const read = await readBodyWithinLimit(request, CERTIFICATE_PROBE_LIMIT_BYTES, this.bodyBudget);
    if (read.kind === 'aborted' || read.kind === 'over-budget') return incomplete(read);
    if (read.kind === 'complete' && parseForm(read.body.toString('utf8')).ssl_check === '1') return { verdict: 'certificate-probe' };
    return unsigned;
  }

  private isWithinTimestampWindow(timestamp: string): boolean {
    if (!/^\d{1,12}$/.test(timestamp)) return false;
    const nowSeconds = Math.floor(this.nowMs() / 1000);
    return Math.abs(nowSeconds - Number(timestamp)) <= SLACK_TIMESTAMP_TOLERANCE_SECONDS;
  }
}

/**
 * Slack's signature (`v0=` and the hex HMAC-SHA256 of `v0:<timestamp>:<body>` under the signing
 * secret), checked by Bolt's own `verifySlackRequest`, against the clock given.
 */
export function isSignedBySlack(
  signingSecret: string,
  request: { timestamp: string; signature: string; body: Buffer },
  nowMs: number,
): boolean {
  try {
    verifySlackRequest({
      signingSecret,
      body: request.body.toString('utf8'),
      headers: { 'x-slack-request-timestamp': Number(request.timestamp), 'x-slack-signature': request.signature },
      nowMilliseconds: nowMs,
    });
    return true;
  } catch {
    // Bolt says which rule failed; the guard answers 401 and counts the refusal whichever it was.
    return false;
  }
}

function refused(status: 401 | 413, reason: string): Screening {
  return { verdict: 'refused', status, reason };
}

function incomplete(read: Exclude<BodyReadResult, { kind: 'complete' }>): Screening {
  if (read.kind === 'too-large') return tooLarge();
  return read.kind === 'over-budget' ? { verdict: 'busy' } : { verdict: 'aborted' };
}

function tooLarge(): Screening {
  return refused(413, `Slack request bodies are at most ${SLACK_BODY_LIMIT_BYTES} bytes.`);
}

function answer(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}
