import { randomBytes } from 'node:crypto';
import { type ConfigError, loadConfig } from '../../src/config/appConfig';
import { FakeSendGridApi } from '../support/fakeSendGridApi';
import { FakeWebhookReceiver } from '../support/fakeWebhookReceiver';
import { eventually, outboxSettled, startTestApplication, type TestApplication } from '../support/testApplication';

const WEBHOOK_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const HOUR = 3_600_000;

let receiver: FakeWebhookReceiver;
let sendGrid: FakeSendGridApi;
let app: TestApplication;

beforeAll(async () => {
  receiver = await FakeWebhookReceiver.start(WEBHOOK_SECRET);
  sendGrid = await FakeSendGridApi.start();
  app = await startTestApplication({
    env: {
      WEBHOOK_URL: receiver.url,
      WEBHOOK_SECRET,
      SENDGRID_API_KEY: sendGrid.apiKey,
      SENDGRID_API_URL: sendGrid.url,
      MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
      NO_SHOW_ALERT_AFTER: 'PT1S',
      // Webhooks outlast this: they are retried until the receiver acknowledges them.
      DELIVERY_MAX_ATTEMPTS: '2',
    },
  });
});
afterAll(async () => {
  await app?.close();
  await receiver?.close();
  await sendGrid?.close();
});

interface InterviewJson {
  id: string;
  scheduledTime: string;
  sessionKey: string;
}

interface DeliveryJson {
  id: string;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${app.url}/api${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function schedule(body: Record<string, unknown> = {}): Promise<InterviewJson> {
  const response = await api('POST', '/interviews', {
    candidateName: 'Hooked Candidate',
    candidateEmail: `hooked.${Math.random().toString(16).slice(2)}@example.com`,
    role: 'Platform Engineer',
    scheduledTime: new Date(Math.ceil(Date.now() / HOUR) * HOUR + 48 * HOUR).toISOString(),
    ...body,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as InterviewJson;
}

async function webhookDeliveries(interviewId: string): Promise<DeliveryJson[]> {
  const detail = (await (await api('GET', `/interviews/${interviewId}`)).json()) as { deliveries: DeliveryJson[] };
  return detail.deliveries.filter((delivery) => delivery.kind === 'webhook');
}

const acceptedOnce = (type: string, interviewId: string) =>
  eventually(() => receiver.accepted(type, interviewId)[0], `the ${type} webhook for ${interviewId}`, 10_000);

describe('signed webhooks (Standard Webhooks, checked by the standardwebhooks package)', () => {
  it('sends interview.scheduled signed, with {type, timestamp, data}, and shows it delivered with its webhook-id', async () => {
    const interview = await schedule();
    const event = await acceptedOnce('interview.scheduled', interview.id);
    expect(event.fields).toEqual(['type', 'timestamp', 'data']);
    expect(Date.parse(event.timestamp)).not.toBeNaN();
    expect(event.data.interview).toMatchObject({ id: interview.id, status: 'scheduled', scheduledTime: interview.scheduledTime });
    expect(JSON.stringify(event.data)).not.toContain(interview.sessionKey);
    const deliveries = await eventually(
      async () =>
        (await webhookDeliveries(interview.id)).some((job) => job.status === 'delivered') ? webhookDeliveries(interview.id) : null,
      'the webhook shown as delivered',
    );
    expect(deliveries.map((job) => job.id)).toContain(event.webhookId);
    expect(receiver.rejected).toEqual([]);
  });

  it('sends invitation.delivered when the candidate’s invitation is accepted, and invitation.failed with the reason when it fails for good', async () => {
    const delivered = await schedule();
    await acceptedOnce('invitation.delivered', delivered.id);

    await outboxSettled(app.database);
    sendGrid.failNext(1, {
      status: 400,
      body: { errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to', help: null }] },
    });
    const failed = await schedule();
    const event = await acceptedOnce('invitation.failed', failed.id);
    expect(String(event.data.reason)).toMatch(/400|valid address/);
    expect(receiver.accepted('invitation.delivered', failed.id)).toEqual([]);
  });

  it('sends interview.rescheduled with the previous time, then interview.cancelled', async () => {
    const interview = await schedule();
    const newTime = new Date(Date.parse(interview.scheduledTime) + 24 * HOUR).toISOString();
    expect((await api('PATCH', `/interviews/${interview.id}`, { scheduledTime: newTime })).status).toBe(200);
    const moved = await acceptedOnce('interview.rescheduled', interview.id);
    expect(moved.data).toMatchObject({ previousScheduledTime: interview.scheduledTime, interview: { scheduledTime: newTime } });

    expect((await api('POST', `/interviews/${interview.id}/cancel`)).status).toBe(200);
    const cancelled = await acceptedOnce('interview.cancelled', interview.id);
    expect(cancelled.data.interview).toMatchObject({ status: 'cancelled' });
  });

  it('sends candidate.joined when the candidate first opens their page, once', async () => {
    const interview = await schedule();
    for (let visit = 0; visit < 2; visit += 1) {
      const opened = await fetch(`${app.url}/interview/opened`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ session_key: interview.sessionKey }),
      });
      expect(opened.status).toBe(204);
    }
    await acceptedOnce('candidate.joined', interview.id);
    await outboxSettled(app.database);
    expect(receiver.accepted('candidate.joined', interview.id)).toHaveLength(1);
  });

  it('sends interview.no_show when the candidate has not opened their page NO_SHOW_ALERT_AFTER past the start', async () => {
    const interview = await schedule({ scheduledTime: new Date(Math.ceil(Date.now() / 1000) * 1000 + 3000).toISOString() });
    const event = await acceptedOnce('interview.no_show', interview.id);
    expect(event.data).toMatchObject({ after: 'PT1S', interview: { id: interview.id } });
  });

  it('sends booking_request.booked when a candidate books a slot from a booking link', async () => {
    const slots = await api('POST', '/slots', {
      slots: [
        {
          startsAt: new Date(Math.ceil(Date.now() / HOUR) * HOUR + 72 * HOUR).toISOString(),
          durationMinutes: 30,
          interviewer: 'ada@example.com',
        },
      ],
    });
    const [slot] = ((await slots.json()) as { slots: Array<{ id: string }> }).slots;
    const requested = await api('POST', '/booking-requests', {
      candidateName: 'Booking Candidate',
      candidateEmail: 'booking.candidate@example.com',
      slotIds: [slot.id],
    });
    expect(requested.status).toBe(201);
    const request = (await requested.json()) as { id: string; bookingLink: string };
    const token = request.bookingLink.split('token=')[1];
    const booked = await fetch(`${app.url}/book/`, {
      method: 'POST',
      body: new URLSearchParams({ token, slotId: slot.id }),
      redirect: 'manual',
    });
    expect(booked.status).toBe(303);
    const event = await eventually(
      () => receiver.received.find((each) => each.type === 'booking_request.booked' && each.data.bookingRequestId === request.id),
      'the booking_request.booked webhook',
      10_000,
    );
    const interviewId = (event.data.interview as { id: string }).id;
    expect(event.data.interview).toMatchObject({ slotId: slot.id, candidateEmail: 'booking.candidate@example.com' });
    await acceptedOnce('interview.scheduled', interviewId);
  });

  it('retries a refused event with the same webhook-id until the receiver answers 2xx, after its Retry-After', async () => {
    await outboxSettled(app.database);
    const before = receiver.received.length;
    receiver.refuseNext(3, 503, '1');
    const interview = await schedule();
    await acceptedOnce('interview.scheduled', interview.id);
    const refused = await eventually(() => {
      const since = receiver.received.slice(before);
      return since.filter((each) => each.status === 503).length === 3 ? since.filter((each) => each.status === 503) : null;
    }, 'three refused attempts');
    for (const attempt of refused) {
      const acknowledged = await eventually(
        () => receiver.received.find((each) => each.webhookId === attempt.webhookId && each.status === 204),
        `the refused ${attempt.type} acknowledged later under the same webhook-id`,
        10_000,
      );
      expect(acknowledged).toMatchObject({ type: attempt.type, timestamp: attempt.timestamp, data: attempt.data });
    }
    await eventually(
      async () => (await webhookDeliveries(interview.id)).find((job) => job.id === refused[0].webhookId && job.status === 'delivered'),
      'the refused webhook shown as delivered',
    );
  });

  it('waits no longer than DELIVERY_RETRY_MAX_MS, however long a Retry-After the receiver asks for', async () => {
    await outboxSettled(app.database);
    const before = receiver.received.length;
    // About 3,000 years; it used to be waited out in full.
    receiver.refuseNext(1, 503, '99999999999');
    const interview = await schedule();
    const refused = await eventually(() => receiver.received.slice(before).find((each) => each.status === 503), 'the refused attempt');
    const acknowledged = await eventually(
      () => receiver.received.find((each) => each.webhookId === refused.webhookId && each.status === 204),
      'the refused event acknowledged within DELIVERY_RETRY_MAX_MS (2 s here)',
      8_000,
    );
    expect(acknowledged.type).toBe(refused.type);
    await eventually(
      async () => (await webhookDeliveries(interview.id)).find((job) => job.id === refused.webhookId && job.status === 'delivered'),
      'the refused webhook shown as delivered',
    );
  });

  it('loses nothing while the receiver is down, beyond DELIVERY_MAX_ATTEMPTS, and delivers once it is back', async () => {
    await outboxSettled(app.database);
    await receiver.goDown();
    try {
      const interview = await schedule();
      const waiting = await eventually(
        async () => (await webhookDeliveries(interview.id)).find((job) => job.status === 'pending' && job.attempts >= 3),
        'the webhook to have been tried three times',
        15_000,
      );
      expect(waiting.lastError).toMatch(/could not be reached/);
      // interview.scheduled and, once the email went, invitation.delivered both wait: either may be the one found above.
      const waitingIds = (await webhookDeliveries(interview.id)).filter((job) => job.status === 'pending').map((job) => job.id);
      await receiver.comeBack();
      const event = await acceptedOnce('interview.scheduled', interview.id);
      expect(waitingIds).toContain(event.webhookId);
      await eventually(
        async () => (await webhookDeliveries(interview.id)).find((job) => job.id === event.webhookId && job.status === 'delivered'),
        'the webhook shown as delivered',
      );
    } finally {
      if (!receiver.isListening) await receiver.comeBack();
    }
  });
});

describe('webhook settings', () => {
  const base = { DATABASE_URL: 'sqlite::memory:' };
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig({ ...base, ...env });
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('takes a whsec_ secret and the URL together', () => {
    const config = loadConfig({ ...base, WEBHOOK_URL: 'https://ats.example/hooks', WEBHOOK_SECRET });
    expect(config.webhooks?.url).toBe('https://ats.example/hooks');
    expect(config.webhooks?.signingKey).toHaveLength(32);
    expect(loadConfig(base).webhooks).toBeUndefined();
  });

  it('names what is wrong with a secret at start-up, without repeating it', () => {
    const [missingPrefix] = problemsOf({ WEBHOOK_URL: 'https://ats.example/hooks', WEBHOOK_SECRET: 'not-a-real-secret-value' });
    expect(missingPrefix).toMatch(/^WEBHOOK_SECRET must start with whsec_/);
    expect(missingPrefix).not.toContain('not-a-real-secret-value');
    expect(problemsOf({ WEBHOOK_URL: 'https://ats.example/hooks', WEBHOOK_SECRET: 'whsec_%%%' })[0]).toMatch(/base64/);
    expect(problemsOf({ WEBHOOK_URL: 'https://ats.example/hooks', WEBHOOK_SECRET: 'whsec_c2hvcnQ=' })[0]).toMatch(/24 to 64 bytes/);
    expect(problemsOf({ WEBHOOK_URL: 'https://ats.example/hooks' })[0]).toMatch(/^WEBHOOK_SECRET is required/);
    expect(problemsOf({ WEBHOOK_SECRET })[0]).toMatch(/^WEBHOOK_URL is required/);
  });
});
