import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';

export const OPEN_JOIN_PAGE_ACTION = 'open_join_page';

/** A link button opens its URL in the browser; Slack still tells us, and expects an ack. */
export async function acknowledgeLinkButton({ ack }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
  await ack();
}
