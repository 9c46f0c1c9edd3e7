import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MailService } from '@sendgrid/mail';
import { classifySendGridError } from '../../src/delivery/email/sendGridMailer';
import { UndiciSendGridClient } from '../../src/delivery/email/sendGridClient';

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

function mailServiceFor(url: string, timeoutMs?: number): MailService {
  const client = new UndiciSendGridClient();
  client.setApiKey('SG.test-key');
  client.setDefaultRequest('baseUrl', url);
  const mail = new MailService();
  mail.setClient(client);
  if (timeoutMs) mail.setTimeout(timeoutMs);
  return mail;
}

const message = {
  to: 'candidate@example.com',
  from: 'hiring@example.com',
  subject: 'Your interview',
  text: 'See you then.',
};

describe('@sendgrid/mail with its HTTP call made by undici', () => {
  it('POSTs the body @sendgrid/mail builds, with the headers @sendgrid/client sets, and resolves with the answer', async () => {
    const sendGrid = await startSendGrid({ status: 202, headers: { 'X-Message-Id': 'msg-1' } });
    try {
      const [response, body] = await mailServiceFor(sendGrid.url).send(message);
      expect(response.statusCode).toBe(202);
      expect((response.headers as Record<string, string>)['x-message-id']).toBe('msg-1');
      expect(body).toBe('');
      const [sent] = sendGrid.received;
      expect(sent.method).toBe('POST');
      expect(sent.url).toBe('/v3/mail/send');
      expect(sent.headers).toMatchObject({
        authorization: 'Bearer SG.test-key',
        accept: 'application/json',
        'content-type': 'application/json',
        'user-agent': expect.stringMatching(/^sendgrid\/[\d.]+;nodejs$/),
      });
      expect(JSON.parse(sent.body)).toMatchObject({
        from: { email: 'hiring@example.com' },
        subject: 'Your interview',
        personalizations: [{ to: [{ email: 'candidate@example.com' }] }],
        content: [{ type: 'text/plain', value: 'See you then.' }],
      });
    } finally {
      await sendGrid.close();
    }
  });

  it('keeps the path of a SENDGRID_API_URL that has one, as axios joins it', async () => {
    const sendGrid = await startSendGrid({ status: 202 });
    try {
      await mailServiceFor(`${sendGrid.url}/sendgrid-proxy/`).send(message);
      expect(sendGrid.received.map((request) => request.url)).toEqual(['/sendgrid-proxy/v3/mail/send']);
    } finally {
      await sendGrid.close();
    }
  });

  it('rejects a 4xx or 5xx as @sendgrid/client does: the status as code, the parsed errors and the headers', async () => {
    const sendGrid = await startSendGrid({
      status: 429,
      headers: { 'Retry-After': '30' },
      body: { errors: [{ message: 'Too many requests', field: null }] },
    });
    try {
      const error = (await mailServiceFor(sendGrid.url)
        .send(message)
        .catch((caught: unknown) => caught)) as { code: number; response: { headers: Record<string, string>; body: unknown } };
      expect(error.code).toBe(429);
      expect(error.response.body).toEqual({ errors: [{ message: 'Too many requests', field: null }] });
      expect(error.response.headers['retry-after']).toBe('30');
      const classified = classifySendGridError(error);
      expect(classified.message).toBe('SendGrid answered 429: Too many requests');
      expect(classified.retryable).toBe(true);
    } finally {
      await sendGrid.close();
    }
  });

  it('gives up after the timeout @sendgrid/mail was given, and when nothing listens, as network trouble worth retrying', async () => {
    const slow = await startSendGrid({ status: 202, delayMs: 2000 });
    try {
      const timedOut = await mailServiceFor(slow.url, 100)
        .send(message)
        .catch((caught: unknown) => caught);
      const classifiedTimeout = classifySendGridError(timedOut);
      expect(classifiedTimeout.retryable).toBe(true);
      expect(classifiedTimeout.message).toBe('SendGrid could not be reached: timeout of 100 ms exceeded');
    } finally {
      await slow.close();
    }
    const refused = await mailServiceFor(slow.url)
      .send(message)
      .catch((caught: unknown) => caught);
    const classifiedRefusal = classifySendGridError(refused);
    expect(classifiedRefusal.retryable).toBe(true);
    expect(classifiedRefusal.message).toContain('ECONNREFUSED');
  });
});
