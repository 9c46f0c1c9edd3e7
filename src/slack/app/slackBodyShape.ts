import { parse as parseForm } from 'node:querystring';
import { z } from 'zod';

/*
 * What each request Slack sends this app must hold, for Bolt and for the listeners, as Slack's
 * payloads show it (test/fixtures/slack-payloads: the documented examples and those of Slack's own
 * SDKs). Only the fields something here reads are required; everything else Slack adds is kept.
 * A correctly signed body of another shape is not something Slack sends: before these checks,
 * Bolt threw on some (a 500) and matched no listener for others (a 404 after 3 s).
 */

const slackId = z.string().min(1);
const person = z.looseObject({ id: slackId });
/** Null in the payloads of an org-wide install, which come from no single workspace. */
const workspace = z.looseObject({ id: slackId }).nullish();

const slashCommand = z.looseObject({
  command: z.string().regex(/^\/\S+$/),
  text: z.string(),
  team_id: slackId,
  user_id: slackId,
  channel_id: slackId,
  trigger_id: slackId,
  response_url: slackId,
});

const blockActions = z.looseObject({
  type: z.literal('block_actions'),
  user: person,
  team: workspace,
  trigger_id: slackId,
  actions: z.array(z.looseObject({ type: slackId, action_id: z.string() })).min(1),
});

const viewSubmission = z.looseObject({
  type: z.literal('view_submission'),
  user: person,
  team: workspace,
  view: z.looseObject({
    id: slackId,
    callback_id: z.string(),
    private_metadata: z.string(),
    state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), z.looseObject({ type: slackId }))) }),
  }),
});

const blockSuggestion = z.looseObject({
  type: z.literal('block_suggestion'),
  user: person,
  team: workspace,
  action_id: z.string(),
  block_id: z.string(),
  value: z.string(),
});

/** The interactions this app's messages, modals and menus lead to, by `type`. */
const INTERACTIONS = { block_actions: blockActions, view_submission: viewSubmission, block_suggestion: blockSuggestion };

const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  /** Slack's id of the event, the same on each of its retries. */
  event_id: slackId,
  event: z.looseObject({ type: slackId }),
});

/** The events the app subscribes to (slack-app-manifest.yml), each with what its listener reads. */
const SUBSCRIBED_EVENTS: Record<string, z.ZodType> = {
  app_home_opened: z.looseObject({ user: slackId, tab: z.string().optional() }),
  app_uninstalled: z.looseObject({}),
  tokens_revoked: z.looseObject({ tokens: z.looseObject({ oauth: z.array(z.string()).optional(), bot: z.array(z.string()).optional() }) }),
};

/** The JSON bodies of the Events API, by `type`. */
const EVENTS_API = {
  event_callback: eventCallback,
  url_verification: z.looseObject({ type: z.literal('url_verification'), challenge: z.string() }),
  app_rate_limited: z.looseObject({ type: z.literal('app_rate_limited'), minute_rate_limited: z.number() }),
};

const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';
const JSON_MEDIA_TYPE = 'application/json';

/** A body as Bolt's `processEvent` takes it: an interaction's payload, a command's fields, or an Events API body. */
export type SlackBody = Record<string, unknown>;

export type SlackBodyReading =
  | { kind: 'request'; body: SlackBody }
  /** Slack's certificate check (`ssl_check=1`), answered with an empty 200. */
  | { kind: 'certificate-probe' }
  | { kind: 'malformed'; reason: string };

/**
 * Reads a correctly signed body as Slack sends it: a slash command (form fields), an interaction
 * (a form whose `payload` is one JSON object) or an Events API body (JSON). Anything else, or any
 * of them without what it must hold, is `malformed`, with the reason in a sentence.
 */
export function readSlackBody(contentType: string | undefined, raw: Buffer): SlackBodyReading {
  if (raw.length === 0) return malformed('The body is empty.');
  const text = raw.toString('utf8');
  const mediaType = contentType?.split(';')[0]!.trim().toLowerCase();
  if (mediaType === FORM_MEDIA_TYPE) return readForm(parseForm(text));
  if (mediaType === JSON_MEDIA_TYPE) {
    const json = parseJsonObject(text);
    if (!json) return malformed('The JSON body is not an object with a "type".');
    return checkTyped(json, EVENTS_API, 'Events API body');
  }
  return malformed(`Slack sends ${FORM_MEDIA_TYPE} or ${JSON_MEDIA_TYPE}, not ${contentType ?? 'a body without a Content-Type'}.`);
}

function readForm(fields: Record<string, string | string[] | undefined>): SlackBodyReading {
  if (fields.payload !== undefined) {
    const payload = typeof fields.payload === 'string' ? parseJsonObject(fields.payload) : undefined;
    if (!payload) return malformed('The payload field is not one JSON object with a "type".');
    return checkTyped(payload, INTERACTIONS, 'interaction payload');
  }
  if (fields.ssl_check === '1') return { kind: 'certificate-probe' };
  if (fields.command === undefined) return malformed('The form is neither a slash command nor an interaction payload.');
  const checked = slashCommand.safeParse(fields);
  return checked.success ? { kind: 'request', body: fields } : malformed(describeProblem('slash command', checked.error));
}

function checkTyped(body: SlackBody & { type: string }, shapes: Record<string, z.ZodType>, what: string): SlackBodyReading {
  const shape = Object.hasOwn(shapes, body.type) ? shapes[body.type] : undefined;
  if (!shape) return malformed(`Slack sends this app no ${what} of type ${JSON.stringify(body.type)}.`);
  const checked = shape.safeParse(body);
  if (!checked.success) return malformed(describeProblem(`${body.type} ${what}`, checked.error));
  if (body.type === 'event_callback') return checkSubscribedEvent(body as z.infer<typeof eventCallback>);
  return { kind: 'request', body };
}

function checkSubscribedEvent(body: z.infer<typeof eventCallback>): SlackBodyReading {
  const shape = Object.hasOwn(SUBSCRIBED_EVENTS, body.event.type) ? SUBSCRIBED_EVENTS[body.event.type] : undefined;
  const checked = shape?.safeParse(body.event);
  if (checked && !checked.success) return malformed(describeProblem(`${body.event.type} event`, checked.error, 'event'));
  return { kind: 'request', body };
}

/** The first problem, naming the field as a path into the body: `The view_submission interaction payload has no valid "view.id".` */
function describeProblem(what: string, error: z.ZodError, prefix?: string): string {
  const [issue] = error.issues;
  const path = [...(prefix ? [prefix] : []), ...(issue?.path ?? [])].join('.');
  return path ? `The ${what} has no valid "${path}".` : `The ${what} is not shaped as Slack sends it.`;
}

function parseJsonObject(json: string): (SlackBody & { type: string }) | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const isTypedObject =
    typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string';
  return isTypedObject ? (value as SlackBody & { type: string }) : undefined;
}

function malformed(reason: string): SlackBodyReading {
  return { kind: 'malformed', reason };
}
