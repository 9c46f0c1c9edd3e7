import type { ServerResponse } from 'node:http';
import { type AckFn, ReceiverMultipleAckError } from '@slack/bolt';
import type { Logger } from '../../logging/logger';
import { slackAckLatency, type SlackAckOutcome } from '../../metrics/appMetrics';

/** Slack waits 3 seconds for the answer to a request; one a listener has not acknowledged by then is answered for it. */
export const SLACK_ACK_DEADLINE_MS = 3000;

/**
 * The HTTP answer to one Slack request, written the moment a listener acknowledges it: Slack hears
 * back first, and the listener's work goes on after (Bolt's `processBeforeResponse: false`). An
 * empty acknowledgement is an empty 200; a text is sent as it is; anything else as JSON (a modal's
 * `response_action`, a menu's options, an ephemeral reply).
 */
export class SlackRequestAnswer {
  private answered = false;
  private readonly deadline: NodeJS.Timeout;

  constructor(
    private readonly response: ServerResponse,
    private readonly logger: Logger,
    /** What the request was, for the log line when nothing answered it in time. */
    private readonly describe: () => string,
    /** When the request arrived, as `performance.now()` milliseconds: its acknowledgement's latency is counted from here. */
    private readonly arrivedAtMs: number = performance.now(),
  ) {
    this.deadline = setTimeout(() => this.answerMissedDeadline(), SLACK_ACK_DEADLINE_MS);
  }

  get isAnswered(): boolean {
    return this.answered;
  }

  /** Bolt's `ack` for this request; a second call is an error, as in Bolt's own receivers. */
  readonly ack: AckFn<unknown> = (message?: unknown) => {
    if (this.answered) return Promise.reject(new ReceiverMultipleAckError());
    this.send(200, message, 'acknowledged');
    return Promise.resolve();
  };

  /**
   * Bolt is done with the request and no listener acknowledged it: a click on a button, or a
   * submission of a modal, that nothing here handles (say, from a message an older version posted).
   * Acknowledged and left, so the person is not shown an error for it.
   */
  acknowledgeUnhandled(): void {
    if (this.answered) return;
    this.logger.warn(`No listener acknowledged ${this.describe()}; acknowledged without an answer`);
    this.send(200, undefined, 'unhandled');
  }

  /** Bolt failed outside any listener (the app's error handler rethrew): Slack is told the request failed. */
  fail(): void {
    if (this.answered) return;
    this.send(500, 'The request could not be handled.', 'failed');
  }

  private answerMissedDeadline(): void {
    if (this.answered) return;
    this.logger.error(`${this.describe()} was not acknowledged within ${SLACK_ACK_DEADLINE_MS} ms; answered 503`);
    this.send(503, 'The app did not answer in time.', 'missed_deadline');
  }

  private send(status: number, message: unknown, outcome: SlackAckOutcome): void {
    this.answered = true;
    clearTimeout(this.deadline);
    slackAckLatency.observe({ outcome }, (performance.now() - this.arrivedAtMs) / 1000);
    if (this.response.headersSent || this.response.destroyed) return;
    if (message === undefined || message === '') {
      this.response.writeHead(status);
      this.response.end();
    } else if (typeof message === 'string') {
      this.response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      this.response.end(message);
    } else {
      this.response.writeHead(status, { 'Content-Type': 'application/json' });
      this.response.end(JSON.stringify(message));
    }
  }
}
