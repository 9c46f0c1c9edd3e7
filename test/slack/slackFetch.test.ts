import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel, WebClient } from '@slack/web-api';
import { describeSlackConnectionProblem } from '../../src/slack/app/slackConnectionProblems';
import { createSlackFetch, slackApiOptions } from '../../src/slackApi/slackFetch';

/** A loopback server answering each request with `answer`, counting the connections it was sent on. */
async function startServer(answer: (request: IncomingMessage, body: string, response: ServerResponse) => void) {
  const bodies: string[] = [];
  let connections = 0;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      bodies.push(body);
      answer(request, body, response);
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the transport WebClient calls Slack with', () => {
  it('sends the request as given and answers as fetch would: status, headers, text, JSON and bytes', async () => {
    const server = await startServer((request, _body, response) => {
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.setHeader('Set-Cookie', ['a=1', 'b=2']);
      response.setHeader('X-Seen-Method', request.method ?? '');
      response.setHeader('X-Seen-Authorization', request.headers.authorization ?? '');
      response.end('{"ok":true,"text":"Å€"}');
    });
    try {
      const slackFetch = createSlackFetch();
      const answer = await slackFetch(`${server.url}/api/views.open`, {
        method: 'POST',
        headers: { Authorization: 'Bearer xoxb-1', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'trigger_id=1.2&view=%7B%7D',
      });
      expect(server.bodies).toEqual(['trigger_id=1.2&view=%7B%7D']);
      expect(answer.status).toBe(200);
      expect(answer.ok).toBe(true);
      expect(answer.url).toBe(`${server.url}/api/views.open`);
      expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(answer.headers.get('X-SEEN-METHOD')).toBe('POST');
      expect(answer.headers.get('x-seen-authorization')).toBe('Bearer xoxb-1');
      expect(answer.headers.get('set-cookie')).toBe('a=1, b=2');
      expect(answer.headers.get('x-absent')).toBeNull();
      expect(Object.fromEntries(answer.headers.entries())).toMatchObject({ 'x-seen-method': 'POST' });
      expect(await answer.text()).toBe('{"ok":true,"text":"Å€"}');
      expect(await answer.json()).toEqual({ ok: true, text: 'Å€' });
      expect(Buffer.from(await answer.arrayBuffer()).toString('utf8')).toBe('{"ok":true,"text":"Å€"}');
    } finally {
      await server.close();
    }
  });

  it('reads every answer in full, a refusal included, so connections are reused', async () => {
    const server = await startServer((_request, _body, response) => {
      response.writeHead(429, { 'Retry-After': '7', 'Content-Type': 'text/plain' });
      response.end('slow down '.repeat(2000));
    });
    try {
      const slackFetch = createSlackFetch();
      for (let attempt = 0; attempt < 6; attempt += 1) {
        const answer = await slackFetch(`${server.url}/api/chat.postMessage`, { method: 'POST', body: 'a=1' });
        expect(answer.status).toBe(429);
        expect(answer.ok).toBe(false);
        expect(answer.headers.get('retry-after')).toBe('7');
      }
      // undici, under the global fetch too, opens a second connection once; after that both are reused.
      expect(server.connections()).toBeLessThanOrEqual(2);
    } finally {
      await server.close();
    }
  });

  it('never follows a redirect', async () => {
    const server = await startServer((request, _body, response) => {
      if (request.url === '/elsewhere') return void response.end('{"ok":true}');
      response.writeHead(302, { Location: '/elsewhere' });
      response.end();
    });
    try {
      const answer = await createSlackFetch()(`${server.url}/api/views.open`, { method: 'POST', body: '', redirect: 'error' });
      expect(answer.status).toBe(302);
      expect(server.bodies).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('rejects as fetch does when nothing listens: TypeError "fetch failed", the system error as its cause', async () => {
    const server = await startServer(() => undefined);
    await server.close();
    const failure = (await createSlackFetch()(`${server.url}/api/auth.test`, { method: 'POST', body: '' }).catch(
      (error: unknown) => error,
    )) as TypeError & {
      cause: { code?: string };
    };
    expect(failure).toBeInstanceOf(TypeError);
    expect(failure.message).toBe('fetch failed');
    expect(failure.cause.code).toBe('ECONNREFUSED');
    // Through WebClient, the app names the reason as it did with the global fetch.
    const client = new WebClient('xoxb-1', {
      ...slackApiOptions(`${server.url}/api/`),
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
    const error = await client.auth.test().catch((caught: unknown) => caught);
    expect(describeSlackConnectionProblem('SLACK_BOT_TOKEN', error).reason).toBe('ECONNREFUSED');
  });

  it("rejects with the abort signal's reason once it fires, and does not send an already aborted request", async () => {
    const server = await startServer(() => undefined);
    try {
      const slackFetch = createSlackFetch();
      const timedOut = await slackFetch(`${server.url}/api/views.open`, {
        method: 'POST',
        body: 'x=1',
        signal: AbortSignal.timeout(100),
      }).catch((error: unknown) => error);
      expect((timedOut as Error).name).toBe('TimeoutError');
      const aborted = new AbortController();
      aborted.abort(new Error('stopped'));
      await expect(slackFetch(`${server.url}/api/views.open`, { method: 'POST', body: 'y=2', signal: aborted.signal })).rejects.toThrow(
        'stopped',
      );
      expect(server.bodies).toEqual(['x=1']);
    } finally {
      server.close().catch(() => undefined);
    }
  });

  it('carries a whole WebClient call: views.open with its view as JSON text', async () => {
    const server = await startServer((_request, body, response) => {
      const view = JSON.parse(new URLSearchParams(body).get('view') ?? 'null') as { title?: { text?: string } } | null;
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.end(JSON.stringify({ ok: true, view: { id: 'V1', title: view?.title } }));
    });
    try {
      const client = new WebClient('xoxb-1', slackApiOptions(`${server.url}/api/`));
      const opened = await client.views.open({
        trigger_id: '1.2',
        view: { type: 'modal', title: { type: 'plain_text', text: 'Schedule interview' }, blocks: [] },
      });
      expect(opened.view).toEqual({ id: 'V1', title: { type: 'plain_text', text: 'Schedule interview' } });
    } finally {
      await server.close();
    }
  });
});
