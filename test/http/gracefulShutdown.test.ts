import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildApplication } from '../support/childApplication';
import { eventually } from '../support/testApplication';

interface Answer {
  response: IncomingMessage;
  text: string;
  socket: Socket;
}

/** Sends a request over `agent` (reusing its kept-alive socket); `send` writes the body when the test is ready. */
function requestOver(agent: Agent, url: string, options: { method?: string; headers?: Record<string, string | number> } = {}) {
  const request = httpRequest(url, { agent, method: options.method ?? 'GET', headers: options.headers });
  const socket = once(request, 'socket').then(([socket]) => socket as Socket);
  const answer = new Promise<Answer>((resolve, reject) => {
    request.once('response', (response: IncomingMessage) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => void socket.then((used) => resolve({ response, text, socket: used })));
    });
    request.once('error', reject);
  });
  return { request, socket, answer };
}

describe('shutting down with kept-alive connections', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-shutdown-'));
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('on SIGTERM answers the request in flight with Connection: close, closes every kept-alive socket, and exits', async () => {
    const app = await startChildApplication({
      DATABASE_URL: `sqlite:${join(folder, 'interviews.sqlite')}`,
      MAIL_DIR: join(folder, 'mail'),
    });
    const busyAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const idleAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = requestOver(busyAgent, `${app.url}/healthz`);
      first.request.end();
      const kept = await first.answer;
      expect(kept.response.headers.connection).toBe('keep-alive');

      const idle = requestOver(idleAgent, `${app.url}/healthz`);
      idle.request.end();
      const idleSocket = (await idle.answer).socket;
      const idleSocketClosed = once(idleSocket, 'close');

      // A request on the kept-alive connection that the app is already handling (it has asked for
      // the body with 100 Continue) when SIGTERM arrives; the body follows once shutdown has begun.
      const body = JSON.stringify({ candidateName: 'In Flight', candidateEmail: 'in-flight@example.com' });
      const inFlight = requestOver(busyAgent, `${app.url}/api/interviews`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Expect: '100-continue' },
      });
      inFlight.request.flushHeaders();
      expect(await inFlight.socket).toBe(kept.socket);
      await once(inFlight.request, 'continue');
      const exited = app.stop('SIGTERM');
      await eventually(() => app.logs.some((entry) => String(entry.msg).startsWith('Shutting down')), 'the app to start shutting down');
      await idleSocketClosed;

      inFlight.request.end(body);
      const answered = await inFlight.answer;
      expect(answered.response.statusCode).toBe(201);
      expect(JSON.parse(answered.text)).toMatchObject({ candidateName: 'In Flight' });
      expect(answered.response.headers.connection).toBe('close');
      if (!answered.socket.destroyed) await once(answered.socket, 'close');
      expect(await exited).toEqual({ code: 0, signal: null });
    } finally {
      busyAgent.destroy();
      idleAgent.destroy();
      await app.stop('SIGKILL');
    }
  });
});
