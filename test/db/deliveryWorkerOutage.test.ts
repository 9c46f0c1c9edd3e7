import pino from 'pino';
import { Database } from '../../src/db/database';
import { openDatabase } from '../../src/domain/appDatabase';
import { DeliveryWorker } from '../../src/delivery/deliveryWorker';
import { describeWithPostgres } from '../requirements/describeWith';
import { CuttableTcpProxy } from '../support/cuttableTcpProxy';
import { createScratchDatabase } from '../support/postgres';

const POLL_INTERVAL_MS = 50;
const OUTAGE_MS = 3_000;

describeWithPostgres('the delivery worker while PostgreSQL is down', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let proxy: CuttableTcpProxy;
  let database: Database;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    const target = new URL(scratch.url);
    proxy = await CuttableTcpProxy.start(target.hostname, Number(target.port || 5432));
    database = new Database(await openDatabase({ kind: 'postgres', url: proxy.route(scratch.url) }));
  }, 30_000);
  afterAll(async () => {
    await database?.close().catch(() => undefined);
    await proxy?.close();
    await scratch?.drop();
  });

  it('polls less and less often, not every poll interval, and resumes once it is back', async () => {
    const worker = new DeliveryWorker({
      database,
      handlers: {},
      logger: pino({ level: 'silent' }),
      settings: {
        maxAttempts: 3,
        retryBaseMs: 1000,
        retryMaxMs: 60_000,
        pollIntervalMs: POLL_INTERVAL_MS,
        leaseSeconds: 30,
        batchSize: 10,
      },
    });
    await worker.start();
    try {
      proxy.cut();
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      // Every 50 ms would be ~60 attempts; doubling from 100 ms is 100, 200, 400, 800, 1600: about 5.
      expect(proxy.refusedConnections).toBeGreaterThan(0);
      expect(proxy.refusedConnections).toBeLessThanOrEqual(10);
      proxy.restore();
      expect(await database.isReachable(5_000)).toBe(true);
    } finally {
      proxy.restore();
      await worker.stop();
    }
  }, 20_000);
});
