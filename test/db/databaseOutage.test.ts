import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Interview } from '../../src/domain/interviews/Interview';
import { createLogger } from '../../src/logging/logger';
import { describeWithPostgres } from '../requirements/describeWith';
import { CuttableTcpProxy } from '../support/cuttableTcpProxy';
import { createScratchDatabase } from '../support/postgres';
import { buttonClickPayload } from '../support/signedSlackRequests';
import { eventually } from '../support/testApplication';
import { startSlackHarness, type SlackHarness } from '../slack/integration/slackTestHarness';

const OUTAGE_STARTS_AFTER_MS = 1500;
const OUTAGE_LASTS_MS = 3000;
const STREAM_LASTS_MS = 6500;
const API_REQUEST_EVERY_MS = 40;
const SLACK_SUBMISSION_EVERY_MS = 150;

interface Answer {
  status: number;
  retryAfter: string | null;
  code?: string;
  elapsedMs: number;
}

describeWithPostgres('a PostgreSQL outage during a stream of creations', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let proxy: CuttableTcpProxy;
  let harness: SlackHarness;
  const logLines: Array<{ level: number; msg: string }> = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    const url = new URL(scratch.url);
    proxy = await CuttableTcpProxy.start(url.hostname, Number(url.port || 5432));
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as { level: number; msg: string });
        done();
      },
    });
    harness = await startSlackHarness({ DATABASE_URL: proxy.route(scratch.url) }, { logger: createLogger('info', sink) });
  }, 30_000);

  afterAll(async () => {
    await harness?.close();
    await proxy?.close();
    await scratch?.drop();
  });

  /** One client request, retried with the same Idempotency-Key after each 503 until it is answered. */
  async function createThroughApi(index: number): Promise<{ answers: Answer[]; email: string }> {
    const email = `outage-api-${index}@example.com`;
    const key = randomUUID();
    const answers: Answer[] = [];
    for (;;) {
      const started = performance.now();
      const response = await fetch(`${harness.app.url}/api/interviews`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify({ candidateName: `Outage ${index}`, candidateEmail: email }),
      });
      const body = (await response.json()) as { error?: { code: string } };
      answers.push({
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        code: body.error?.code,
        elapsedMs: performance.now() - started,
      });
      if (response.status !== 503) return { answers, email };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** One recruiter pressing Schedule, and again with the same modal while told to try again. */
  async function scheduleThroughSlack(index: number): Promise<{ answers: Answer[]; email: string }> {
    const email = `outage-slack-${index}@example.com`;
    const viewId = `VOUT${index}`;
    const answers: Answer[] = [];
    for (;;) {
      const response = await harness.submitScheduleModal({ name: `Slack Outage ${index}`, email }, { viewId });
      answers.push({
        status: response.status,
        retryAfter: null,
        code: response.text === '' ? 'saved' : response.text,
        elapsedMs: response.elapsedMs,
      });
      if (response.status !== 200 || response.text === '') return { answers, email };
      expect(response.json()).toEqual({
        response_action: 'errors',
        errors: { candidate_name: expect.stringContaining('press the button again in a moment') },
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  it('answers 503 with Retry-After (never 500), Slack inside 3 s, and afterwards every interview exists with exactly one email', async () => {
    const started = Date.now();
    const cut = setTimeout(() => proxy.cut(), OUTAGE_STARTS_AFTER_MS);
    const restore = setTimeout(() => proxy.restore(), OUTAGE_STARTS_AFTER_MS + OUTAGE_LASTS_MS);
    const apiRequests: Array<ReturnType<typeof createThroughApi>> = [];
    const slackRequests: Array<ReturnType<typeof scheduleThroughSlack>> = [];
    const readiness: number[] = [];
    const liveness: number[] = [];
    let index = 0;
    while (Date.now() - started < STREAM_LASTS_MS) {
      apiRequests.push(createThroughApi(index));
      if (index % Math.round(SLACK_SUBMISSION_EVERY_MS / API_REQUEST_EVERY_MS) === 0) slackRequests.push(scheduleThroughSlack(index));
      if (index % 5 === 0) {
        void fetch(`${harness.app.url}/readyz`).then((response) => readiness.push(response.status));
        void fetch(`${harness.app.url}/healthz`).then((response) => liveness.push(response.status));
      }
      index += 1;
      await new Promise((resolve) => setTimeout(resolve, API_REQUEST_EVERY_MS));
    }
    const api = await Promise.all(apiRequests);
    const slack = await Promise.all(slackRequests);
    clearTimeout(cut);
    clearTimeout(restore);

    const apiAnswers = api.flatMap((request) => request.answers);
    expect(apiAnswers.filter((answer) => answer.status >= 500 && answer.status !== 503)).toEqual([]);
    const unavailable = apiAnswers.filter((answer) => answer.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const answer of unavailable)
      expect(answer).toMatchObject({ retryAfter: expect.stringMatching(/^\d+$/), code: 'database_unavailable' });
    for (const request of api) expect([201, 200]).toContain(request.answers.at(-1)!.status);

    const slackAnswers = slack.flatMap((request) => request.answers);
    expect(slackAnswers.every((answer) => answer.status === 200)).toBe(true);
    expect(slackAnswers.filter((answer) => answer.elapsedMs >= 3000)).toEqual([]);
    expect(slackAnswers.some((answer) => answer.code !== 'saved')).toBe(true);

    expect(readiness).toContain(503);
    await eventually(async () => (await fetch(`${harness.app.url}/readyz`)).status === 200, '/readyz to recover by itself');
    expect(liveness.every((status) => status === 200)).toBe(true);

    const emails = [...api, ...slack].map((request) => request.email);
    const stored = await harness.app.database.read((manager) => manager.find(Interview));
    for (const email of emails) expect(stored.filter((interview) => interview.candidateEmail === email)).toHaveLength(1);
    await eventually(
      () => emails.every((email) => harness.sendGrid.mailTo(email).length >= 1),
      'an invitation for every interview',
      20_000,
    );
    // Slack deliveries that failed during the outage come back at their retry times.
    await harness.settle(20_000);
    for (const email of emails) expect(harness.sendGrid.mailTo(email)).toHaveLength(1);

    expect(logLines.filter((line) => line.level >= 50)).toEqual([]);
    expect(logLines.filter((line) => line.msg.startsWith('The database is unreachable'))).toHaveLength(1);
    expect(logLines.filter((line) => line.msg === 'The database is reachable again')).toHaveLength(1);
  }, 60_000);

  it('tells a button click and the list command privately to try again while the database is down', async () => {
    const created = await fetch(`${harness.app.url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ candidateName: 'Button Outage', candidateEmail: 'button-outage@example.com', channelId: 'C0OUTAGE' }),
    });
    const { id } = (await created.json()) as { id: string };
    proxy.cut();
    try {
      await harness.interact(
        buttonClickPayload({ actionId: 'resend_invitation', value: id, responseUrl: harness.slack.responseUrl('outage-button') }),
      );
      await harness.command({ text: 'list', response_url: harness.slack.responseUrl('outage-list') });
      const button = await eventually(
        () => harness.slack.callsTo('response_url').find((call) => String(call.args.path).endsWith('/outage-button')),
        'the private note',
      );
      const list = await eventually(
        () => harness.slack.callsTo('response_url').find((call) => String(call.args.path).endsWith('/outage-list')),
        'the list note',
      );
      expect(button.args).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('try again in a moment') });
      expect(list.args).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('try again in a moment') });
    } finally {
      proxy.restore();
    }
    await eventually(async () => (await fetch(`${harness.app.url}/readyz`)).status === 200, 'the database to be back');
  });
});
