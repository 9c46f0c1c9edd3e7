import { rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../src/logging/logger';
import { sendProviderRequest, defaultTransport } from '../../src/calendarProviders/http/providerHttp';
import { eventually, startTestApplication, TEST_API_TOKEN, type TestApplication } from '../support/testApplication';
import { startSlackHarness } from '../slack/integration/slackTestHarness';
import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';

/** The value of one sample in Prometheus text, e.g. `outbox_due_jobs{kind="webhook"}`; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return undefined;
}

/** Captures an app's JSON log lines. */
function logCapture() {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { lines, raw, logger: createLogger('info', sink) };
}

describe('GET /metrics', () => {
  let app: TestApplication;

  beforeAll(async () => {
    app = await startTestApplication({ env: { DELIVERY_WORKER: 'off' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  const scrape = async (headers: Record<string, string> = {}) => {
    const response = await fetch(`${app.url}/metrics`, { headers });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };

  it('answers this machine in Prometheus text, with request durations by route pattern, never the raw path', async () => {
    const created = (await (
      await fetch(`${app.url}/api/interviews`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ candidateName: 'Metric Candidate', candidateEmail: 'metric@example.com' }),
      })
    ).json()) as { id: string; sessionKey: string };
    expect((await fetch(`${app.url}/api/interviews/${created.id}`)).status).toBe(200);
    expect((await fetch(`${app.url}/api/no-such-thing`)).status).toBe(404);

    const { status, type, text } = await scrape();
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(
      sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/interviews/:id', status_code: '200' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'http_request_duration_seconds_count', { method: 'POST', route: '/api/interviews/', status_code: '201' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/*', status_code: '404' }),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(created.id);
    expect(text).not.toContain(created.sessionKey);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('refuses a request passed on by a proxy, even from loopback, while API_TOKEN is unset', async () => {
    for (const header of ['X-Forwarded-For', 'Forwarded', 'X-Real-IP']) {
      const refused = await scrape({ [header]: '203.0.113.7' });
      expect(refused.status).toBe(401);
      expect(refused.text).not.toContain('http_request_duration_seconds');
    }
  });
});

describeOnEachDatabase('the outbox backlog in /metrics', (openDatabase) => {
  let app: TestApplication;
  let database: TestDatabase;
  let clockAheadMs = 0;
  beforeAll(async () => {
    database = await openDatabase();
    // Nothing is delivered here, so what is queued stays due and the backlog can be read.
    app = await startTestApplication({
      env: { DELIVERY_WORKER: 'off', ...database.env },
      now: () => new Date(Date.now() + clockAheadMs),
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });
  const scrape = async () => (await fetch(`${app.url}/metrics`)).text();

  it('shows per kind, read when scraped, how many jobs are due and how long the oldest has waited', async () => {
    const before = sample(await scrape(), 'outbox_due_jobs', { kind: 'candidate_invitation' }) ?? 0;
    await fetch(`${app.url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ candidateName: 'Backlog Candidate', candidateEmail: 'backlog@example.com' }),
    });
    clockAheadMs += 90_000;
    const text = await scrape();
    expect(sample(text, 'outbox_due_jobs', { kind: 'candidate_invitation' })).toBe(before + 1);
    const age = sample(text, 'outbox_oldest_due_age_seconds', { kind: 'candidate_invitation' })!;
    expect(age).toBeGreaterThanOrEqual(90);
    expect(age).toBeLessThan(3600);
    expect(sample(text, 'outbox_due_jobs', { kind: 'webhook' })).toBe(0);
    expect(sample(text, 'outbox_oldest_due_age_seconds', { kind: 'webhook' })).toBe(0);
  });
});

describe('GET /metrics with API_TOKEN', () => {
  let app: TestApplication;
  beforeAll(async () => {
    app = await startTestApplication({ env: { API_TOKEN: TEST_API_TOKEN } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers the bearer token from anywhere, this machine without one, and nobody else', async () => {
    const proxied = { 'X-Forwarded-For': '203.0.113.7' };
    expect((await fetch(`${app.url}/metrics`, { headers: { ...proxied, Authorization: `Bearer ${TEST_API_TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${app.url}/metrics`)).status).toBe(200);
    const wrong = await fetch(`${app.url}/metrics`, { headers: { ...proxied, Authorization: 'Bearer not-the-token-at-all' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await fetch(`${app.url}/metrics`, { headers: proxied })).status).toBe(401);
  });
});

describe('delivery, Slack and provider metrics', () => {
  it('count deliveries by kind and outcome, and time Slack acknowledgements', async () => {
    const harness = await startSlackHarness();
    try {
      const read = async () => (await fetch(`${harness.app.url}/metrics`)).text();
      const before = await read();
      const delivered = sample(before, 'outbox_deliveries_total', { kind: 'candidate_invitation', outcome: 'delivered' }) ?? 0;
      const acks = sample(before, 'slack_ack_latency_seconds_count', { outcome: 'acknowledged' }) ?? 0;
      expect((await harness.command({ text: 'help' })).status).toBe(200);
      await fetch(`${harness.app.url}/api/interviews`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ candidateName: 'Counted Candidate', candidateEmail: 'counted@example.com' }),
      });
      const after = await eventually(async () => {
        const text = await read();
        return (sample(text, 'outbox_deliveries_total', { kind: 'candidate_invitation', outcome: 'delivered' }) ?? 0) > delivered
          ? text
          : null;
      }, 'the invitation counted as delivered');
      expect(sample(after, 'slack_ack_latency_seconds_count', { outcome: 'acknowledged' })).toBe(acks + 1);
      expect(
        sample(after, 'http_request_duration_seconds_count', { method: 'POST', route: '/slack/events', status_code: '200' }),
      ).toBeGreaterThanOrEqual(1);
    } finally {
      await harness.close();
    }
  });

  it('count provider calls by provider, service and outcome, unreachable ones too', async () => {
    const server: Server = createServer((_request, response) => {
      response.writeHead(503);
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/calendar`;
    const app = await startTestApplication();
    try {
      const read = async () => (await fetch(`${app.url}/metrics`)).text();
      const labels = (outcome: string) => ({ provider: 'google', service: 'Metrics test calendar', outcome });
      const before = await read();
      await sendProviderRequest('google', 'Metrics test calendar', defaultTransport(), { method: 'GET', url });
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await expect(sendProviderRequest('google', 'Metrics test calendar', defaultTransport(), { method: 'GET', url })).rejects.toThrow(
        /could not be reached/,
      );
      const after = await read();
      expect(sample(after, 'provider_requests_total', labels('5xx'))).toBe(
        (sample(before, 'provider_requests_total', labels('5xx')) ?? 0) + 1,
      );
      expect(sample(after, 'provider_requests_total', labels('unreachable'))).toBe(
        (sample(before, 'provider_requests_total', labels('unreachable')) ?? 0) + 1,
      );
    } finally {
      await app.close();
      if (server.listening) server.close();
    }
  });
});

describe('access logs', () => {
  it('say method, route, status, duration and request id for each request, never a query value or the Authorization header', async () => {
    const capture = logCapture();
    const app = await startTestApplication({ env: { API_TOKEN: TEST_API_TOKEN }, logger: capture.logger });
    try {
      const response = await fetch(`${app.url}/api/interviews?cursor=SECRET-CURSOR-VALUE&limit=5`, {
        headers: { Authorization: `Bearer ${TEST_API_TOKEN}`, 'X-Request-Id': 'req-from-the-proxy-42' },
      });
      expect(response.headers.get('x-request-id')).toBe('req-from-the-proxy-42');
      await fetch(`${app.url}/book/?token=SECRET-BOOKING-TOKEN`);
      await fetch(`${app.url}/api/interviews`, { headers: { Authorization: 'Bearer SECRET-WRONG-TOKEN' } });
      const accessLines = await eventually(() => {
        const found = capture.lines.filter((line) => line.component === 'http');
        return found.length >= 3 ? found : null;
      }, 'three access-log lines');
      const [list, page, refused] = accessLines;
      expect(list).toMatchObject({ method: 'GET', route: '/api/interviews/', requestId: 'req-from-the-proxy-42', level: 30 });
      expect(typeof list.status).toBe('number');
      expect(typeof list.durationMs).toBe('number');
      expect(page).toMatchObject({ method: 'GET', route: '/book/', status: 404 });
      expect(refused).toMatchObject({ method: 'GET', route: '/api/*', status: 401 });
      expect(typeof refused.requestId).toBe('string');
      const everything = capture.raw.join('\n');
      for (const secret of ['SECRET-CURSOR-VALUE', 'SECRET-BOOKING-TOKEN', 'SECRET-WRONG-TOKEN', TEST_API_TOKEN]) {
        expect(everything).not.toContain(secret);
      }
      expect(everything.toLowerCase()).not.toContain('authorization');
    } finally {
      await app.close();
    }
  });

  it('do not log health probes or scrapes, and the migrations applied at start are logged, then none to apply', async () => {
    const first = logCapture();
    const app = await startTestApplication({ logger: first.logger });
    await fetch(`${app.url}/healthz`);
    await fetch(`${app.url}/metrics`);
    await app.stop();
    expect(first.lines.filter((line) => line.component === 'http')).toEqual([]);
    const applied = first.lines.filter((line) => String(line.msg).startsWith('Applied migration '));
    expect(applied[0]).toMatchObject({ component: 'database', migration: 'CreateInitialSchema1764000000000' });
    expect(first.lines.some((line) => /^Database schema is up to date: applied \d+ of \d+ migrations now$/.test(String(line.msg)))).toBe(
      true,
    );

    const second = logCapture();
    const restarted = await startTestApplication({ folder: app.folder, logger: second.logger });
    try {
      expect(second.lines.filter((line) => String(line.msg).startsWith('Applied migration '))).toEqual([]);
      expect(second.lines.some((line) => /none to apply/.test(String(line.msg)))).toBe(true);
    } finally {
      await restarted.close();
      rmSync(app.folder, { recursive: true, force: true });
    }
  });
});
