import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One event as the receiver got it, after checking its signature. */
export interface ReceivedWebhook {
  webhookId: string;
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
  /** The body's top-level field names, in order. */
  fields: string[];
  /** The status the receiver answered. */
  status: number;
}

/**
 * A webhook receiver on loopback, as an integrator would write one: it checks every request with
 * the `standardwebhooks` package (the Standard Webhooks spec's own reference implementation, not
 * our code) and refuses any that fails. It can refuse the next requests with a status, or go down
 * altogether (nothing listening on its port) and come back.
 */
export class FakeWebhookReceiver {
  /** Every request whose signature checked out, accepted or refused. */
  readonly received: ReceivedWebhook[] = [];
  /** Requests whose signature did not check out, with why. */
  readonly rejected: string[] = [];
  private readonly refusals: Array<{ status: number; retryAfter?: string }> = [];
  private server: Server;

  private constructor(
    readonly secret: string,
    private port: number,
    server: Server,
  ) {
    this.server = server;
  }

  static async start(secret: string): Promise<FakeWebhookReceiver> {
    const receiver: FakeWebhookReceiver = new FakeWebhookReceiver(
      secret,
      0,
      createReceiverServer((headers, body) => receiver.answer(headers, body)),
    );
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.port = (receiver.server.address() as AddressInfo).port;
    return receiver;
  }

  get isListening(): boolean {
    return this.server.listening;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/interviews`;
  }

  /** The next `count` signed requests are answered `status` (with Retry-After when given). */
  refuseNext(count: number, status: number, retryAfter?: string): void {
    for (let index = 0; index < count; index += 1) this.refusals.push({ status, retryAfter });
  }

  /** Stops listening: requests fail to connect until `comeBack()`. */
  async goDown(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Listens again on the same port. */
  async comeBack(): Promise<void> {
    this.server = createReceiverServer((headers, body) => this.answer(headers, body));
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }

  /** Accepted events of `type` about the interview `interviewId`. */
  accepted(type: string, interviewId: string): ReceivedWebhook[] {
    return this.received.filter(
      (event) => event.status === 204 && event.type === type && (event.data.interview as { id?: string } | undefined)?.id === interviewId,
    );
  }

  async close(): Promise<void> {
    if (this.server.listening) await this.goDown();
  }

  private answer(headers: IncomingHttpHeaders, body: string): { status: number; headers?: Record<string, string> } {
    let event: { type: string; timestamp: string; data: Record<string, unknown> };
    try {
      event = new Webhook(this.secret).verify(body, headers as Record<string, string>) as typeof event;
    } catch (error) {
      this.rejected.push(error instanceof Error ? error.message : String(error));
      return { status: 400 };
    }
    if (!verifiedByHand(this.secret, headers, body)) {
      this.rejected.push('the hand-written HMAC check (the README’s) disagrees with the standardwebhooks package');
      return { status: 400 };
    }
    const refusal = this.refusals.shift();
    const status = refusal?.status ?? 204;
    this.received.push({
      webhookId: String(headers['webhook-id']),
      type: event.type,
      timestamp: event.timestamp,
      data: event.data,
      fields: Object.keys(event),
      status,
    });
    return { status, headers: refusal?.retryAfter ? { 'Retry-After': refusal.retryAfter } : undefined };
  }
}

function createReceiverServer(
  answer: (headers: IncomingHttpHeaders, body: string) => { status: number; headers?: Record<string, string> },
): Server {
  return createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { status, headers } = answer(request.headers, Buffer.concat(chunks).toString('utf8'));
      response.writeHead(status, headers);
      response.end();
    });
  });
}

/** The README's few lines, as an integrator would copy them: a second, independent check of the spec. */
function verifiedByHand(secret: string, headers: IncomingHttpHeaders, rawBody: string): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const id = String(headers['webhook-id']);
  const timestamp = String(headers['webhook-timestamp']);
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`).digest();
  const valid =
    String(headers['webhook-signature'])
      .split(' ')
      .some((entry) => {
        const given = Buffer.from(entry.replace(/^v1,/, ''), 'base64');
        return entry.startsWith('v1,') && given.length === expected.length && timingSafeEqual(given, expected);
      }) && Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
  return valid;
}
