import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryError } from '../../src/delivery/deliveryError';
import { createWebhookHandlers, WEBHOOK_TIMEOUT_MS } from '../../src/delivery/webhooks/webhookDelivery';
import { DeliveryKind, type DeliveryJob } from '../../src/domain/deliveries/DeliveryJob';

/** A receiver that answers every request with `answer`, counting what it got. */
async function receiverAnswering(answer: Parameters<typeof createServer>[1]): Promise<{ url: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    answer!(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, hits, server };
}

const servers: Server[] = [];
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function deliverTo(url: string, timeoutMs?: number): Promise<unknown> {
  const handlers = createWebhookHandlers({ url, signingKey: randomBytes(32) }, { now: () => new Date(), timeoutMs });
  const job = { id: 'msg_0001' } as DeliveryJob;
  const event = { type: 'interview.scheduled' as const, timestamp: new Date().toISOString(), data: {} };
  return handlers[DeliveryKind.Webhook](job, event, undefined as never).catch((error: unknown) => error);
}

describe('what the app does with each answer of a webhook receiver', () => {
  it('gives a receiver 10 seconds, then takes it as down and tries again later', async () => {
    expect(WEBHOOK_TIMEOUT_MS).toBe(10_000);
    const silent = await receiverAnswering(() => undefined);
    servers.push(silent.server);
    const outcome = await deliverTo(silent.url, 200);
    expect(outcome).toBeInstanceOf(DeliveryError);
    expect(outcome).toMatchObject({ retryable: true, message: expect.stringContaining('no answer within 200 ms') });
  });

  it.each([400, 404, 410, 500])('tries again later after a %i, as after any answer but 2xx', async (status) => {
    const refusing = await receiverAnswering((_request, response) => response.writeHead(status).end());
    servers.push(refusing.server);
    expect(await deliverTo(refusing.url)).toMatchObject({ retryable: true, message: expect.stringContaining(`answered ${status}`) });
  });

  it('does not follow a redirect: a 3xx is not an acknowledgement, and the event goes nowhere else', async () => {
    const elsewhere = await receiverAnswering((_request, response) => response.writeHead(204).end());
    const redirecting = await receiverAnswering((_request, response) => response.writeHead(307, { Location: elsewhere.url }).end());
    servers.push(elsewhere.server, redirecting.server);
    expect(await deliverTo(redirecting.url)).toMatchObject({ retryable: true, message: expect.stringContaining('answered 307') });
    expect(elsewhere.hits).toEqual([]);
  });

  it('is done once the receiver answers 2xx', async () => {
    const accepting = await receiverAnswering((_request, response) => response.writeHead(202).end());
    servers.push(accepting.server);
    expect(await deliverTo(accepting.url)).toEqual({});
    expect(accepting.hits).toEqual(['/hooks']);
  });
});
