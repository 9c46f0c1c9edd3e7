import type { WebhookSettings } from '../../config/webhookSettings';
import { DeliveryKind } from '../../domain/deliveries/DeliveryJob';
import { DeliveryError, parseRetryAfter } from '../deliveryError';
import type { DeliveryHandler } from '../deliveryWorker';
import { signWebhook } from './webhookSignature';

/** A receiver that has not answered within this long is taken as down, and the event is tried again later. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface WebhookDeliveryDependencies {
  now: () => Date;
  timeoutMs?: number;
}

/**
 * POSTs each webhook event to WEBHOOK_URL, signed per the Standard Webhooks spec. The outbox job's
 * id is the `webhook-id`, so every retry of one event carries the same id (a receiver drops
 * repeats by it) and the body written when the event happened; only `webhook-timestamp` and the
 * signature are new. Anything but a 2xx is tried again later, after the receiver's Retry-After
 * when it gives one.
 */
export function createWebhookHandlers(
  settings: WebhookSettings,
  { now, timeoutMs = WEBHOOK_TIMEOUT_MS }: WebhookDeliveryDependencies,
): { [DeliveryKind.Webhook]: DeliveryHandler<DeliveryKind.Webhook> } {
  const deliverWebhook: DeliveryHandler<DeliveryKind.Webhook> = async (job, event) => {
    const body = JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data });
    const timestampSeconds = Math.floor(now().getTime() / 1000);
    let response: Response;
    try {
      response = await fetch(settings.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': job.id,
          'webhook-timestamp': String(timestampSeconds),
          'webhook-signature': signWebhook(settings.signingKey, job.id, timestampSeconds, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw DeliveryError.retryable(
        `The webhook receiver could not be reached (${describeFetchFailure(error, timeoutMs)}); trying again later.`,
      );
    }
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return {};
    throw DeliveryError.retryable(
      `The webhook receiver answered ${response.status}; trying again later until it answers 2xx.`,
      parseRetryAfter(response.headers.get('retry-after') ?? undefined, now()),
    );
  };
  return { [DeliveryKind.Webhook]: deliverWebhook };
}

/**
 * Why fetch failed, without the URL (WEBHOOK_URL may carry a token in its query). A timeout is a
 * DOMException, told by its name: under a test runner's other realm it is no `instanceof Error`.
 */
function describeFetchFailure(error: unknown, timeoutMs: number): string {
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.name : 'unknown error';
}
