import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fixturePath } from './fixtures';

/** Signs a request body exactly as Slack does: v0 HMAC-SHA256 over `v0:<timestamp>:<raw body>`. */
export function slackSignature(rawBody: string, signingSecret: string, timestampSeconds: number): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex')}`;
}

export interface SlackPostOptions {
  signingSecret: string;
  /** When Slack "sent" it; default now. */
  timestampSeconds?: number;
  /** Override the signature, e.g. to forge one. */
  signature?: string;
  headers?: Record<string, string>;
}

/** POSTs a signed, form-encoded body to the app's /slack/events, as Slack would. */
export async function postToSlackEndpoint(baseUrl: string, rawBody: string, options: SlackPostOptions) {
  const timestamp = options.timestampSeconds ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const response = await fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': options.signature ?? slackSignature(rawBody, options.signingSecret, timestamp),
      ...options.headers,
    },
    body: rawBody,
  });
  const text = await response.text();
  return { status: response.status, text, elapsedMs: performance.now() - started, json: () => JSON.parse(text) as Record<string, unknown> };
}

const slashCommandExample = JSON.parse(readFileSync(fixturePath('slack-payloads', 'slash_command.docs_example.json'), 'utf8')) as {
  fields: Record<string, string>;
};

/** A slash command body shaped like Slack's documented example, for /schedule-interview. */
export function slashCommandBody(fields: Partial<Record<string, string>> = {}): string {
  return new URLSearchParams({
    ...slashCommandExample.fields,
    command: '/schedule-interview',
    text: '',
    team_id: 'T0FAKE',
    channel_id: 'C0CHANNEL',
    channel_name: 'hiring',
    user_id: 'U0RECRUIT',
    user_name: 'recruiter',
    response_url: 'http://127.0.0.1:9/no-response-url-given',
    trigger_id: `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`,
    ...fields,
  } as Record<string, string>).toString();
}

/** An interactivity body: `payload=<url-encoded JSON>`, as Slack POSTs view submissions and button clicks. */
export function interactionBody(payload: unknown): string {
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

const assembledViewSubmission = JSON.parse(
  readFileSync(fixturePath('slack-payloads', 'view_submission.ASSEMBLED_all_input_types.json'), 'utf8'),
) as Record<string, unknown> & { view: Record<string, unknown> };

/** A view_submission payload on the envelope of a real one, carrying our modal's state. */
export function viewSubmissionPayload(options: {
  callbackId: string;
  values: Record<string, Record<string, unknown>>;
  privateMetadata?: string;
  userId?: string;
  viewId?: string;
  /** The workspace it comes from; T0FAKE unless given. */
  teamId?: string;
}) {
  const teamId = options.teamId ?? 'T0FAKE';
  return {
    ...assembledViewSubmission,
    type: 'view_submission',
    team: { id: teamId, domain: teamId.toLowerCase() },
    user: { id: options.userId ?? 'U0RECRUIT', username: 'recruiter', name: 'recruiter', team_id: teamId },
    api_app_id: 'A0FAKE',
    token: 'legacy-verification-token',
    trigger_id: `${Date.now()}.1.${randomBytes(8).toString('hex')}`,
    view: {
      ...assembledViewSubmission.view,
      id: options.viewId ?? `V${randomBytes(5).toString('hex').toUpperCase()}`,
      team_id: teamId,
      type: 'modal',
      callback_id: options.callbackId,
      private_metadata: options.privateMetadata ?? '',
      state: { values: options.values },
      hash: `hash-${randomBytes(4).toString('hex')}`,
    },
  };
}

/**
 * A block_suggestion payload: Slack asking for an external select's options as someone types in a
 * modal, shaped as Slack documents it (`value` is what was typed so far).
 */
export function blockSuggestionPayload(options: { actionId: string; value: string; callbackId: string; userId?: string; teamId?: string }) {
  const teamId = options.teamId ?? 'T0FAKE';
  const viewId = `V${randomBytes(5).toString('hex').toUpperCase()}`;
  return {
    type: 'block_suggestion',
    user: { id: options.userId ?? 'U0RECRUIT', username: 'recruiter', name: 'recruiter', team_id: teamId },
    container: { type: 'view', view_id: viewId },
    api_app_id: 'A0FAKE',
    token: 'legacy-verification-token',
    action_id: options.actionId,
    block_id: options.actionId,
    value: options.value,
    team: { id: teamId, domain: teamId.toLowerCase() },
    enterprise: null,
    is_enterprise_install: false,
    view: { ...assembledViewSubmission.view, id: viewId, team_id: teamId, type: 'modal', callback_id: options.callbackId },
  };
}

const documentedButtonClick = JSON.parse(
  readFileSync(fixturePath('slack-payloads', 'block_actions.docs_button_message.json'), 'utf8'),
) as Record<string, unknown>;

/** A block_actions payload for a button in a channel message, on the envelope of Slack's documented one. */
export function buttonClickPayload(options: {
  actionId: string;
  value: string;
  userId?: string;
  channelId?: string;
  messageTs?: string;
  responseUrl?: string;
  /** The workspace the click comes from; T0FAKE unless given. */
  teamId?: string;
}) {
  const teamId = options.teamId ?? 'T0FAKE';
  return {
    ...documentedButtonClick,
    type: 'block_actions',
    team: { id: teamId, domain: teamId.toLowerCase() },
    user: { id: options.userId ?? 'U0RECRUIT', username: 'someone', team_id: teamId },
    api_app_id: 'A0FAKE',
    container: {
      type: 'message',
      message_ts: options.messageTs ?? '1800000001.000100',
      channel_id: options.channelId ?? 'C0CHANNEL',
      is_ephemeral: false,
    },
    channel: { id: options.channelId ?? 'C0CHANNEL', name: 'hiring' },
    trigger_id: `${Date.now()}.2.${randomBytes(8).toString('hex')}`,
    response_url: options.responseUrl ?? 'http://127.0.0.1:9/no-response-url-given',
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: `interview_actions:${options.value}`,
        value: options.value,
        text: { type: 'plain_text', text: 'Button' },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/**
 * An Events API callback (sent as JSON), on the envelope Slack documents for app_uninstalled and
 * tokens_revoked, with the `authorizations` Slack adds to every event (Bolt reads the workspace from them).
 */
export function eventCallbackBody(
  event: Record<string, unknown>,
  options: { teamId: string; enterpriseId?: string; orgWide?: boolean },
): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: options.teamId,
    ...(options.enterpriseId ? { enterprise_id: options.enterpriseId } : {}),
    api_app_id: 'A0FAKEAPP',
    event,
    type: 'event_callback',
    event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: options.enterpriseId ?? null,
        team_id: options.orgWide ? null : options.teamId,
        user_id: 'U0BOT',
        is_bot: true,
        is_enterprise_install: options.orgWide ?? false,
      },
    ],
  });
}

/** POSTs a signed Events API callback (JSON) to the app's /slack/events, as Slack would. */
export function postEventToSlackEndpoint(baseUrl: string, body: string, signingSecret: string) {
  return postToSlackEndpoint(baseUrl, body, { signingSecret, headers: { 'Content-Type': 'application/json' } });
}
