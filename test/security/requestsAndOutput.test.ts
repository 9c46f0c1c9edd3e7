import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { Interview } from '../../src/domain/interviews/Interview';
import { buildSendGridMailData } from '../../src/delivery/email/sendGridRequest';
import { createLogger } from '../../src/logging/logger';
import { slackSignature, slashCommandBody } from '../support/signedSlackRequests';
import { eventually, startTestApplication, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/testApplication';
import { startSlackHarness, type SlackHarness } from '../slack/integration/slackTestHarness';

describe('Slack request verification', () => {
  let harness: SlackHarness;
  beforeAll(async () => {
    harness = await startSlackHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('refuses a body altered after it was signed', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = slashCommandBody({ text: 'jane@example.com' });
    const response = await fetch(`${harness.app.url}/slack/events`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Slack-Request-Timestamp': String(timestamp),
        'X-Slack-Signature': slackSignature(signed, TEST_SIGNING_SECRET, timestamp),
      },
      body: signed.replace('jane%40example.com', 'mallory%40example.com'),
    });
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.slack.callsTo('views.open')).toHaveLength(0);
  });

  it('refuses a request with no signature at all, and one signed with another secret', async () => {
    const body = slashCommandBody();
    const unsigned = await fetch(`${harness.app.url}/slack/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(unsigned.status).toBe(401);
    const timestamp = Math.floor(Date.now() / 1000);
    const wrongSecret = await fetch(`${harness.app.url}/slack/events`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Slack-Request-Timestamp': String(timestamp),
        'X-Slack-Signature': slackSignature(body, 'another-secret', timestamp),
      },
      body,
    });
    expect(wrongSecret.status).toBe(401);
  });
});

describe('headers on the join page', () => {
  it("sends a strict Content-Security-Policy (the page's own style and script by hash), no Referer, no caching, no framing", async () => {
    const app = await startTestApplication();
    try {
      const created = await fetch(`${app.url}/api/interviews`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ candidateName: 'Hash Check', candidateEmail: 'hash@example.com' }),
      });
      const { sessionKey } = (await created.json()) as { sessionKey: string };
      const response = await fetch(`${app.url}/interview/?session_key=${sessionKey}`);
      expect(response.status).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/default-src 'none'/);
      const scriptHash = /script-src 'sha256-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      const html = await response.text();
      const inlineScript = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
      const inlineStyle = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
      expect(html.match(/<script/g)).toHaveLength(1);
      expect(scriptHash).toBe(createHash('sha256').update(inlineScript).digest('base64'));
      expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(inlineStyle).digest('base64')}'`);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-powered-by')).toBeNull();
    } finally {
      await app.close();
    }
  });
});

describe('rate limits', () => {
  it('slows down a client hammering join pages or the API, with 429 and Retry-After', async () => {
    const app = await startTestApplication({ env: { JOIN_PAGE_RATE_LIMIT_PER_MINUTE: '5', API_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const pages = [];
      for (let index = 0; index < 6; index += 1) pages.push((await fetch(`${app.url}/interview/?session_key=${index}`)).status);
      expect(pages).toEqual([404, 404, 404, 404, 404, 429]);
      const api = [];
      for (let index = 0; index < 4; index += 1) api.push(await fetch(`${app.url}/api/interviews`));
      expect(api.map((response) => response.status)).toEqual([200, 200, 200, 429]);
      expect(api[3].headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await api[3].json()).toMatchObject({ error: { code: 'rate_limited' } });
    } finally {
      await app.close();
    }
  });
});

describe('what the logs never show at info level', () => {
  it('holds no session key, join link, token or secret, after a full run through Slack and the API', async () => {
    let captured = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        captured += chunk.toString();
        done();
      },
    });
    const harness = await startSlackHarness({}, { logger: createLogger('info', sink) });
    try {
      harness.slack.failNext('chat.postMessage', 'not_in_channel', { when: (args) => args.channel === 'G0LOGS' });
      harness.slack.failNext('conversations.join', 'method_not_supported_for_channel_type', { when: (args) => args.channel === 'G0LOGS' });
      await harness.submitScheduleModal({ name: 'Logged', email: 'logged@example.com' }, { channelId: 'G0LOGS' });
      const created = await fetch(`${harness.app.url}/api/interviews`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ candidateName: 'Api', candidateEmail: 'api-logged@example.com' }),
      });
      expect(created.status).toBe(201);
      harness.sendGrid.failNext(1, { status: 500 });
      await eventually(
        () => harness.sendGrid.mailTo('logged@example.com').length === 1 && harness.sendGrid.mailTo('api-logged@example.com').length === 1,
        'both invitations',
      );
      await eventually(
        () => harness.slack.callsTo('chat.postMessage').some((call) => String(call.args.channel).startsWith('D')),
        'the DM fallback',
      );
      const interviews = await harness.app.database.read((manager) => manager.find(Interview));
      expect(captured.length).toBeGreaterThan(500);
      for (const interview of interviews) {
        expect(captured).not.toContain(interview.sessionKey);
      }
      for (const secret of [TEST_BOT_TOKEN, TEST_SIGNING_SECRET, harness.sendGrid.apiKey]) {
        expect(captured).not.toContain(secret);
      }
    } finally {
      await harness.close();
    }
  });
});

describe('email headers', () => {
  it('can never gain a header or a recipient from a line break in a name or subject', () => {
    const data = buildSendGridMailData(
      {
        to: { email: 'jane@example.com', name: 'Jane\r\nBcc: attacker@evil.example' },
        subject: 'Interview\r\nBcc: attacker@evil.example',
        text: 't',
        html: 'h',
        attachments: [],
        tags: {},
      },
      { email: 'hiring@acme.example', name: 'Acme\nHiring' },
    );
    expect(JSON.stringify(data)).not.toMatch(/\\r|\\n/);
    expect(data.to).toEqual({ email: 'jane@example.com', name: 'Jane Bcc: attacker@evil.example' });
  });
});
