import type {
  ChatPostMessageArguments,
  ChatPostMessageResponse,
  ChatUpdateArguments,
  ChatUpdateResponse,
  ViewsOpenArguments,
  ViewsOpenResponse,
  ViewsPublishArguments,
  ViewsPublishResponse,
  ViewsUpdateArguments,
  ViewsUpdateResponse,
  WebClient,
} from '@slack/web-api';
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { slackFetch } from './slackFetch';

/*
 * The Web API calls that carry Block Kit, with the view or blocks handed to WebClient as the JSON
 * text Slack receives either way. Given an object, WebClient walks all of it to redact tokens for
 * a debug line, whether or not debug logging is on, and again for the answer; given text, it does
 * not. The benchmark measured 11 % more slash commands per second this way. Same requests on the
 * wire, same answers.
 */

function withBlockKitAsText(args: object): Record<string, unknown> {
  const { view, blocks } = args as { view?: unknown; blocks?: unknown };
  return {
    ...args,
    ...(view !== undefined && typeof view !== 'string' ? { view: JSON.stringify(view) } : {}),
    ...(blocks !== undefined && typeof blocks !== 'string' ? { blocks: JSON.stringify(blocks) } : {}),
  };
}

/** A trigger id opens a view for about 3 seconds; an answer later than that cannot open anything. */
const TRIGGER_LIFE_MS = 3000;

/**
 * `views.open`, asked once, within the trigger id's life, with the client's token and API URL and
 * through the app's transport. WebClient would retry it for half an hour by default, or wait out a
 * rate limit first, and by then the trigger is long dead; and its per-call work (debug lines built
 * from redacted copies of the request and of the whole view Slack sends back, its queue and retry
 * wrapper) was ~130 µs of a ~700 µs slash command in the benchmark (BENCHMARKS.md). The same
 * form-encoded request goes on the wire, and Slack's refusals reject with WebClient's own errors.
 */
export async function openView(client: WebClient, args: ViewsOpenArguments): Promise<ViewsOpenResponse> {
  const { token, ...rest } = withBlockKitAsText(args);
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(rest)) {
    if (value !== undefined) form.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  let response: Awaited<ReturnType<typeof slackFetch>>;
  let text: string;
  try {
    response = await slackFetch(`${client.slackApiUrl}views.open`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${typeof token === 'string' ? token : (client.token ?? '')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: form.toString(),
      redirect: 'error',
      signal: AbortSignal.timeout(TRIGGER_LIFE_MS),
    });
    text = await response.text();
  } catch (error) {
    throw new WebAPIRequestError(asError(error));
  }
  if (response.status === 429) throw new WebAPIRateLimitedError(Number(response.headers.get('retry-after') ?? 0));
  if (response.status !== 200) {
    throw new WebAPIHTTPError(response.status, response.statusText, Object.fromEntries(response.headers.entries()), text);
  }
  const result = answerOf(text);
  if (!result.ok) throw new WebAPIPlatformError({ ...result, ok: false, error: result.error ?? 'unknown_error' });
  return result;
}

/**
 * The error as it was, when it is one: the abort of a call Slack did not answer in time is a
 * DOMException named `TimeoutError`, which callers tell apart from a refusal by its name.
 */
function asError(error: unknown): Error {
  const isErrorLike = typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
  return isErrorLike ? (error as Error) : new Error(String(error));
}

/** Slack's JSON answer; anything else reads as WebClient reads it, a refusal whose error is the text. */
function answerOf(text: string): ViewsOpenResponse {
  try {
    return JSON.parse(text) as ViewsOpenResponse;
  } catch {
    return { ok: false, error: text };
  }
}

export function updateView(client: WebClient, args: ViewsUpdateArguments): Promise<ViewsUpdateResponse> {
  return client.apiCall('views.update', withBlockKitAsText(args));
}

export function publishView(client: WebClient, args: ViewsPublishArguments): Promise<ViewsPublishResponse> {
  return client.apiCall('views.publish', withBlockKitAsText(args));
}

export function postMessage(client: WebClient, args: ChatPostMessageArguments): Promise<ChatPostMessageResponse> {
  return client.apiCall('chat.postMessage', withBlockKitAsText(args));
}

export function updateMessage(client: WebClient, args: ChatUpdateArguments): Promise<ChatUpdateResponse> {
  return client.apiCall('chat.update', withBlockKitAsText(args));
}
