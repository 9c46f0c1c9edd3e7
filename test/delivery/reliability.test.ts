import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../../src/domain/deliveries/DeliveryJob';
import { Interview } from '../../src/domain/interviews/Interview';
import { startChildApplication } from '../support/childApplication';
import { FakeSendGridApi } from '../support/fakeSendGridApi';
import { buttonClickPayload, interactionBody, postToSlackEndpoint, viewSubmissionPayload } from '../support/signedSlackRequests';
import { eventually, TEST_SIGNING_SECRET } from '../support/testApplication';
import { scheduleModalState, startSlackHarness, type SlackHarness } from '../slack/integration/slackTestHarness';

let harness: SlackHarness;

beforeAll(async () => {
  harness = await startSlackHarness();
});
afterAll(async () => {
  await harness?.close();
});

const createViaApi = async (baseUrl: string, email: string) => {
  const response = await fetch(`${baseUrl}/api/interviews`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ candidateName: 'Reliable Candidate', candidateEmail: email }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; interviewLink: string };
};
const invitationOf = (interviewId: string) =>
  harness.app.database.read((manager) => manager.findOneByOrFail(DeliveryJob, { interviewId, kind: DeliveryKind.CandidateInvitation }));
const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

describe('emails when SendGrid misbehaves', () => {
  it('retries two 500s and sends exactly one message', async () => {
    harness.sendGrid.failNext(2, { status: 500, body: { errors: [{ message: 'Internal Server Error', field: null }] } });
    const interview = await createViaApi(harness.app.url, 'twice500@example.com');
    await eventually(() => harness.sendGrid.mailTo('twice500@example.com').length === 1, 'the message to be accepted');
    await settle();
    expect(harness.sendGrid.mailTo('twice500@example.com')).toHaveLength(1);
    expect(await invitationOf(interview.id)).toMatchObject({ status: DeliveryStatus.Delivered, attempts: 3 });
  });

  it('waits as long as a 429’s Retry-After asks before trying again', async () => {
    const before = harness.sendGrid.requests.length;
    harness.sendGrid.failNext(1, {
      status: 429,
      headers: { 'Retry-After': '2' },
      body: { errors: [{ message: 'Too many requests', field: null }] },
    });
    await createViaApi(harness.app.url, 'ratelimited@example.com');
    await eventually(() => harness.sendGrid.mailTo('ratelimited@example.com').length === 1, 'the message after the pause', 8000);
    const [limited, accepted] = harness.sendGrid.requests.slice(before);
    expect(limited.status).toBe(429);
    expect(accepted.receivedAt - limited.receivedAt).toBeGreaterThanOrEqual(2000);
  });

  it('shows a permanent failure in the channel with its reason, and Resend sends it once fixed', async () => {
    harness.sendGrid.failNext(1, {
      status: 400,
      body: { errors: [{ message: 'The from address does not match a verified Sender Identity.', field: 'from' }] },
    });
    await harness.submitScheduleModal({ name: 'Failing', email: 'failing@example.com' }, { channelId: 'C0FAILS' });
    const failedUpdate = await eventually(
      () =>
        harness.slack
          .callsTo('chat.update')
          .find((call) => call.args.channel === 'C0FAILS' && JSON.stringify(call.args.blocks).includes('failed')),
      'the message to show the failure',
    );
    const blocks = JSON.stringify(failedUpdate.args.blocks);
    expect(blocks).toContain('does not match a verified Sender Identity');
    expect(blocks).toContain('resend_invitation');
    const reply = await eventually(
      () => harness.slack.callsTo('chat.postMessage').find((call) => call.args.channel === 'C0FAILS' && call.args.thread_ts),
      'the thread reply',
    );
    expect(String(reply.args.text)).toMatch(/could not be sent/);

    const interview = await harness.app.database.read((manager) =>
      manager.findOneByOrFail(Interview, { candidateEmail: 'failing@example.com' }),
    );
    await harness.interact(
      buttonClickPayload({
        actionId: 'resend_invitation',
        value: interview.id,
        channelId: 'C0FAILS',
        responseUrl: harness.slack.responseUrl('resend'),
      }),
    );
    await eventually(() => harness.sendGrid.mailTo('failing@example.com').length === 1, 'the resent invitation');
    await eventually(
      () =>
        harness.slack
          .callsTo('chat.update')
          .some((call) => call.args.channel === 'C0FAILS' && JSON.stringify(call.args.blocks).includes('Invitation emailed')),
      'the message to show it was sent',
    );
  });
});

describe('Slack retries and double clicks', () => {
  it('make one interview and one email from the same view submitted twice', async () => {
    const payload = viewSubmissionPayload({
      callbackId: 'schedule_interview',
      viewId: 'V0DOUBLECLICK',
      privateMetadata: JSON.stringify({ channelId: 'C0CHANNEL', teamId: 'T0FAKE' }),
      values: scheduleModalState({ name: 'Double', email: 'double@example.com' }),
    });
    const body = interactionBody(payload);
    const responses = await Promise.all([
      postToSlackEndpoint(harness.app.url, body, { signingSecret: TEST_SIGNING_SECRET }),
      postToSlackEndpoint(harness.app.url, body, { signingSecret: TEST_SIGNING_SECRET }),
    ]);
    const retried = await postToSlackEndpoint(harness.app.url, body, {
      signingSecret: TEST_SIGNING_SECRET,
      headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' },
    });
    expect([...responses, retried].map((response) => response.status)).toEqual([200, 200, 200]);
    expect(await harness.app.database.read((manager) => manager.countBy(Interview, { candidateEmail: 'double@example.com' }))).toBe(1);
    await eventually(() => harness.sendGrid.mailTo('double@example.com').length === 1, 'the invitation');
    await settle(500);
    expect(harness.sendGrid.mailTo('double@example.com')).toHaveLength(1);
  });
});

describe('a form sent again, changed, after its first send went through', () => {
  it('keeps the first interview and tells the recruiter their later changes were not saved', async () => {
    const send = (email: string) =>
      postToSlackEndpoint(
        harness.app.url,
        interactionBody(
          viewSubmissionPayload({
            callbackId: 'schedule_interview',
            viewId: 'V0SENTAGAIN',
            privateMetadata: JSON.stringify({ channelId: 'C0CHANNEL', teamId: 'T0FAKE' }),
            values: scheduleModalState({ name: 'Sent Again', email }),
          }),
        ),
        { signingSecret: TEST_SIGNING_SECRET },
      );
    expect((await send('first-send@example.com')).status).toBe(200);
    const again = await send('edited-send@example.com');
    expect(again.json()).toMatchObject({
      response_action: 'update',
      view: { title: { text: 'Already scheduled' }, blocks: [{ text: { text: expect.stringContaining('were not saved') } }] },
    });
    const stored = await harness.app.database.read((manager) => manager.findBy(Interview, { candidateName: 'Sent Again' }));
    expect(stored.map((interview) => interview.candidateEmail)).toEqual(['first-send@example.com']);
  });
});

describe('Slack rate limits', () => {
  it('posts the channel message later when chat.postMessage is rate-limited', async () => {
    harness.slack.rateLimitNext('chat.postMessage', 1, { when: (args) => args.channel === 'C0BUSY' });
    await harness.submitScheduleModal({ name: 'Busy', email: 'busy@example.com' }, { channelId: 'C0BUSY' });
    const posts = () =>
      harness.slack.calls.filter((call) => call.method === 'chat.postMessage' && call.args.channel === 'C0BUSY' && !call.args.thread_ts);
    await eventually(() => posts().length === 2, 'the post after the rate limit', 8000);
    const interview = await eventually(
      () =>
        harness.app.database
          .read((manager) => manager.findOneBy(Interview, { candidateEmail: 'busy@example.com' }))
          .then((found) => (found?.slackMessageTs ? found : null)),
      'the post to be recorded',
    );
    expect(interview.slackMessageChannelId).toBe('C0BUSY');
  });
});

describe('crashes', () => {
  let sendGrid: FakeSendGridApi;
  let folder: string;

  beforeAll(async () => {
    sendGrid = await FakeSendGridApi.start();
    folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-crash-'));
  });
  afterAll(async () => {
    await sendGrid.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('delivers every email exactly once after a SIGKILL while SendGrid was down, including one in flight', async () => {
    const env = {
      DATABASE_URL: `sqlite:${join(folder, 'crash.sqlite')}`,
      SENDGRID_API_KEY: sendGrid.apiKey,
      SENDGRID_API_URL: sendGrid.url,
      MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
      DELIVERY_POLL_INTERVAL_MS: '25',
      DELIVERY_RETRY_BASE_MS: '100',
      DELIVERY_RETRY_MAX_MS: '300',
    };
    sendGrid.goDown({ status: 503, delayMs: 400, body: { errors: [{ message: 'Service Unavailable', field: null }] } });
    const first = await startChildApplication(env);
    const emails = Array.from({ length: 5 }, (_, index) => `crash${index}@example.com`);
    for (const email of emails) await createViaApi(first.url, email);
    await eventually(() => sendGrid.requests.length >= 5, 'attempts against the broken SendGrid');
    const killed = await first.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    sendGrid.recover();

    const second = await startChildApplication(env);
    try {
      await eventually(() => emails.every((email) => sendGrid.mailTo(email).length === 1), 'every email after the restart', 10_000);
      await settle(800);
      for (const email of emails) expect(sendGrid.mailTo(email)).toHaveLength(1);
    } finally {
      await second.stop('SIGTERM');
    }
  });

  it('with DELIVERY_WORKER=off, a process only queues; the process that delivers sends each email once', async () => {
    const env = {
      DATABASE_URL: `sqlite:${join(folder, 'split.sqlite')}`,
      SENDGRID_API_KEY: sendGrid.apiKey,
      SENDGRID_API_URL: sendGrid.url,
      MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
      DELIVERY_POLL_INTERVAL_MS: '25',
    };
    const web = await startChildApplication({ ...env, DELIVERY_WORKER: 'off' });
    const emails = Array.from({ length: 20 }, (_, index) => `split${index}@example.com`);
    try {
      for (const email of emails.slice(0, 10)) await createViaApi(web.url, email);
      await settle(300);
      expect(emails.flatMap((email) => sendGrid.mailTo(email))).toHaveLength(0);
      const delivery = await startChildApplication({ ...env, DELIVERY_WORKER: 'on' });
      try {
        for (const email of emails.slice(10)) await createViaApi(web.url, email);
        await eventually(
          () => emails.every((email) => sendGrid.mailTo(email).length === 1),
          'every email from the delivering process',
          10_000,
        );
        await settle(300);
        for (const email of emails) expect(sendGrid.mailTo(email)).toHaveLength(1);
      } finally {
        await delivery.stop('SIGTERM');
      }
    } finally {
      await web.stop('SIGTERM');
    }
    expect(web.logs.some((entry) => String(entry.msg).startsWith('DELIVERY_WORKER=off'))).toBe(true);
  });

  it('sends a reminder that came due while the process was down, once, after the restart', async () => {
    const env = {
      DATABASE_URL: `sqlite:${join(folder, 'reminder-crash.sqlite')}`,
      SENDGRID_API_KEY: sendGrid.apiKey,
      SENDGRID_API_URL: sendGrid.url,
      MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
      DELIVERY_POLL_INTERVAL_MS: '25',
      CANDIDATE_REMINDERS: 'PT2M55S',
    };
    const reminders = () =>
      sendGrid.mailTo('remind-after-crash@example.com').filter((mail) => String(mail.body.subject).startsWith('Reminder'));
    const first = await startChildApplication(env);
    const start = new Date(Math.ceil((Date.now() + 175_000 + 2000) / 1000) * 1000).toISOString();
    const created = await fetch(`${first.url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ candidateName: 'Reliable Candidate', candidateEmail: 'remind-after-crash@example.com', scheduledTime: start }),
    });
    expect(created.status).toBe(201);
    await eventually(() => sendGrid.mailTo('remind-after-crash@example.com').length === 1, 'the invitation');
    expect((await first.stop('SIGKILL')).signal).toBe('SIGKILL');
    await settle(3000);
    expect(reminders()).toEqual([]);

    const second = await startChildApplication(env);
    try {
      await eventually(() => reminders().length === 1, 'the reminder after the restart', 10_000);
      await settle(500);
      expect(reminders()).toHaveLength(1);
    } finally {
      await second.stop('SIGTERM');
    }
  });

  it('on SIGTERM, finishes the delivery in progress and exits cleanly', async () => {
    sendGrid.delayNext(1, 1000);
    const app = await startChildApplication({
      DATABASE_URL: `sqlite:${join(folder, 'graceful.sqlite')}`,
      SENDGRID_API_KEY: sendGrid.apiKey,
      SENDGRID_API_URL: sendGrid.url,
      MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
      DELIVERY_POLL_INTERVAL_MS: '25',
    });
    await createViaApi(app.url, 'graceful@example.com');
    await eventually(() => sendGrid.requests.length > 0 || null, 'the delivery to start', 2000).catch(() => undefined);
    await settle(200);
    const exit = await app.stop('SIGTERM');
    expect(exit.code).toBe(0);
    expect(sendGrid.mailTo('graceful@example.com')).toHaveLength(1);
    expect(app.logs.some((entry) => entry.msg === 'Shut down cleanly')).toBe(true);
  });
});
