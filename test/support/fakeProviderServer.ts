import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a fake provider received it. */
export interface ReceivedRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw body text. */
  text: string;
}

/** What a fake answers. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request the fake recorded, with the status it answered (or `lost` when it closed the socket instead). */
export interface RecordedRequest extends ReceivedRequest {
  /** JSON bodies parsed, form bodies as an object, anything else as text. */
  body: unknown;
  status: number | 'lost';
}

/** Which requests a scripted failure applies to. */
export type RequestMatcher = (request: ReceivedRequest) => boolean;

interface Scripted {
  matches: RequestMatcher;
  remaining: number;
  /**
   * An answer given instead of doing the work; `lose`: do the work, then close the socket
   * unanswered; `endless`: answer 200 with a JSON body that never ends; or a held answer: do the work, then wait for the test to let the answer go.
   */
  outcome: FakeAnswer | 'lose' | 'endless' | HeldAnswers;
}

/** Answers the fake holds back after doing the work, as a slow provider or network would. */
export interface HeldAnswers {
  readonly kind: 'hold';
  /** Resolves once a matching request has arrived and its work is done. */
  readonly arrived: Promise<void>;
  /** Lets every held answer, and those to come, go out. */
  release(): void;
}

/**
 * The loopback HTTP server under each fake provider (Google, Microsoft Graph, Zoom): it routes to
 * the fake's handler, records every request, and plays the failures a test scripts: an answer
 * such as 429 with Retry-After or a 503 instead of the work, or the work done and the answer lost
 * (the socket closed before a byte is written), as when a network drops a response.
 */
export class FakeProviderServer {
  readonly requests: RecordedRequest[] = [];
  private readonly scripted: Scripted[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** What the fake provider does with a request; set by the fake that owns this server. */
  handler: (request: ReceivedRequest) => Promise<FakeAnswer> | FakeAnswer = () => ({ status: 404 });

  static async start(): Promise<FakeProviderServer> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://fake.invalid');
        const received: ReceivedRequest = {
          method: request.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: request.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        };
        void fake.answer(received).then((answer) => {
          if (answer === 'lose') {
            response.socket?.destroy();
            return;
          }
          if (answer === 'endless') {
            streamWithoutEnd(response);
            return;
          }
          const hasBody = answer.body !== undefined;
          response.writeHead(answer.status, { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...answer.headers });
          response.end(hasBody ? JSON.stringify(answer.body) : '');
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeProviderServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  /** The next `count` matching requests get `answer` instead of the work being done. */
  failNext(count: number, answer: FakeAnswer, matches: RequestMatcher = () => true): void {
    this.scripted.push({ matches, remaining: count, outcome: answer });
  }

  /** The next `count` matching requests are carried out, but their answers are lost. */
  loseNextAnswers(count: number, matches: RequestMatcher = () => true): void {
    this.scripted.push({ matches, remaining: count, outcome: 'lose' });
  }

  /**
   * The next `count` matching requests get 200 and a JSON body that never ends: a chunk of 64 KB
   * every few milliseconds, chunked, until the client hangs up (a runaway or hostile provider).
   */
  streamWithoutEndNext(count: number, matches: RequestMatcher = () => true): void {
    this.scripted.push({ matches, remaining: count, outcome: 'endless' });
  }

  /**
   * The next `count` matching requests are carried out, but their answers wait until the test
   * calls `release()` on what this returns: a provider slow to answer. With `workFirst: false`
   * the work itself waits too (a request slow to reach the provider): until released, nothing
   * it makes can be found.
   */
  holdNextAnswers(count: number, matches: RequestMatcher = () => true, { workFirst = true } = {}): HeldAnswers {
    let arrive = () => {};
    let release = () => {};
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const held: HeldAnswers & { gate: Promise<void>; arrive: () => void; workFirst: boolean } = {
      kind: 'hold',
      workFirst,
      arrived,
      release,
      gate: released,
      arrive,
    };
    this.scripted.push({ matches, remaining: count, outcome: held });
    return held;
  }

  /** Recorded requests matching `matches`. */
  requestsMatching(matches: RequestMatcher): RecordedRequest[] {
    return this.requests.filter(matches);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: ReceivedRequest): Promise<FakeAnswer | 'lose' | 'endless'> {
    const script = this.scripted.find((candidate) => candidate.remaining > 0 && candidate.matches(request));
    if (script) script.remaining -= 1;
    if (script?.outcome === 'endless') {
      this.requests.push({ ...request, body: parsedBody(request), status: 200 });
      return 'endless';
    }
    let answer: FakeAnswer;
    const held =
      script && script.outcome !== 'lose' && 'kind' in script.outcome
        ? (script.outcome as HeldAnswers & { gate: Promise<void>; arrive: () => void; workFirst: boolean })
        : null;
    if (held && !held.workFirst) {
      held.arrive();
      await held.gate;
    }
    if (script && script.outcome !== 'lose' && !held) {
      answer = script.outcome as FakeAnswer;
    } else {
      try {
        answer = await this.handler(request);
      } catch (error) {
        answer = { status: 500, body: { error: { message: `fake provider failed: ${String(error)}` } } };
      }
    }
    if (held?.workFirst) {
      held.arrive();
      await held.gate;
    }
    const lost = script?.outcome === 'lose';
    this.requests.push({ ...request, body: parsedBody(request), status: lost ? 'lost' : answer.status });
    return lost ? 'lose' : answer;
  }
}

/** `{"padding":"xxxx…` and never the rest, until the socket closes. */
function streamWithoutEnd(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('{"padding":"');
  const chunk = 'x'.repeat(64 * 1024);
  const timer = setInterval(() => {
    if (!response.destroyed) response.write(chunk);
  }, 2);
  response.on('close', () => clearInterval(timer));
}

function parsedBody(request: ReceivedRequest): unknown {
  if (request.text === '') return undefined;
  if (String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(request.text));
  }
  try {
    return JSON.parse(request.text) as unknown;
  } catch {
    return request.text;
  }
}

/** The bearer token of a request, if any. */
export function bearerToken(request: ReceivedRequest): string | undefined {
  const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** Overlap of [start, end) with [from, to), as instants; undefined when none. */
export function clipped(start: number, end: number, from: number, to: number): { start: number; end: number } | undefined {
  const clippedStart = Math.max(start, from);
  const clippedEnd = Math.min(end, to);
  return clippedStart < clippedEnd ? { start: clippedStart, end: clippedEnd } : undefined;
}
