import { connect, type Socket } from 'node:net';
import { Interview } from '../../src/domain/interviews/Interview';
import { FakeSlackWebApi } from '../support/fakeSlackWebApi';
import { startTestApplication, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, type TestApplication } from '../support/testApplication';

/** The limit the app is started with here, so a test takes seconds, not REQUEST_TIMEOUT_SECONDS' default 20. */
const REQUEST_TIMEOUT_SECONDS = 2;
/** Far slower than any real client, far faster than the limit: the connection never goes quiet for long. */
const DRIP_EVERY_MS = 200;

let slack: FakeSlackWebApi;
let app: TestApplication;

beforeAll(async () => {
  slack = await FakeSlackWebApi.start();
  app = await startTestApplication({
    env: {
      REQUEST_TIMEOUT_SECONDS: String(REQUEST_TIMEOUT_SECONDS),
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.url,
    },
  });
});
afterAll(async () => {
  await app?.close();
  await slack?.close();
});

interface DrippedRequest {
  /** Everything the server sent before it closed the connection. */
  answer: string;
  /** How many bytes of the request had gone out by then. */
  sentBytes: number;
  totalBytes: number;
}

/**
 * Sends `head` at once, then `dripped` one byte every DRIP_EVERY_MS, on a raw connection, until
 * the server closes it; resolves with what the server said. Never ends the request by itself.
 */
function drip(head: string, dripped: string): Promise<DrippedRequest> {
  return new Promise((resolve, reject) => {
    const url = new URL(app.url);
    const socket: Socket = connect(Number(url.port), url.hostname);
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, sentBytes: Buffer.byteLength(head) + sent, totalBytes: Buffer.byteLength(head + dripped) });
    });
    socket.once('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent >= dripped.length) {
          clearInterval(timer);
          reject(new Error('the whole request went out without the server closing the connection'));
          return;
        }
        socket.write(dripped[sent]);
        sent += 1;
      }, DRIP_EVERY_MS);
    });
  });
}

const postHead = (path: string, type: string, length: number) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\n\r\n`;

/** More bytes than the limit lets through at one byte per DRIP_EVERY_MS. */
const LONG_ENOUGH = Math.ceil((REQUEST_TIMEOUT_SECONDS * 1000 * 3) / DRIP_EVERY_MS);

describe('a client that sends its request slowly', () => {
  it('gets 408 and a closed connection when the body to /api takes longer than REQUEST_TIMEOUT_SECONDS, and nothing is created', async () => {
    const body = JSON.stringify({ candidateName: 'Slow Loris', candidateEmail: 'slow@example.com', notes: 'x'.repeat(LONG_ENOUGH) });
    const result = await drip(postHead('/api/interviews', 'application/json', Buffer.byteLength(body)), body);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(result.sentBytes).toBeLessThan(result.totalBytes);
    expect(await app.database.read((manager) => manager.countBy(Interview, { candidateEmail: 'slow@example.com' }))).toBe(0);
  });

  it.each([
    ['the booking form', '/book/', 'application/x-www-form-urlencoded'],
    ['Slack’s events', '/slack/events', 'application/x-www-form-urlencoded'],
    ['the join page’s visit beacon', '/interview/opened', 'application/json'],
  ])('gets 408 and a closed connection for a body dripped to %s', async (_name, path, type) => {
    const body = 'a'.repeat(LONG_ENOUGH);
    const result = await drip(postHead(path, type, body.length), body);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(result.sentBytes).toBeLessThan(result.totalBytes);
  });

  it('gets 408 and a closed connection when its headers take longer than half of REQUEST_TIMEOUT_SECONDS', async () => {
    const headers = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ${'a'.repeat(LONG_ENOUGH)}\r\n\r\n`;
    const result = await drip('', headers);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(result.sentBytes).toBeLessThan((result.totalBytes * 2) / 3);
  });

  it('is served as usual when it sends its request at once', async () => {
    const response = await fetch(`${app.url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ candidateName: 'Quick', candidateEmail: 'quick@example.com' }),
    });
    expect(response.status).toBe(201);
  });
});
