import { readFileSync } from 'node:fs';
import { isSignedBySlack, SLACK_BODY_LIMIT_BYTES, SLACK_UNVERIFIED_BODIES_BUDGET_BYTES } from '../../src/slack/app/slackRequestGuard';
import { SLACK_REFUSALS_PER_CLIENT_PER_MINUTE } from '../../src/slack/app/slackRefusalCounter';
import { fixturePath } from '../support/fixtures';
import { startUpload, writeFillerUntilAnswered } from '../support/rawUploads';
import {
  interactionBody,
  postToSlackEndpoint,
  slackSignature,
  slashCommandBody,
  viewSubmissionPayload,
} from '../support/signedSlackRequests';
import { eventually, TEST_SIGNING_SECRET } from '../support/testApplication';
import { scheduleModalState, startSlackHarness, type SlackHarness } from '../slack/integration/slackTestHarness';

const FORM = 'application/x-www-form-urlencoded';
const nowInSeconds = () => Math.floor(Date.now() / 1000);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Headers that look like Slack's, with a signature that matches nothing. */
const forgedHeaders = (extra: Record<string, string | number> = {}) => ({
  'Content-Type': FORM,
  'X-Slack-Request-Timestamp': String(nowInSeconds()),
  'X-Slack-Signature': `v0=${'0'.repeat(64)}`,
  ...extra,
});

let harness: SlackHarness;
const events = () => `${harness.app.url}/slack/events`;
/** Each test that gets itself refused does so as its own client, so no test uses up another's allowance. */
let clientNumber = 0;
const newClient = () => ({ 'X-Forwarded-For': `203.0.113.${(clientNumber += 1)}` });

beforeAll(async () => {
  harness = await startSlackHarness({ TRUST_PROXY: '1' });
});
afterAll(async () => {
  await harness?.close();
});

describe('the timestamp window on /slack/events', () => {
  it('refuses a correctly signed command stamped an hour ahead or an hour behind with 401, and opens no modal', async () => {
    const client = newClient();
    for (const offsetSeconds of [3600, -3600]) {
      const triggerId = `future.${offsetSeconds}`;
      const response = await postToSlackEndpoint(harness.app.url, slashCommandBody({ trigger_id: triggerId }), {
        signingSecret: TEST_SIGNING_SECRET,
        timestampSeconds: nowInSeconds() + offsetSeconds,
        headers: client,
      });
      expect(response.status).toBe(401);
    }
    await pause(200);
    expect(harness.slack.callsTo('views.open').filter((call) => String(call.args.trigger_id).startsWith('future.'))).toHaveLength(0);
  });

  it('accepts one stamped four minutes ahead or behind, as a drifting clock would', async () => {
    for (const offsetSeconds of [240, -240]) {
      const triggerId = `drift.${offsetSeconds}`;
      const response = await postToSlackEndpoint(harness.app.url, slashCommandBody({ trigger_id: triggerId }), {
        signingSecret: TEST_SIGNING_SECRET,
        timestampSeconds: nowInSeconds() + offsetSeconds,
      });
      expect(response.status).toBe(200);
      await eventually(
        () => harness.slack.callsTo('views.open').find((call) => call.args.trigger_id === triggerId),
        `the modal for ${triggerId}`,
      );
    }
  });
});

describe('signed bodies that cannot be a Slack request', () => {
  const cases: Array<[string, string, string]> = [
    ['payload=42', FORM, 'payload=42'],
    ['an empty payload', FORM, 'payload='],
    ['an empty form', FORM, ''],
    ['broken JSON in the payload', FORM, 'payload=%7B'],
    ['payload=null', FORM, 'payload=null'],
    ['an array payload', FORM, `payload=${encodeURIComponent('[{"type":"view_submission"}]')}`],
    ['a form that is neither a command nor a payload', FORM, 'token=x&team_id=T0FAKE'],
    ['JSON 42', 'application/json', '42'],
    ['JSON null', 'application/json', 'null'],
    ['a JSON array', 'application/json', '[]'],
    ['a JSON object without a type', 'application/json', '{"event":{}}'],
    ['an empty JSON body', 'application/json', ''],
    ['plain text', 'text/plain', 'hello'],
    ['an event_callback whose event is null', 'application/json', '{"type":"event_callback","event":null}'],
    ['an event_callback without an event', 'application/json', '{"type":"event_callback","event_id":"Ev0NOEVENT"}'],
    ['a JSON body of a type Slack does not send', 'application/json', '{"type":"made_up"}'],
    ['a view_submission without its view', FORM, interactionBody({ type: 'view_submission', user: { id: 'U0RECRUIT' } })],
    [
      'a block_actions without its user',
      FORM,
      interactionBody({ type: 'block_actions', trigger_id: '1.2.3', actions: [{ type: 'button', action_id: 'cancel_interview' }] }),
    ],
    [
      'an interaction of a type Slack does not send this app',
      FORM,
      interactionBody({ type: 'dialog_submission', user: { id: 'U0RECRUIT' } }),
    ],
  ];

  it.each(cases)('answers %s with 400 at once', async (_name, contentType, body) => {
    const response = await postToSlackEndpoint(harness.app.url, body, {
      signingSecret: TEST_SIGNING_SECRET,
      headers: { 'Content-Type': contentType },
    });
    // Not Bolt's 500 (it threw on some) nor its 404 after holding the request 3 s (it matched no listener).
    expect(response.status).toBe(400);
    expect(response.text).not.toBe('');
  });

  it('still serves Slack after all of them (a JSON null used to end the process)', async () => {
    const response = await harness.command({ trigger_id: 'after.malformed' });
    expect(response.status).toBe(200);
    await eventually(() => harness.slack.callsTo('views.open').find((call) => call.args.trigger_id === 'after.malformed'), 'the modal');
  });
});

describe('the body limit on /slack/events', () => {
  it(`answers 413 to a declared length over ${SLACK_BODY_LIMIT_BYTES} bytes at once, without waiting for the body, and closes the connection`, async () => {
    const upload = startUpload(events(), forgedHeaders({ ...newClient(), 'Content-Length': 4 * 1024 * 1024 }));
    upload.request.write('payload=');
    const answer = await upload.answered;
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    await upload.socketClosed;
  });

  it('answers 413 to a chunked body as soon as it passes the limit, while the client is still sending, and closes the connection', async () => {
    // Far more than the limit plus what the sockets buffer on the way, so that even a busy server,
    // reading late, answers while the client still has most of it to send.
    const wholeBody = 64 * SLACK_BODY_LIMIT_BYTES;
    const upload = startUpload(events(), forgedHeaders(newClient()));
    const sentBytes = await writeFillerUntilAnswered(upload, wholeBody);
    const answer = await upload.answered;
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(sentBytes).toBeLessThan(wholeBody);
    await upload.socketClosed;
  });

  it('accepts a correctly signed request just under the limit', async () => {
    const payload = viewSubmissionPayload({
      callbackId: 'schedule_interview',
      privateMetadata: JSON.stringify({ channelId: 'C0LARGE', teamId: 'T0FAKE' }),
      values: scheduleModalState({ name: 'Large Body', email: 'large-body@example.com' }),
    });
    const padding = 'x'.repeat(SLACK_BODY_LIMIT_BYTES - Buffer.byteLength(interactionBody(payload)) - 1024);
    const body = interactionBody({ ...payload, view: { ...payload.view, padding } });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(SLACK_BODY_LIMIT_BYTES);
    expect(Buffer.byteLength(body)).toBeGreaterThan(SLACK_BODY_LIMIT_BYTES - 2048);
    const response = await postToSlackEndpoint(harness.app.url, body, { signingSecret: TEST_SIGNING_SECRET });
    expect(response.status).toBe(200);
    await eventually(
      () => harness.slack.callsTo('chat.postMessage').find((call) => call.args.channel === 'C0LARGE'),
      'the channel message',
    );
  });
});

describe('many slow uploads at once', () => {
  it(`answer 503 once the bodies being read hold ${SLACK_UNVERIFIED_BODIES_BUDGET_BYTES / 1024 / 1024} MiB between them, and the room comes back when they go`, async () => {
    const perUploadBytes = 400 * 1024;
    const filler = Buffer.alloc(perUploadBytes, 'a');
    const uploads = Array.from({ length: Math.ceil(SLACK_UNVERIFIED_BODIES_BUDGET_BYTES / perUploadBytes) + 5 }, () => {
      const upload = startUpload(events(), forgedHeaders(newClient()));
      upload.request.write(filler);
      return upload;
    });
    try {
      const first = await Promise.race(uploads.map((upload) => upload.answered));
      expect(first.status).toBe(503);
      expect(first.headers['retry-after']).toBe('1');
    } finally {
      for (const upload of uploads) upload.request.destroy();
    }
    const event = {
      type: 'event_callback',
      team_id: 'T0FAKE',
      api_app_id: 'A0FAKE',
      event_id: 'Ev0BUDGET',
      event: { type: 'app_home_opened', user: 'U0BUDGET', tab: 'messages' },
      padding: 'x'.repeat(perUploadBytes),
    };
    await eventually(async () => {
      const response = await postToSlackEndpoint(harness.app.url, JSON.stringify(event), {
        signingSecret: TEST_SIGNING_SECRET,
        headers: { 'Content-Type': 'application/json' },
      });
      return response.status === 200;
    }, 'a large signed event to be read again');
  });
});

describe('clients with many refused requests', () => {
  const refuseRepeatedly = async (clientHeaders: () => Record<string, string>) => {
    for (let index = 0; index < SLACK_REFUSALS_PER_CLIENT_PER_MINUTE; index += 1) {
      const response = await postToSlackEndpoint(harness.app.url, slashCommandBody(), {
        signingSecret: 'a-guessed-secret',
        headers: clientHeaders(),
      });
      expect(response.status).toBe(401);
    }
  };

  it(`answer 429 after ${SLACK_REFUSALS_PER_CLIENT_PER_MINUTE} refusals in a minute, before reading the body, even when correctly signed; other clients are not affected`, async () => {
    const guesser = newClient();
    await refuseRepeatedly(() => guesser);
    const signed = await postToSlackEndpoint(harness.app.url, slashCommandBody({ trigger_id: 'limited.guesser' }), {
      signingSecret: TEST_SIGNING_SECRET,
      headers: guesser,
    });
    expect(signed.status).toBe(429);
    const unread = startUpload(events(), forgedHeaders({ ...guesser, 'Content-Length': 1000 }));
    const answer = await unread.answered;
    expect(answer.status).toBe(429);
    expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(answer.headers['retry-after'])).toBeLessThanOrEqual(60);

    const someoneElse = await postToSlackEndpoint(harness.app.url, slashCommandBody({ trigger_id: 'limited.other' }), {
      signingSecret: TEST_SIGNING_SECRET,
      headers: newClient(),
    });
    expect(someoneElse.status).toBe(200);
  });

  it('count refusals by the socket address when TRUST_PROXY is off, so a forged X-Forwarded-For does not make a new client', async () => {
    const direct = await startSlackHarness();
    try {
      let forged = 0;
      const forgedClient = () => ({ 'X-Forwarded-For': `198.51.100.${(forged += 1)}` });
      for (let index = 0; index < SLACK_REFUSALS_PER_CLIENT_PER_MINUTE; index += 1) {
        const response = await postToSlackEndpoint(direct.app.url, slashCommandBody(), {
          signingSecret: 'a-guessed-secret',
          headers: forgedClient(),
        });
        expect(response.status).toBe(401);
      }
      const next = await postToSlackEndpoint(direct.app.url, slashCommandBody(), {
        signingSecret: TEST_SIGNING_SECRET,
        headers: forgedClient(),
      });
      expect(next.status).toBe(429);
    } finally {
      await direct.close();
    }
  });
});

describe('Slack’s certificate probe', () => {
  it('answers the unsigned ssl_check with 200, passes nothing smuggled beside it to the app, and refuses other unsigned requests', async () => {
    const smuggled = interactionBody(
      viewSubmissionPayload({
        callbackId: 'schedule_interview',
        privateMetadata: JSON.stringify({ channelId: 'C0SMUGGLED' }),
        values: scheduleModalState({ name: 'Smuggled', email: 'smuggled@example.com' }),
      }),
    );
    const probe = await fetch(events(), {
      method: 'POST',
      headers: { 'Content-Type': FORM, ...newClient() },
      body: 'ssl_check=1&token=legacy',
    });
    expect(probe.status).toBe(200);
    const withPayload = await fetch(events(), {
      method: 'POST',
      headers: { 'Content-Type': FORM, ...newClient() },
      body: `ssl_check=1&${smuggled}`,
    });
    expect(withPayload.status).toBe(401);
    const unsigned = await fetch(events(), { method: 'POST', headers: { 'Content-Type': FORM, ...newClient() }, body: slashCommandBody() });
    expect(unsigned.status).toBe(401);
    await pause(200);
    expect(harness.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0SMUGGLED')).toHaveLength(0);
  });

  it('refuses a request with a signature but no timestamp, or the other way round', async () => {
    const body = slashCommandBody();
    const timestamp = nowInSeconds();
    const client = newClient();
    const signatureOnly = await fetch(events(), {
      method: 'POST',
      headers: { 'Content-Type': FORM, 'X-Slack-Signature': slackSignature(body, TEST_SIGNING_SECRET, timestamp), ...client },
      body,
    });
    const timestampOnly = await fetch(events(), {
      method: 'POST',
      headers: { 'Content-Type': FORM, 'X-Slack-Request-Timestamp': String(timestamp), ...client },
      body,
    });
    expect([signatureOnly.status, timestampOnly.status]).toEqual([401, 401]);
  });
});

describe('the signature check itself (Bolt’s verifySlackRequest)', () => {
  const vector = JSON.parse(readFileSync(fixturePath('slack-payloads', 'signature_test_vector.json'), 'utf8')) as {
    signing_secret: string;
    'X-Slack-Request-Timestamp': string;
    raw_body: string;
    'X-Slack-Signature': string;
  };
  const body = Buffer.from(vector.raw_body);
  /** The published example is from 2018: checked against a clock of its own time. */
  const thenMs = Number(vector['X-Slack-Request-Timestamp']) * 1000;
  const isSigned = (secret: string, timestamp: string, signedBody: Buffer, signature: string, nowMs = thenMs) =>
    isSignedBySlack(secret, { timestamp, signature, body: signedBody }, nowMs);

  it('accepts Slack’s published example', () => {
    expect(isSigned(vector.signing_secret, vector['X-Slack-Request-Timestamp'], body, vector['X-Slack-Signature'])).toBe(true);
  });

  it('refuses it with any part changed: the secret, the timestamp, a byte of the body, the signature, or its length', () => {
    const signature = vector['X-Slack-Signature'];
    const timestamp = vector['X-Slack-Request-Timestamp'];
    expect(isSigned(`${vector.signing_secret}x`, timestamp, body, signature)).toBe(false);
    expect(isSigned(vector.signing_secret, String(Number(timestamp) + 1), body, signature)).toBe(false);
    expect(isSigned(vector.signing_secret, timestamp, Buffer.from(vector.raw_body.replace('foobar', 'foobaz')), signature)).toBe(false);
    expect(
      isSigned(
        vector.signing_secret,
        timestamp,
        body,
        signature.replace(/.$/, (last) => (last === '0' ? '1' : '0')),
      ),
    ).toBe(false);
    expect(isSigned(vector.signing_secret, timestamp, body, signature.slice(0, -2))).toBe(false);
    expect(isSigned(vector.signing_secret, timestamp, body, signature.replace('v0=', 'v1='))).toBe(false);
    expect(isSigned(vector.signing_secret, timestamp, body, '')).toBe(false);
  });

  it('refuses it, correctly signed, more than 5 minutes after it was sent', () => {
    const fiveMinutesLaterMs = thenMs + 5 * 60_000 + 1000;
    expect(
      isSigned(vector.signing_secret, vector['X-Slack-Request-Timestamp'], body, vector['X-Slack-Signature'], fiveMinutesLaterMs),
    ).toBe(false);
  });
});
