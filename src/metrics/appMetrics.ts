import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics, shared by everything in it: each part of the app counts into
 * the metric below that names what it does, and GET /metrics (src/http/routes/metrics.ts) serves
 * them with the per-database gauges (outbox depth) beside them. Node's own (CPU, memory, event loop
 * lag, GC) come with prom-client's defaults.
 */
export const processMetrics = new Registry();
collectDefaultMetrics({ register: processMetrics });

/** Seconds from a request's arrival to its answer's last byte, by route pattern (never the raw path). */
export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP requests by method, route pattern and status code: how long each took to answer, in seconds',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processMetrics],
});

/** How each outbox delivery attempt ended. */
export type DeliveryAttemptOutcome = 'delivered' | 'retried' | 'failed' | 'skipped';

export const deliveryAttempts = new Counter({
  name: 'outbox_deliveries_total',
  help: 'Outbox delivery attempts by kind and outcome: delivered, retried (will be tried again), failed (for good), skipped',
  labelNames: ['kind', 'outcome'] as const,
  registers: [processMetrics],
});

/** How a Slack request over HTTP was answered. */
export type SlackAckOutcome = 'acknowledged' | 'unhandled' | 'failed' | 'missed_deadline';

export const slackAckLatency = new Histogram({
  name: 'slack_ack_latency_seconds',
  help: 'Seconds from a Slack request reaching the app to its acknowledgement (Slack waits 3), by how it was answered',
  labelNames: ['outcome'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 3, 5],
  registers: [processMetrics],
});

/** What became of one call to a calendar or meeting provider: its status class, or `unreachable`. */
export type ProviderCallOutcome = '2xx' | '3xx' | '4xx' | '5xx' | 'unreachable';

export const providerCalls = new Counter({
  name: 'provider_requests_total',
  help: 'HTTP calls to calendar and meeting providers (Google, Microsoft, Zoom) by provider, service and outcome',
  labelNames: ['provider', 'service', 'outcome'] as const,
  registers: [processMetrics],
});

/** A provider's answer status as the outcome `provider_requests_total` counts. */
export function providerCallOutcome(status: number): ProviderCallOutcome {
  if (status >= 500) return '5xx';
  if (status >= 400) return '4xx';
  if (status >= 300) return '3xx';
  return '2xx';
}
