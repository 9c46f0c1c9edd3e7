import pino from 'pino';
import { v4 as uuidv4 } from 'uuid';
import { insertRows } from '../../src/db/insertRows';
import { OutboxWorker } from '../../src/delivery/outboxWorker';
import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../../src/domain/deliveries/DeliveryJob';
import { scheduleInterview } from '../../src/domain/interviews/scheduleInterview';
import { eventually } from '../support/testApplication';
import { openTestDomain, type TestDomain } from '../support/testDatabase';

const NOW = new Date('2030-03-04T10:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const settings = { maxAttempts: 3, retryBaseMs: 1000, retryMaxMs: 60_000, pollIntervalMs: 10_000, leaseSeconds: 30, batchSize: 10 };
const silent = pino({ level: 'silent' });

let domain: TestDomain;
let interviewId: string;

beforeEach(async () => {
  domain = await openTestDomain({ now: NOW });
  const { interview } = await scheduleInterview(domain.context, {
    input: { candidateName: 'Jane', candidateEmail: 'jane@example.com' },
    actor: { kind: 'api' },
  });
  interviewId = interview.id;
  await domain.database.transaction((manager) => manager.delete(DeliveryJob, { interviewId }));
});
afterEach(async () => {
  await domain.close();
});

function workerWith(retentionDays?: number): OutboxWorker {
  return new OutboxWorker({
    database: domain.database,
    kinds: {},
    logger: silent,
    settings: { ...settings, retentionDays },
    now: () => NOW,
  });
}

/** `count` jobs in one state, last changed `daysAgo` days before now. */
async function storeJobs(count: number, status: DeliveryStatus, daysAgo: number, lease: Partial<DeliveryJob> = {}): Promise<string[]> {
  const changedAt = new Date(NOW.getTime() - daysAgo * DAY_MS);
  const jobs = Array.from({ length: count }, () => ({
    id: uuidv4(),
    kind: DeliveryKind.CandidateReminder,
    interviewId,
    bookingRequestId: null,
    slackTeamId: null,
    slackEnterpriseId: null,
    payload: null,
    status,
    attempts: 1,
    nextAttemptAt: changedAt,
    leaseOwner: null,
    leaseExpiresAt: null,
    providerMessageId: null,
    lastError: null,
    deliveredAt: status === DeliveryStatus.Delivered ? changedAt : null,
    createdAt: changedAt,
    updatedAt: changedAt,
    ...lease,
  }));
  for (let start = 0; start < jobs.length; start += 100) {
    await domain.database.transaction((manager) => insertRows(manager, DeliveryJob, jobs.slice(start, start + 100)));
  }
  return jobs.map((job) => job.id);
}

const statusCounts = async () => {
  const rows = await domain.database.read((manager) =>
    manager
      .createQueryBuilder(DeliveryJob, 'job')
      .select('job.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('job.status')
      .getRawMany<{ status: string; count: number | string }>(),
  );
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
};

describe('the outbox’s housekeeping', () => {
  it('deletes jobs finished more than DELIVERY_RETENTION_DAYS ago, over several batches, and keeps newer and unfinished ones', async () => {
    await storeJobs(1100, DeliveryStatus.Delivered, 91);
    await storeJobs(3, DeliveryStatus.Failed, 200);
    await storeJobs(2, DeliveryStatus.Skipped, 120);
    await storeJobs(4, DeliveryStatus.Delivered, 89);
    await storeJobs(5, DeliveryStatus.Pending, 300);

    expect(await workerWith(90).pruneFinishedJobs()).toBe(1105);

    expect(await statusCounts()).toEqual({ [DeliveryStatus.Delivered]: 4, [DeliveryStatus.Pending]: 5 });
  });

  it('keeps every job when no retention is set', async () => {
    await storeJobs(3, DeliveryStatus.Delivered, 400);
    expect(await workerWith(undefined).pruneFinishedJobs()).toBe(0);
    expect(await statusCounts()).toEqual({ [DeliveryStatus.Delivered]: 3 });
  });

  it('prunes when the worker starts, and stops cleanly', async () => {
    await storeJobs(2, DeliveryStatus.Delivered, 31);
    await storeJobs(1, DeliveryStatus.Delivered, 29);
    const worker = workerWith(30);
    await worker.start();
    await eventually(async () => (await statusCounts())[DeliveryStatus.Delivered] === 1, 'the old jobs pruned');
    await worker.stop();
    expect(await statusCounts()).toEqual({ [DeliveryStatus.Delivered]: 1 });
  });

  it('claims a job whose worker let the lease lapse, after the jobs that are due', async () => {
    const [lapsed] = await storeJobs(1, DeliveryStatus.InFlight, 1, { leaseOwner: 'gone', leaseExpiresAt: new Date(NOW.getTime() - 1000) });
    const [held] = await storeJobs(1, DeliveryStatus.InFlight, 0, {
      leaseOwner: 'alive',
      leaseExpiresAt: new Date(NOW.getTime() + 60_000),
    });
    const [due] = await storeJobs(1, DeliveryStatus.Pending, 0);
    await storeJobs(1, DeliveryStatus.Pending, -1);

    // No kinds are known here, so every claimed job fails for good as an unknown kind: the claimed are those failed.
    expect(await workerWith().deliverDueJobs()).toBe(2);

    const jobs = await domain.database.read((manager) => manager.findBy(DeliveryJob, { interviewId }));
    const statusOf = (id: string) => jobs.find((job) => job.id === id)?.status;
    expect([statusOf(due), statusOf(lapsed), statusOf(held)]).toEqual([
      DeliveryStatus.Failed,
      DeliveryStatus.Failed,
      DeliveryStatus.InFlight,
    ]);
    expect(jobs.filter((job) => job.status === DeliveryStatus.Pending)).toHaveLength(1);
  });
});
