import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';

export const METRICS_PATH = '/metrics';

/** GET /metrics: the registry in Prometheus's text format. Who may ask is decided before it (requireMetricsAccess). */
export function serveMetrics(registry: Registry): RequestHandler {
  return async (_request, response) => {
    const text = await registry.metrics();
    response.set('Cache-Control', 'no-store').type(registry.contentType).send(text);
  };
}
