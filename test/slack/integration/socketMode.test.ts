import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../../src/logging/logger';
import { startChildApplication } from '../../support/childApplication';
import { FakeSlackWebApi } from '../../support/fakeSlackWebApi';
import { eventually, startTestApplication, TEST_BOT_TOKEN, type TestApplication } from '../../support/testApplication';

const TEST_APP_TOKEN = 'xapp-1-A0FAKE-test-app-token';

let slack: FakeSlackWebApi;
let app: TestApplication | undefined;
let logs: Array<{ level: number; msg: string; reason?: string }>;
let folder: string;

beforeEach(async () => {
  slack = await FakeSlackWebApi.start();
  logs = [];
  folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-socket-mode-'));
});

afterEach(async () => {
  await app?.close();
  app = undefined;
  await slack.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The app in Socket Mode against the fake Slack, its log lines collected in `logs`. */
async function startInSocketMode(): Promise<TestApplication> {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as (typeof logs)[number]);
      done();
    },
  });
  app = await startTestApplication({
    env: { SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_APP_TOKEN: TEST_APP_TOKEN, SLACK_API_URL: slack.url },
    logger: createLogger('info', sink),
  });
  return app;
}

async function readiness(url: string): Promise<{ status: number; body: { status: string; slack: string } }> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as { status: string; slack: string } };
}

/** A loopback port where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const childEnv = () => ({ DATABASE_URL: `sqlite:${join(folder, 'interviews.sqlite')}`, MAIL_DIR: join(folder, 'mail') });

const slackLines = (pattern: RegExp) => logs.filter((entry) => pattern.test(entry.msg));

describe('Slack over Socket Mode', () => {
  it('connects with the app-level token, says so once, and /readyz reports it', async () => {
    const { url } = await startInSocketMode();
    await eventually(async () => (await readiness(url)).body.slack === 'connected', 'Slack connected on /readyz');
    expect(slack.callsTo('apps.connections.open')[0].headers.authorization).toBe(`Bearer ${TEST_APP_TOKEN}`);
    expect(slack.socketModeConnections).toHaveLength(1);
    expect(slackLines(/^Slack connected over Socket Mode$/)).toHaveLength(1);
    expect(logs.filter((entry) => entry.level >= 40)).toEqual([]);
  });

  it('keeps serving when Slack refuses the app-level token, and says once which token and why', async () => {
    slack.failNext('apps.connections.open', 'invalid_auth');
    const { url } = await startInSocketMode();
    await eventually(
      async () => (await readiness(url)).body.slack === 'disconnected: invalid_auth (SLACK_APP_TOKEN)',
      'the refusal on /readyz',
    );
    const ready = await readiness(url);
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    const refusals = slackLines(/Slack is not connected/);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ level: 50, reason: 'invalid_auth (SLACK_APP_TOKEN)' });
    expect(refusals[0].msg).toContain(
      'Slack refused SLACK_APP_TOKEN (invalid_auth): generate an app-level token with the connections:write scope',
    );
    // A wrong token stays wrong: no retry hammers Slack (a retry would come after a second).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(slack.callsTo('apps.connections.open')).toHaveLength(1);
    const created = await fetch(`${url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ candidateName: 'Jane Doe', candidateEmail: 'jane@example.com' }),
    });
    expect(created.status).toBe(201);
  });

  it('names the bot token when Slack refuses that one, without crashing the process', async () => {
    slack.failNext('auth.test', 'invalid_auth');
    const { url } = await startInSocketMode();
    await eventually(
      async () => (await readiness(url)).body.slack === 'disconnected: invalid_auth (SLACK_BOT_TOKEN)',
      'the refusal on /readyz',
    );
    expect(
      slackLines(/Slack refused SLACK_BOT_TOKEN \(invalid_auth\): install the app to your workspace and copy the Bot User OAuth Token/),
    ).toHaveLength(1);
    expect(slack.callsTo('apps.connections.open')).toHaveLength(0);
  });

  it('retries when the network fails, logging the reason once, and says when it is connected again', async () => {
    slack.useSocketModeUrl('ws://127.0.0.1:1/socket-mode');
    const { url } = await startInSocketMode();
    await eventually(
      async () => (await readiness(url)).body.slack.startsWith('disconnected: websocket: '),
      'the failed WebSocket on /readyz',
    );
    await eventually(() => slack.callsTo('apps.connections.open').length >= 2, 'a second attempt');
    slack.useSocketModeUrl();
    await eventually(async () => (await readiness(url)).body.slack === 'connected', 'Slack connected again', 10_000);
    const failures = slackLines(/Slack is not connected/);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ level: 40 });
    expect(failures[0].msg).toContain('Retrying in the background; the API and join pages keep working.');
    expect(slackLines(/^Slack connected over Socket Mode$/)).toHaveLength(1);
  });

  it('reports a Slack API it cannot reach by the network error', async () => {
    // A child process, because inside jest's sandbox fetch's errors lose their cause (ECONNREFUSED).
    const nowhere = await closedPort();
    const child = await startChildApplication({
      ...childEnv(),
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_APP_TOKEN: TEST_APP_TOKEN,
      SLACK_API_URL: `http://127.0.0.1:${nowhere}/api/`,
    });
    try {
      await eventually(
        async () => (await readiness(child.url)).body.slack === 'disconnected: ECONNREFUSED',
        'the network error on /readyz',
      );
      const failures = child.logs.filter((entry) => String(entry.msg).startsWith('Slack is not connected'));
      expect(failures).toEqual([
        expect.objectContaining({
          level: 40,
          reason: 'ECONNREFUSED',
          msg: expect.stringContaining("cannot reach Slack's API (ECONNREFUSED)"),
        }),
      ]);
    } finally {
      await child.stop();
    }
  });

  it('reconnects when Slack closes the connection', async () => {
    const { url } = await startInSocketMode();
    await eventually(async () => (await readiness(url)).body.slack === 'connected', 'Slack connected');
    slack.dropSocketModeConnections();
    await eventually(() => slack.socketModeConnections.length === 2 && slack.socketModeConnections[1].open, 'a second connection');
    await eventually(async () => (await readiness(url)).body.slack === 'connected', 'Slack connected again');
    expect(slackLines(/^Slack connected over Socket Mode$/)).toHaveLength(2);
  });
});

describe('Slack over HTTP with a bot token Slack refuses', () => {
  it('keeps the process up and the API working, says once which token and why, and /readyz shows it', async () => {
    slack.failNext('auth.test', 'invalid_auth', { times: 3 });
    const child = await startChildApplication({
      ...childEnv(),
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789abcdef',
      SLACK_API_URL: slack.url,
    });
    try {
      await eventually(
        async () => (await readiness(child.url)).body.slack === 'disconnected: invalid_auth (SLACK_BOT_TOKEN)',
        'the refusal on /readyz',
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(child.process.exitCode).toBeNull();
      const created = await fetch(`${child.url}/api/interviews`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ candidateName: 'Still Here', candidateEmail: 'still-here@example.com' }),
      });
      expect(created.status).toBe(201);
      const refusals = child.logs.filter((entry) => String(entry.msg).startsWith('Could not check the Slack bot token'));
      expect(refusals).toHaveLength(1);
      expect(refusals[0]).toMatchObject({ level: 50, msg: expect.stringContaining('Slack refused SLACK_BOT_TOKEN (invalid_auth)') });
    } finally {
      await child.stop();
    }
  });
});
