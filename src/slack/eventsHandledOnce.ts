import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logging/logger';
import type { SlackEventReceipts } from './slackEventReceipts';

/**
 * Bolt listener middleware (given to each `app.event`) that lets each Events API event through to its listener once, by
 * Slack's `event_id` (see SlackEventReceipts): a retry of an event already handled stops here; a
 * retry of one never handled (its first delivery refused, or cut short) goes on like a first
 * delivery. Bolt has acknowledged the event before this runs, so the receipt never delays Slack's
 * answer. Commands and interactions never reach it: they carry their own idempotency keys.
 */
export function eventsHandledOnce(receipts: SlackEventReceipts, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next, context }) => {
    const { type, event_id: eventId, event } = body as { type?: string; event_id?: unknown; event?: { type?: string } };
    if (type !== 'event_callback' || typeof eventId !== 'string') return next();
    const eventType = event?.type ?? 'unknown';
    const claim = await receipts.claim(eventId, eventType);
    if (!claim) {
      logger.info(
        { eventId, eventType, retryNum: context.retryNum },
        'Slack sent an event again that is already handled; not acting on it twice',
      );
      return;
    }
    try {
      await next();
    } catch (error) {
      await receipts
        .release(claim)
        .catch((releaseError: unknown) => logger.warn({ err: releaseError, eventId }, 'Could not release a failed event for its retry'));
      throw error;
    }
    await receipts.handled(claim);
  };
}
