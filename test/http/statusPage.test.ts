import { createHash } from 'node:crypto';
import { describeWithPostgres } from '../requirements/describeWith';
import { FakeSendGridApi } from '../support/fakeSendGridApi';
import { FakeSlackWebApi } from '../support/fakeSlackWebApi';
import { createScratchDatabase } from '../support/postgres';
import {
  startTestApplication,
  TEST_API_TOKEN,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
  type TestApplication,
} from '../support/testApplication';

async function statusPage(app: TestApplication, accept = 'text/html') {
  const response = await fetch(`${app.url}/`, { headers: { Accept: accept } });
  return { response, body: await response.text() };
}

async function readiness(app: TestApplication) {
  const response = await fetch(`${app.url}/readyz`);
  return (await response.json()) as { status: string; slack: string };
}

describe('the status page at /, with no settings at all', () => {
  let app: TestApplication;

  beforeAll(async () => {
    app = await startTestApplication();
  });

  afterAll(async () => {
    await app.close();
  });

  it('says what is on: Slack off, emails in the local mail folder, SQLite', async () => {
    const { response, body } = await statusPage(app);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(body).toContain('<h1>Interview Scheduler is running</h1>');
    expect(body).toContain(
      '<dt>Slack</dt><dd>off. Switch it on in one of three ways: one workspace over HTTP (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET); one workspace over Socket Mode, with no public URL (both SLACK_BOT_TOKEN and SLACK_APP_TOKEN); or many workspaces that install it (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_SIGNING_SECRET, and SLACK_STATE_SECRET and TOKEN_ENCRYPTION_KEY, two secrets you make up)</dd>',
    );
    expect(body).toContain('<dt>Email</dt><dd>written to the local mail folder (SENDGRID_API_KEY is not set)</dd>');
    expect(body).toContain('<dt>Database</dt><dd>SQLite</dd>');
  });

  it('links to the health checks and sums up the API, pointing to the README for the rest', async () => {
    const { body } = await statusPage(app);
    expect(body).toContain('<a href="/healthz">/healthz</a>');
    expect(body).toContain('<a href="/readyz">/readyz</a>');
    expect(body).toContain('<code>POST /api/interviews</code>');
    expect(body).toContain('“HTTP interface” of README.md');
    expect(body).toContain('<code>GET /api/openapi.json</code>: the whole API as an OpenAPI 3.1 document');
  });

  it('reveals no path: neither the database file nor the mail folder', async () => {
    const { body } = await statusPage(app);
    expect(body).not.toContain(app.folder);
    expect(body).not.toContain('interviews.sqlite');
  });

  it('is sent with the same strict headers as the join page: its own style only, nothing framed, nothing cached', async () => {
    const { response, body } = await statusPage(app);
    const policy = response.headers.get('content-security-policy')!;
    expect(policy).toMatch(/^default-src 'none'; /);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    const style = /<style>([\s\S]*?)<\/style>/.exec(body)![1];
    expect(policy).toContain(`style-src 'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow');
  });

  it('answers JSON to a client that asks for it', async () => {
    const { response, body } = await statusPage(app, 'application/json');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(body)).toEqual({ slack: 'off', slackWorkspaces: 'none', mail: 'mail folder', database: 'sqlite' });
  });

  it('agrees with /readyz, which reports Slack as off', async () => {
    expect(await readiness(app)).toEqual({ status: 'ready', slack: 'off', slackWorkspaces: 'none' });
  });
});

describe('the status page with Slack over HTTP, SendGrid and an API token', () => {
  let app: TestApplication;
  let slack: FakeSlackWebApi;
  let sendGrid: FakeSendGridApi;

  beforeAll(async () => {
    slack = await FakeSlackWebApi.start();
    sendGrid = await FakeSendGridApi.start();
    app = await startTestApplication({
      env: {
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: slack.url,
        SENDGRID_API_KEY: sendGrid.apiKey,
        SENDGRID_API_URL: sendGrid.url,
        MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
        API_TOKEN: TEST_API_TOKEN,
        PUBLIC_BASE_URL: 'https://hire.acme.example',
      },
    });
  });

  afterAll(async () => {
    await app.close();
    await sendGrid.close();
    await slack.close();
  });

  it('says Slack is served over HTTP and emails go through SendGrid', async () => {
    const { body } = await statusPage(app);
    expect(body).toContain('<dt>Slack</dt><dd>over HTTP: Slack sends requests to /slack/events</dd>');
    expect(body).toContain('<dt>Email</dt><dd>sent through SendGrid</dd>');
    expect(JSON.parse((await statusPage(app, 'application/json')).body)).toEqual({
      slack: 'http',
      slackWorkspaces: 'one',
      mail: 'sendgrid',
      database: 'sqlite',
    });
    expect((await readiness(app)).slack).toBe('http');
  });

  it('shows no secret, address, URL or count, even once interviews exist', async () => {
    const created = await fetch(`${app.url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TEST_API_TOKEN}` },
      body: JSON.stringify({ candidateName: 'Jane Doe', candidateEmail: 'jane.status@example.com' }),
    });
    expect(created.status).toBe(201);
    for (const accept of ['text/html', 'application/json']) {
      const { body } = await statusPage(app, accept);
      for (const secret of [
        TEST_BOT_TOKEN,
        TEST_SIGNING_SECRET,
        sendGrid.apiKey,
        TEST_API_TOKEN,
        'hiring@acme.example',
        'jane.status@example.com',
        '127.0.0.1',
        'hire.acme.example',
        app.folder,
      ]) {
        expect(body).not.toContain(secret);
      }
      expect(body).not.toMatch(/\b1 interview/);
    }
  });
});

describeWithPostgres('the status page on PostgreSQL', () => {
  let app: TestApplication;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    app = await startTestApplication({ env: { DATABASE_URL: scratch.url } });
  });

  afterAll(async () => {
    await app?.close();
    await scratch?.drop();
  });

  it('names PostgreSQL but not its URL, host or database', async () => {
    const { body } = await statusPage(app);
    expect(body).toContain('<dt>Database</dt><dd>PostgreSQL</dd>');
    const url = new URL(scratch.url);
    for (const detail of [scratch.url, url.hostname, url.pathname.slice(1)]) expect(body).not.toContain(detail);
  });
});
