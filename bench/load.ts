import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses slower than Slack's 3-second deadline. */
  over3s: number;
  non2xx: number;
  errors: number;
  total: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /**
   * A fresh body and headers for every request (a unique trigger id, signed afresh), instead of
   * `body` and `headers`; `id` names the request to `onAnswered`.
   */
  eachRequest?: () => { id: string; body: string; headers: Record<string, string> };
  /** Called with a request's `id` once it is answered (requests the run's end cut off never are). */
  onAnswered?: (id: string) => void;
}

/** What autocannon keeps per connection between a request and its answer. */
interface RequestContext {
  requestId?: string;
}

/** Drives one endpoint with autocannon and summarises throughput and latency. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let over3s = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        method: options.method ?? 'GET',
        headers: options.headers,
        body: options.body,
        timeout: 10,
        ...(options.eachRequest
          ? {
              requests: [
                {
                  setupRequest: (request: autocannon.Request, context: RequestContext) => {
                    const { id, body, headers } = options.eachRequest!();
                    context.requestId = id;
                    return { ...request, body, headers: { ...request.headers, ...headers } };
                  },
                  onResponse: (_status: number, _body: string, context: RequestContext) => {
                    if (context.requestId !== undefined) options.onAnswered?.(context.requestId);
                  },
                },
              ],
            }
          : {}),
      },
      (error, finished) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (responseTime > 3000) over3s += 1;
    });
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    over3s,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    total: result.requests.total,
  };
}
