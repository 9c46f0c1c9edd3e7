import { Agent, request, type Dispatcher } from 'undici';
import { ProviderError, type ProviderName } from '../../domain/shared/providerError';
import { parseRetryAfterMs } from './retryAfter';
import { budgetRanOut, type Deadline } from './readBudget';
import { providerCallOutcome, providerCalls } from '../../metrics/appMetrics';

/** One HTTP request to a provider. Headers carry the credentials; nothing here logs or repeats them. */
export interface ProviderRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A provider's answer, read in full. */
export interface ProviderAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Where and how the adapters reach their provider; tests point `dispatcher` nowhere special, only the base URLs change. */
export interface ProviderTransport {
  dispatcher: Dispatcher;
  /** A request that has not answered after this long fails as `unavailable` (and is retried). */
  timeoutMs: number;
  /** The clock, for token expiry and Retry-After dates. */
  now: () => number;
}

/** How long a provider may take to answer one request before it counts as down. */
export const PROVIDER_TIMEOUT_MS = 10_000;

/**
 * The largest answer the app reads from a provider. Its real answers are a few kilobytes (a
 * freeBusy for 50 calendars, a page of 300 meetings stays well under 1 MB); anything larger is
 * not read into memory but counts as an answer the app could not read.
 */
export const MAX_PROVIDER_ANSWER_BYTES = 4 * 1024 * 1024;

/** One connection pool for every provider call of the process. */
const sharedDispatcher = new Agent({ keepAliveTimeout: 30_000 });

export function defaultTransport(overrides: Partial<ProviderTransport> = {}): ProviderTransport {
  return { dispatcher: sharedDispatcher, timeoutMs: PROVIDER_TIMEOUT_MS, now: Date.now, ...overrides };
}

/**
 * Sends one request over undici and reads the whole answer, up to MAX_PROVIDER_ANSWER_BYTES. A
 * provider that cannot be reached, resets the connection, does not answer in time or answers with
 * more than that is `unavailable` (retryable); the error names the service and the network error's
 * code, never the URL's query or a header. With a `deadline`, the request is also cut short when
 * the read it belongs to runs out of time.
 */
export async function sendProviderRequest(
  provider: ProviderName,
  service: string,
  transport: ProviderTransport,
  providerRequest: ProviderRequest,
  deadline?: Deadline,
): Promise<ProviderAnswer> {
  const attemptTimeout = AbortSignal.timeout(transport.timeoutMs);
  const signal = deadline ? AbortSignal.any([attemptTimeout, deadline.signal]) : attemptTimeout;
  try {
    const answer = await request(providerRequest.url, {
      method: providerRequest.method,
      headers: providerRequest.headers,
      body: providerRequest.body,
      dispatcher: transport.dispatcher,
      signal,
    });
    const text = await cappedText(answer.body, answer.headers['content-length']);
    providerCalls.inc({ provider, service, outcome: providerCallOutcome(answer.statusCode) });
    if (text === undefined) {
      throw new ProviderError(
        provider,
        'unavailable',
        `${service} gave an answer the app could not read (more than ${MAX_PROVIDER_ANSWER_BYTES / (1024 * 1024)} MB)`,
      );
    }
    return { status: answer.statusCode, headers: answer.headers, text };
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    providerCalls.inc({ provider, service, outcome: 'unreachable' });
    if (deadline?.signal.aborted && !attemptTimeout.aborted) throw budgetRanOut(provider, service, deadline);
    const code = attemptTimeout.aborted ? `no answer in ${transport.timeoutMs} ms` : networkErrorCode(error);
    throw new ProviderError(provider, 'unavailable', `${service} could not be reached (${code})`);
  }
}

/**
 * The body as UTF-8 text, read chunk by chunk; undefined (and the rest of the body left unread,
 * the connection closed) once it is, or says it will be, larger than MAX_PROVIDER_ANSWER_BYTES.
 */
async function cappedText(
  body: Dispatcher.ResponseData['body'],
  contentLength: string | string[] | undefined,
): Promise<string | undefined> {
  const declared = Number(Array.isArray(contentLength) ? contentLength[0] : contentLength);
  if (Number.isFinite(declared) && declared > MAX_PROVIDER_ANSWER_BYTES) {
    body.destroy();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    bytes += buffer.length;
    if (bytes > MAX_PROVIDER_ANSWER_BYTES) {
      body.destroy();
      return undefined;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function networkErrorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'network error';
}

/** The answer's JSON body, or undefined when it is empty or not JSON. */
export function jsonBody(answer: ProviderAnswer): unknown {
  if (answer.text === '') return undefined;
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The failure an unsuccessful answer stands for, by status: 429 rate limited and 5xx unavailable
 * (both retryable, with Retry-After when given); 401 grant refused; 403 forbidden; 404 and 410 not
 * found; any other 4xx rejected. `reason` words it for people, from what the provider said.
 */
export function failureOf(provider: ProviderName, answer: ProviderAnswer, reason: string, now: number): ProviderError {
  const retryAfterMs = parseRetryAfterMs(answer.headers['retry-after'], now);
  if (answer.status === 429) return new ProviderError(provider, 'rate_limited', reason, retryAfterMs);
  if (answer.status >= 500) return new ProviderError(provider, 'unavailable', reason, retryAfterMs);
  if (answer.status === 401) return new ProviderError(provider, 'grant_refused', reason);
  if (answer.status === 403) return new ProviderError(provider, 'forbidden', reason);
  if (answer.status === 404 || answer.status === 410) return new ProviderError(provider, 'not_found', reason);
  return new ProviderError(provider, 'rejected', reason);
}

/** A provider's own words, cut short: they end up in answers and threads. */
export function shortened(text: string, maxLength = 200): string {
  const singleLine = text.replace(/\s+/g, ' ').trim();
  return singleLine.length > maxLength ? `${singleLine.slice(0, maxLength - 1)}…` : singleLine;
}
