import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryError } from '../../src/delivery/deliveryError';
import type { OutgoingEmail } from '../../src/delivery/email/mailer';
import { SendGridMailer } from '../../src/delivery/email/sendGridMailer';

/** A loopback SendGrid answering every request with `status` and `body`, recording what it was sent. */
async function startSendGrid(answer: { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }) {
  const received: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders; body: string }> = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, headers: request.headers, body });
      const reply = setTimeout(() => {
        response.writeHead(answer.status, {
          ...(answer.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...answer.headers,
        });
        response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      }, answer.delayMs ?? 0);
      reply.unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const from = { email: 'hiring@example.com', name: 'Acme Hiring' };
const email: OutgoingEmail = {
  to: { email: 'candidate@example.com', name: 'Casey Candidate' },
  subject: 'Your interview',
  text: 'See you then.',
  html: '<p>See you then.</p>',
  attachments: [{ filename: 'invite.ics', type: 'text/calendar; method=REQUEST', content: 'BEGIN:VCALENDAR' }],
  tags: { interviewId: 'interview-1' },
};

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the send to fail');
    },
    (error: unknown) => error as DeliveryError,
  );

describe('sending email through @sendgrid/mail', () => {
  it('POSTs the v3 body @sendgrid/mail builds, with its headers, and keeps the X-Message-Id', async () => {
    const sendGrid = await startSendGrid({ status: 202, headers: { 'X-Message-Id': 'msg-1' } });
    try {
      const result = await new SendGridMailer('SG.test-key', from, sendGrid.url).send(email);
      expect(result).toEqual({ providerMessageId: 'msg-1' });
      const [sent] = sendGrid.received;
      expect(sent.method).toBe('POST');
      expect(sent.url).toBe('/v3/mail/send');
      expect(sent.headers).toMatchObject({
        authorization: 'Bearer SG.test-key',
        accept: 'application/json',
        'content-type': 'application/json',
        'user-agent': expect.stringMatching(/^sendgrid\/[\d.]+;nodejs$/) as unknown,
      });
      expect(JSON.parse(sent.body)).toEqual({
        from: { email: 'hiring@example.com', name: 'Acme Hiring' },
        subject: 'Your interview',
        personalizations: [{ to: [{ email: 'candidate@example.com', name: 'Casey Candidate' }] }],
        content: [
          { type: 'text/plain', value: 'See you then.' },
          { type: 'text/html', value: '<p>See you then.</p>' },
        ],
        attachments: [
          {
            filename: 'invite.ics',
            type: 'text/calendar; method=REQUEST',
            disposition: 'attachment',
            content: Buffer.from('BEGIN:VCALENDAR').toString('base64'),
          },
        ],
        custom_args: { interviewId: 'interview-1' },
        tracking_settings: { click_tracking: { enable: false, enable_text: false }, open_tracking: { enable: false } },
      });
    } finally {
      await sendGrid.close();
    }
  });

  it('keeps the path of a SENDGRID_API_URL that has one', async () => {
    const sendGrid = await startSendGrid({ status: 202 });
    try {
      await new SendGridMailer('SG.test-key', from, `${sendGrid.url}/sendgrid-proxy/`).send(email);
      expect(sendGrid.received.map((request) => request.url)).toEqual(['/sendgrid-proxy/v3/mail/send']);
    } finally {
      await sendGrid.close();
    }
  });

  it('retries a 429 no sooner than its Retry-After asks, naming SendGrid’s reason', async () => {
    const sendGrid = await startSendGrid({
      status: 429,
      headers: { 'Retry-After': '30' },
      body: { errors: [{ message: 'Too many requests', field: null }] },
    });
    try {
      const failure = await failureOf(new SendGridMailer('SG.test-key', from, sendGrid.url).send(email));
      expect(failure).toBeInstanceOf(DeliveryError);
      expect(failure).toMatchObject({ message: 'SendGrid answered 429: Too many requests', retryable: true, retryAfterMs: 30_000 });
    } finally {
      await sendGrid.close();
    }
  });

  it('retries a 5xx, and fails for good on any other 4xx with the field SendGrid names', async () => {
    const unavailable = await startSendGrid({ status: 503, body: { errors: [{ message: 'Service Unavailable', field: null }] } });
    const refused = await startSendGrid({
      status: 400,
      body: { errors: [{ message: 'The from address does not match a verified Sender Identity.', field: 'from' }] },
    });
    try {
      expect(await failureOf(new SendGridMailer('SG.test-key', from, unavailable.url).send(email))).toMatchObject({
        message: 'SendGrid answered 503: Service Unavailable',
        retryable: true,
      });
      expect(await failureOf(new SendGridMailer('SG.test-key', from, refused.url).send(email))).toMatchObject({
        message: 'SendGrid answered 400: from: The from address does not match a verified Sender Identity.',
        retryable: false,
      });
    } finally {
      await unavailable.close();
      await refused.close();
    }
  });

  it('gives up after its timeout, and when nothing listens, as network trouble worth retrying', async () => {
    const slow = await startSendGrid({ status: 202, delayMs: 2000 });
    try {
      const timedOut = await failureOf(new SendGridMailer('SG.test-key', from, slow.url, 100).send(email));
      expect(timedOut).toMatchObject({ retryable: true });
      expect(timedOut.message).toMatch(/^SendGrid could not be reached: timeout of 100 ?ms exceeded$/);
    } finally {
      await slow.close();
    }
    const nobody = await failureOf(new SendGridMailer('SG.test-key', from, slow.url).send(email));
    expect(nobody).toMatchObject({ retryable: true });
    expect(nobody.message).toMatch(/^SendGrid could not be reached: .*ECONNREFUSED/);
  });
});
