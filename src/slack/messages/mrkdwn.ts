import type { RecordedActor } from '../../domain/shared/actor';

/**
 * Escapes user text for Slack mrkdwn. Slack reads `<...>` as links, mentions and `<!channel>`,
 * so `&`, `<` and `>` must be sent as entities; then `<!channel>` in a name pings nobody.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link whose label is user text: the label is escaped, and `|` cannot end it early. */
export function mrkdwnLink(url: string, label: string): string {
  return `<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

/**
 * A time every reader sees in their own zone; `fallback` is shown where Slack cannot format it.
 * https://docs.slack.dev/messaging/formatting-message-text#date-formatting
 */
export function slackDate(instant: Date, format: string, fallback: string): string {
  return `<!date^${Math.floor(instant.getTime() / 1000)}^${format}|${escapeMrkdwn(fallback)}>`;
}

export function mentionUser(slackUserId: string): string {
  return `<@${slackUserId}>`;
}

/** Who made a change, as a Slack message names them: a mention, the API, or the candidate. */
export function mentionActor(actor: RecordedActor): string {
  switch (actor.kind) {
    case 'slack':
      return mentionUser(actor.userId);
    case 'api':
      return 'the API';
    case 'candidate':
      return 'the candidate';
  }
}
