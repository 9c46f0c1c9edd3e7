import pino from 'pino';
import { In, type EntityManager } from 'typeorm';
import { DeliveryError } from '../../src/delivery/deliveryError';
import { OutboxWorker, type OutboxKind } from '../../src/delivery/outboxWorker';
import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../../src/domain/deliveries/DeliveryJob';
import type { DeliveryOutcome, DeliveryResult, DeliverySubjects } from '../../src/domain/deliveries/deliverySubjects';
import { Interview } from '../../src/domain/interviews/Interview';
import { scheduleInterview } from '../../src/domain/interviews/scheduleInterview';
import { openTestDomain, type TestDomain } from '../support/testDatabase';

const settings = { maxAttempts: 1, retryBaseMs: 1000, retryMaxMs: 60_000, pollIntervalMs: 10_000, leaseSeconds: 30, batchSize: 10 };
const silent = pino({ level: 'silent' });

let domain: TestDomain;
let interviewId: string;

beforeEach(async () => {
  domain = await openTestDomain({ now: new Date('2030-03-04T10:00:00Z') });
  const { interview } = await scheduleInterview(domain.context, {
    input: { candidateName: 'Jane', candidateEmail: 'jane@example.com' },
    actor: { kind: 'api' },
  });
  interviewId = interview.id;
});
afterEach(async () => {
  await domain.close();
});

/** A kind of thing jobs could be about that the core has never heard of: a webhook endpoint, read as the interview's email. */
interface Endpoint {
  id: string;
  address: string;
}

interface EndpointResult extends DeliveryResult {
  deliveredTo?: string;
}

/** Everything the made-up subject type is asked, in order, with whether the job was already marked when it was asked. */
function endpointSubjects(heard: string[]): DeliverySubjects<Endpoint, EndpointResult> {
  const statusOf = async (manager: EntityManager, job: DeliveryJob) => (await manager.findOneByOrFail(DeliveryJob, { id: job.id })).status;
  return {
    idOf: (job) => job.interviewId,
    missingReason: 'No such endpoint.',
    async load(manager, ids) {
      heard.push(`load ${ids.length}`);
      const rows = await manager.findBy(Interview, { id: In(ids) });
      return new Map(rows.map((row) => [row.id, { id: row.id, address: row.candidateEmail }]));
    },
    async recordOutcome(manager, job, endpoint, outcome: DeliveryOutcome<EndpointResult>) {
      const detail = outcome.status === 'delivered' ? (outcome.result.deliveredTo ?? '') : outcome.reason;
      heard.push(`${outcome.status} ${endpoint.address} ${detail} (job ${await statusOf(manager, job)})`);
      return [{ kind: DeliveryKind.ThreadReply, payload: { event: 'candidate_opened_page' } }];
    },
  };
}

function workerFor(kinds: Partial<Record<DeliveryKind, OutboxKind<Endpoint, EndpointResult>>>): OutboxWorker {
  return new OutboxWorker({ database: domain.database, kinds, logger: silent, settings, now: () => new Date('2030-03-04T10:00:00Z') });
}

const jobsOf = (kind: DeliveryKind) => domain.database.read((manager) => manager.findBy(DeliveryJob, { interviewId, kind }));

describe('the outbox worker’s core, given a kind of subject it knows nothing of', () => {
  it('reads the subject through it, delivers, and lets it record the outcome and plan follow-ups in the same transaction', async () => {
    const heard: string[] = [];
    const subjects = endpointSubjects(heard);
    const delivered: string[] = [];
    await workerFor({
      [DeliveryKind.CandidateInvitation]: {
        subjects,
        deliver: async (_job, _payload, endpoint) => {
          delivered.push(endpoint.address);
          return { providerMessageId: 'hook-1', deliveredTo: endpoint.address };
        },
      },
      [DeliveryKind.ThreadReply]: { subjects, deliver: async () => ({}) },
    }).deliverDueJobs();
    expect(delivered).toEqual(['jane@example.com']);
    expect(heard).toEqual(['load 1', `delivered jane@example.com jane@example.com (job ${DeliveryStatus.Delivered})`]);
    expect(await jobsOf(DeliveryKind.CandidateInvitation)).toMatchObject([
      { status: DeliveryStatus.Delivered, providerMessageId: 'hook-1' },
    ]);
    expect(await jobsOf(DeliveryKind.ThreadReply)).toMatchObject([
      { status: DeliveryStatus.Pending, payload: { event: 'candidate_opened_page' } },
    ]);
  });

  it('tells it of a failure for good, and drops follow-ups nothing here can deliver', async () => {
    const heard: string[] = [];
    await workerFor({
      [DeliveryKind.CandidateInvitation]: {
        subjects: endpointSubjects(heard),
        deliver: () => Promise.reject(DeliveryError.permanent('410 Gone')),
      },
    }).deliverDueJobs();
    expect(heard).toEqual(['load 1', `failed jane@example.com 410 Gone (job ${DeliveryStatus.Failed})`]);
    expect(await jobsOf(DeliveryKind.ThreadReply)).toEqual([]);
  });

  it('fails for good, with the subject type’s reason, a job whose subject is gone', async () => {
    await domain.database.transaction((manager) => manager.delete(Interview, { id: interviewId }));
    await workerFor({ [DeliveryKind.CandidateInvitation]: { subjects: endpointSubjects([]), deliver: async () => ({}) } }).deliverDueJobs();
    expect(await jobsOf(DeliveryKind.CandidateInvitation)).toMatchObject([
      { status: DeliveryStatus.Failed, lastError: 'No such endpoint.' },
    ]);
  });
});
