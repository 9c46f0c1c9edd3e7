import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

/**
 * Tells one person something only they should see: an ephemeral reply where the button was
 * (when Slack gave a response_url), else a DM from the app.
 */
export async function replyPrivately(
  target: { respond?: RespondFn; responseUrl?: string; client: WebClient; userId: string },
  text: string,
): Promise<void> {
  if (target.respond && target.responseUrl) {
    await target.respond({ response_type: 'ephemeral', replace_original: false, text });
    return;
  }
  await target.client.chat.postMessage({ channel: target.userId, text });
}
