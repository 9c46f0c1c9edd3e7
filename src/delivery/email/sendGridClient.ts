import { Client } from '@sendgrid/client';
import type { ClientRequest } from '@sendgrid/client/src/request';
import type { ClientResponse } from '@sendgrid/client/src/response';
import { classes } from '@sendgrid/helpers';
import { Agent, request, type Dispatcher } from 'undici';

/** What `Client.createRequest` hands axios: the merged URL, headers, body and timeout. */
interface PreparedRequest {
  url: string;
  baseURL?: string;
  method?: string;
  data?: unknown;
  params?: Record<string, string>;
  headers: Record<string, string>;
  timeout?: number;
}

/**
 * @sendgrid/client with its HTTP call made by undici's `request` instead of axios. Everything
 * else is the library's: the API key, base URL and default headers (`createRequest`), the mail
 * body @sendgrid/mail builds, and the answers it resolves and rejects with (a `Response` with
 * status, body and headers; a `ResponseError` for 4xx and 5xx; the network error otherwise).
 * Measured in the end-to-end benchmark, axios was ~9 % of the app's CPU per interview
 * (BENCHMARKS.md); undici is already what the app calls Slack with.
 */
export class UndiciSendGridClient extends Client {
  constructor(private readonly dispatcher: Dispatcher = new Agent()) {
    super();
  }

  override request(data: ClientRequest): Promise<[ClientResponse, unknown]> {
    const prepared = this.createRequest(data) as unknown as PreparedRequest;
    return this.send(prepared);
  }

  private async send(prepared: PreparedRequest): Promise<[ClientResponse, unknown]> {
    const signal = prepared.timeout ? AbortSignal.timeout(prepared.timeout) : undefined;
    let answer: Dispatcher.ResponseData;
    let text: string;
    try {
      answer = await request(fullUrl(prepared), {
        method: (prepared.method ?? 'GET').toUpperCase(),
        headers: prepared.headers,
        body: prepared.data === undefined ? undefined : JSON.stringify(prepared.data),
        signal,
        dispatcher: this.dispatcher,
      });
      text = await answer.body.text();
    } catch (error) {
      throw new SendGridNetworkError(error, signal?.aborted ? prepared.timeout : undefined);
    }
    const body = parsedBody(text);
    const headers = headerRecord(answer.headers);
    if (answer.statusCode >= 400) {
      // At run time ResponseError takes the response as axios gives it; its declared type is Error's.
      const axiosShaped = { status: answer.statusCode, statusText: '', headers, data: body };
      throw new classes.ResponseError(axiosShaped as unknown as string);
    }
    return [new classes.Response(answer.statusCode, body, headers) as unknown as ClientResponse, body];
  }
}

/**
 * SendGrid was not reached, or did not answer in time: a message and a string code, as axios
 * rejects (ECONNREFUSED, ENOTFOUND…, ECONNABORTED for the timeout). Never a number, which would
 * read as an HTTP status (a DOMException's `code` is one).
 */
export class SendGridNetworkError extends Error {
  readonly code: string;

  /** @param timedOutAfterMs The timeout, when it is what ended the request. */
  constructor(cause: unknown, timedOutAfterMs: number | undefined) {
    const timedOut = timedOutAfterMs !== undefined;
    const code = (cause as { code?: unknown } | null)?.code;
    super(timedOut ? `timeout of ${timedOutAfterMs} ms exceeded` : cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'SendGridNetworkError';
    this.code = timedOut ? 'ECONNABORTED' : typeof code === 'string' ? code : 'ERR_NETWORK';
  }
}

/** The base URL and the path joined as axios joins them (a base URL's own path is kept), with any query. */
function fullUrl(prepared: PreparedRequest): string {
  const joined = prepared.baseURL ? `${prepared.baseURL.replace(/\/+$/, '')}/${prepared.url.replace(/^\/+/, '')}` : prepared.url;
  const query = new URLSearchParams(prepared.params ?? {}).toString();
  return query ? `${joined}${joined.includes('?') ? '&' : '?'}${query}` : joined;
}

/** As axios gives it: JSON parsed when it is JSON, the text otherwise ('' for SendGrid's empty 202). */
function parsedBody(text: string): unknown {
  if (text === '') return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function headerRecord(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) record[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return record;
}
