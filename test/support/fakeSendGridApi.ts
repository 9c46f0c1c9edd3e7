import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message the fake accepted (202), as SendGrid would have received it. */
export interface RecordedMail {
  body: SendGridMailBody;
  headers: IncomingHttpHeaders;
  messageId: string;
  /** When it was accepted (ms since the epoch). */
  acceptedAt: number;
}

export interface SendGridMailBody {
  personalizations: Array<{ to: Array<{ email: string; name?: string }> }>;
  from: { email: string; name?: string };
  subject: string;
  content: Array<{ type: string; value: string }>;
  attachments?: Array<{ content: string; filename: string; type?: string; disposition?: string }>;
  tracking_settings?: { click_tracking?: { enable?: boolean; enable_text?: boolean } };
  custom_args?: Record<string, string>;
}

interface ScriptedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer only after this long, e.g. to make the client time out. */
  delayMs?: number;
}

/**
 * A stand-in for SendGrid's v3 Mail Send API on loopback: `POST /v3/mail/send` checks the bearer
 * key and the request the way the published spec (tsg_mail_v3.json) describes, answers 202 with
 * an X-Message-Id, and records what it accepted. Failures can be scripted.
 */
export class FakeSendGridApi {
  readonly accepted: RecordedMail[] = [];
  /** Every request, accepted or not, with the status it got. */
  readonly requests: Array<{ status: number; body: unknown; receivedAt: number }> = [];
  private slowness: number[] = [];
  private readonly scripted: ScriptedResponse[] = [];
  private outage: ScriptedResponse | null = null;
  private readonly acceptedListeners = new Set<(mail: RecordedMail) => void>();
  private messageCounter = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly apiKey: string,
  ) {}

  static async start(apiKey = 'SG.test-key'): Promise<FakeSendGridApi> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        void fake
          .answer(request.method ?? '', request.url ?? '', request.headers, Buffer.concat(chunks).toString('utf8'))
          .then(({ status, body, headers }) => {
            response.writeHead(status, { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers });
            response.end(body === undefined ? '' : JSON.stringify(body));
          });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeSendGridApi(server, `http://127.0.0.1:${port}`, apiKey);
    return fake;
  }

  /** Calls `listener` with every message as it is accepted; returns a function that stops listening. */
  onAccepted(listener: (mail: RecordedMail) => void): () => void {
    this.acceptedListeners.add(listener);
    return () => this.acceptedListeners.delete(listener);
  }

  /** The next `count` requests get this answer instead of being accepted. */
  failNext(count: number, response: ScriptedResponse): void {
    for (let index = 0; index < count; index += 1) this.scripted.push(response);
  }

  /** The next `count` requests are answered normally, but only after `delayMs`. */
  delayNext(count: number, delayMs: number): void {
    for (let index = 0; index < count; index += 1) this.slowness.push(delayMs);
  }

  /** Every request gets this answer until `recover()`. */
  goDown(
    response: ScriptedResponse = { status: 503, body: { errors: [{ message: 'Service Unavailable', field: null, help: null }] } },
  ): void {
    this.outage = response;
  }

  recover(): void {
    this.outage = null;
  }

  /** Accepted messages sent to `email`. */
  mailTo(email: string): RecordedMail[] {
    return this.accepted.filter((mail) =>
      mail.body.personalizations.some((personalization) => personalization.to.some((to) => to.email === email)),
    );
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(method: string, path: string, headers: IncomingHttpHeaders, rawBody: string): Promise<ScriptedResponse> {
    const receivedAt = Date.now();
    const delayMs = this.slowness.shift();
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const result = await this.decide(method, path, headers, rawBody);
    let parsed: unknown = rawBody;
    try {
      parsed = JSON.parse(rawBody);
    } catch {
      // recorded as text
    }
    this.requests.push({ status: result.status, body: parsed, receivedAt });
    return result;
  }

  private async decide(method: string, path: string, headers: IncomingHttpHeaders, rawBody: string): Promise<ScriptedResponse> {
    if (method !== 'POST' || path !== '/v3/mail/send') {
      return { status: 404, body: { errors: [{ message: 'Not found', field: null, help: null }] } };
    }
    if (headers.authorization !== `Bearer ${this.apiKey}`) {
      return {
        status: 401,
        body: { errors: [{ message: 'The provided authorization grant is invalid, expired, or revoked', field: null, help: null }] },
      };
    }
    const scripted = this.outage ?? this.scripted.shift();
    if (scripted) {
      if (scripted.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
      return scripted;
    }
    let body: SendGridMailBody;
    try {
      body = JSON.parse(rawBody) as SendGridMailBody;
    } catch {
      return { status: 400, body: { errors: [{ message: 'Bad Request', field: null, help: null }] } };
    }
    const problems = validateMailSend(body);
    if (problems.length > 0) {
      return { status: 400, body: { errors: problems.map(([field, message]) => ({ field, message, help: null })) } };
    }
    this.messageCounter += 1;
    const messageId = `fake-${this.messageCounter}-${randomBytes(6).toString('hex')}`;
    const mail = { body, headers, messageId, acceptedAt: Date.now() };
    this.accepted.push(mail);
    for (const listener of this.acceptedListeners) listener(mail);
    return { status: 202, headers: { 'X-Message-Id': messageId } };
  }
}

/** The Mail Send rules the spec marks required, with the messages SendGrid's error table gives. */
function validateMailSend(body: SendGridMailBody): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  if (!Array.isArray(body.personalizations) || body.personalizations.length === 0) {
    problems.push(['personalizations', 'The personalizations field is required and must have at least one personalization.']);
  } else if (body.personalizations.some((personalization) => !Array.isArray(personalization.to) || personalization.to.length === 0)) {
    problems.push([
      'personalizations.0.to',
      'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
    ]);
  } else if (body.personalizations.some((personalization) => personalization.to.some((to) => !isEmail(to.email)))) {
    problems.push(['personalizations.0.to', 'Does not contain a valid address.']);
  }
  if (!body.from || !isEmail(body.from.email))
    problems.push([
      'from.email',
      'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.',
    ]);
  if (typeof body.subject !== 'string' || body.subject.length === 0)
    problems.push([
      'subject',
      'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
    ]);
  if (/[\r\n]/.test(body.subject ?? '')) problems.push(['subject', 'The subject must not contain line breaks.']);
  if (!Array.isArray(body.content) || body.content.length === 0 || body.content.some((part) => !part.value)) {
    problems.push([
      'content',
      'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.',
    ]);
  } else if (body.content.findIndex((part) => part.type === 'text/plain') > 0) {
    problems.push(['content', 'If present, text/plain content must be first, followed by text/html, followed by any other content.']);
  }
  for (const attachment of body.attachments ?? []) {
    if (!attachment.content || !attachment.filename) problems.push(['attachments', 'Each attachment must have content and a filename.']);
  }
  return problems;
}

function isEmail(value: unknown): boolean {
  return typeof value === 'string' && /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value);
}

export function textPart(mail: RecordedMail): string {
  return mail.body.content.find((part) => part.type === 'text/plain')?.value ?? '';
}

export function htmlPart(mail: RecordedMail): string {
  return mail.body.content.find((part) => part.type === 'text/html')?.value ?? '';
}

/** The decoded content of the first attachment whose filename ends with `suffix`. */
export function attachmentText(mail: RecordedMail, suffix: string): string | undefined {
  const attachment = mail.body.attachments?.find((candidate) => candidate.filename.endsWith(suffix));
  return attachment ? Buffer.from(attachment.content, 'base64').toString('utf8') : undefined;
}
