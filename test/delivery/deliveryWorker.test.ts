import pino from 'pino';
import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../../src/domain/deliveries/DeliveryJob';
import { DeliveryError } from '../../src/delivery/deliveryError';
import { DeliveryWorker, type DeliveryHandler } from '../../src/delivery/deliveryWorker';
import { InterviewStatus } from '../../src/domain/interviews/interviewStatus';
import { Interview } from '../../src/domain/interviews/Interview';
import { scheduleInterview } from '../../src/domain/interviews/scheduleInterview';
import { eventually } from '../support/testApplication';
import { openTestDomain, type TestDomain } from '../support/testDatabase';

const settings = { maxAttempts: 3, retryBaseMs: 1000, retryMaxMs: 60_000, pollIntervalMs: 10_000, leaseSeconds: 30, batchSize: 10 };
const silent = pino({ level: 'silent' });

let domain: TestDomain;
let clock: Date;

beforeEach(async () => {
  clock = new Date('2030-03-04T10:00:00Z');
  domain = await openTestDomain({ now: clock });
  await scheduleInterview(domain.context, {
    input: { candidateName: 'Jane', candidateEmail: 'jane@example.com' },
    actor: { kind: 'api' },
  });
});
afterEach(async () => {
  await domain.close();
});

function workerWith(handler: DeliveryHandler, overrides: Partial<typeof settings> = {}) {
  return new DeliveryWorker({
    database: domain.database,
    handlers: { [DeliveryKind.CandidateInvitation]: handler },
    logger: silent,
    settings: { ...settings, ...overrides },
    now: () => clock,
  });
}

const invitation = () =>
  domain.database.read((manager) => manager.findOneByOrFail(DeliveryJob, { kind: DeliveryKind.CandidateInvitation }));
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

describe('the delivery worker', () => {
  it('delivers a due job once and stores the provider’s message id', async () => {
    const handler = jest.fn(async () => ({ providerMessageId: 'sg-123' }));
    const worker = workerWith(handler);
    expect(await worker.deliverDueJobs()).toBe(1);
    expect(await worker.deliverDueJobs()).toBe(0);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(await invitation()).toMatchObject({ status: DeliveryStatus.Delivered, providerMessageId: 'sg-123', attempts: 1 });
  });

  it('delivers at once a job whose claim was stored just before the database went away, not after its lease', async () => {
    const handler = jest.fn(async () => ({ providerMessageId: 'sg-after-outage' }));
    const worker = workerWith(handler, { pollIntervalMs: 20, leaseSeconds: 30 });
    // The claim commits; the outage begins as the worker reads the claimed jobs' interviews.
    const database = domain.database;
    const realRead = database.read.bind(database);
    let readsToFail = 1;
    database.read = <T>(work: Parameters<typeof realRead<T>>[0]) => {
      if (readsToFail === 0) return realRead(work);
      readsToFail -= 1;
      return Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    };
    await worker.start();
    try {
      const deadline = Date.now() + 5_000;
      while (handler.mock.calls.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      await worker.stop();
    }
    expect(readsToFail).toBe(0);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(await invitation()).toMatchObject({ status: DeliveryStatus.Delivered, providerMessageId: 'sg-after-outage', attempts: 2 });
  });

  it('retries a retryable failure later, not at once', async () => {
    let calls = 0;
    const worker = workerWith(async () => {
      calls += 1;
      if (calls === 1) throw DeliveryError.retryable('SendGrid answered 500');
      return { providerMessageId: 'sg-ok' };
    });
    await worker.deliverDueJobs();
    const waiting = await invitation();
    expect(waiting).toMatchObject({ status: DeliveryStatus.Pending, lastError: 'SendGrid answered 500' });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(clock.getTime());
    expect(await worker.deliverDueJobs()).toBe(0);
    advance(1000);
    await worker.deliverDueJobs();
    expect(await invitation()).toMatchObject({ status: DeliveryStatus.Delivered, attempts: 2 });
  });

  it('waits at least as long as Retry-After asks, up to retryMaxMs', async () => {
    const worker = workerWith(async () => {
      throw DeliveryError.retryable('rate limited', 45_000);
    });
    await worker.deliverDueJobs();
    expect((await invitation()).nextAttemptAt.getTime() - clock.getTime()).toBe(45_000);
    advance(45_000);
    const overlong = workerWith(async () => {
      throw DeliveryError.retryable('rate limited', 120_000);
    });
    await overlong.deliverDueJobs();
    expect((await invitation()).nextAttemptAt.getTime() - clock.getTime()).toBe(60_000);
  });

  it('fails for good on a permanent error, keeping the reason', async () => {
    const worker = workerWith(async () => {
      throw DeliveryError.permanent('SendGrid answered 400: from: does not match a verified Sender Identity');
    });
    await worker.deliverDueJobs();
    expect(await invitation()).toMatchObject({
      status: DeliveryStatus.Failed,
      attempts: 1,
      lastError: expect.stringContaining('verified Sender'),
    });
  });

  it('gives up after the last allowed attempt', async () => {
    const worker = workerWith(async () => {
      throw DeliveryError.retryable('still down');
    });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await worker.deliverDueJobs();
      advance(60_000);
    }
    expect(await invitation()).toMatchObject({ status: DeliveryStatus.Failed, attempts: 3 });
  });

  it('takes over a job whose worker stopped renewing its lease', async () => {
    const stuck = workerWith(() => new Promise(() => undefined));
    void stuck.deliverDueJobs();
    await eventually(async () => (await invitation()).status === DeliveryStatus.InFlight, 'the stuck worker to claim the job');
    const rescuer = workerWith(async () => ({ providerMessageId: 'sg-rescued' }));
    expect(await rescuer.deliverDueJobs()).toBe(0);
    advance(31_000);
    expect(await rescuer.deliverDueJobs()).toBe(1);
    expect(await invitation()).toMatchObject({ status: DeliveryStatus.Delivered, providerMessageId: 'sg-rescued' });
  });

  it('on SQLite, retries at start-up what a crashed run left in flight', async () => {
    const crashed = workerWith(() => new Promise(() => undefined));
    void crashed.deliverDueJobs();
    await eventually(async () => (await invitation()).status === DeliveryStatus.InFlight, 'the crashed run to claim the job');
    const restarted = workerWith(async () => ({ providerMessageId: 'sg-after-restart' }), { pollIntervalMs: 10 });
    await restarted.start();
    try {
      await eventually(async () => (await invitation()).status === DeliveryStatus.Delivered, 'the job delivered after the restart');
    } finally {
      await restarted.stop();
    }
    expect(await invitation()).toMatchObject({ status: DeliveryStatus.Delivered, providerMessageId: 'sg-after-restart' });
  });

  it('treats an unexpected exception as retryable rather than losing the job', async () => {
    const worker = workerWith(async () => {
      throw new TypeError('boom');
    });
    await worker.deliverDueJobs();
    expect(await invitation()).toMatchObject({ status: DeliveryStatus.Pending, lastError: 'Unexpected error: boom' });
  });

  it('fails a job whose payload is not one this app writes, loudly, instead of delivering something else', async () => {
    const interviewId = (await invitation()).interviewId;
    await domain.database.transaction((manager) =>
      manager.insert(DeliveryJob, {
        id: '00000000-0000-4000-8000-00000000dead',
        kind: DeliveryKind.ThreadReply,
        interviewId,
        payload: { event: 'candidate_invitation_delivered', reason: null },
        status: DeliveryStatus.Pending,
        attempts: 0,
        nextAttemptAt: clock,
      }),
    );
    const threadReply = jest.fn(async () => ({ providerMessageId: 'should-not-happen' }));
    const errors: string[] = [];
    const worker = new DeliveryWorker({
      database: domain.database,
      handlers: { [DeliveryKind.CandidateInvitation]: async () => ({}), [DeliveryKind.ThreadReply]: threadReply },
      logger: pino({ level: 'error' }, { write: (line: string) => errors.push(line) }),
      settings,
      now: () => clock,
    });
    await worker.deliverDueJobs();
    expect(threadReply).not.toHaveBeenCalled();
    const failed = await domain.database.read((manager) =>
      manager.findOneByOrFail(DeliveryJob, { id: '00000000-0000-4000-8000-00000000dead' }),
    );
    expect(failed).toMatchObject({ status: DeliveryStatus.Failed, lastError: expect.stringContaining('cannot be read') });
    expect(errors.join('')).toContain('A queued delivery cannot be read');
  });

  describe('jobs due at a moment of their own', () => {
    const queueReminder = async (nextAttemptAt: Date, forStart?: Date) => {
      const interviewId = (await invitation()).interviewId!;
      const interview = await domain.database.read((manager) => manager.findOneByOrFail(Interview, { id: interviewId }));
      await domain.database.transaction((manager) =>
        manager.insert(DeliveryJob, {
          id: '00000000-0000-4000-8000-0000000000aa',
          kind: DeliveryKind.CandidateReminder,
          interviewId,
          payload: { before: 'PT1H', forStart: (forStart ?? interview.scheduledTime).toISOString() },
          status: DeliveryStatus.Pending,
          attempts: 0,
          nextAttemptAt,
        }),
      );
      return interview;
    };
    const reminderJob = () =>
      domain.database.read((manager) => manager.findOneByOrFail(DeliveryJob, { id: '00000000-0000-4000-8000-0000000000aa' }));
    const reminderWorker = (reminder: jest.Mock, overrides: Partial<typeof settings> = {}) =>
      new DeliveryWorker({
        database: domain.database,
        handlers: { [DeliveryKind.CandidateInvitation]: async () => ({}), [DeliveryKind.CandidateReminder]: reminder },
        logger: silent,
        settings: { ...settings, ...overrides },
        now: () => clock,
      });

    it('waits for its moment, then goes out once', async () => {
      const reminder = jest.fn(async () => ({ providerMessageId: 'sg-reminder' }));
      await queueReminder(new Date(clock.getTime() + 60_000));
      const worker = reminderWorker(reminder);
      await worker.deliverDueJobs();
      expect(reminder).not.toHaveBeenCalled();
      advance(60_000);
      await worker.deliverDueJobs();
      await worker.deliverDueJobs();
      expect(reminder).toHaveBeenCalledTimes(1);
      expect(await reminderJob()).toMatchObject({ status: DeliveryStatus.Delivered });
    });

    it('is skipped, with the reason, when the interview was moved or cancelled meanwhile', async () => {
      const reminder = jest.fn(async () => ({}));
      const interview = await queueReminder(clock, new Date('2030-01-01T00:00:00Z'));
      await reminderWorker(reminder).deliverDueJobs();
      expect(reminder).not.toHaveBeenCalled();
      expect(await reminderJob()).toMatchObject({ status: DeliveryStatus.Skipped, lastError: expect.stringContaining('moved') });

      await domain.database.transaction((manager) =>
        manager.update(Interview, { id: interview.id }, { status: InterviewStatus.Cancelled }),
      );
      await domain.database.transaction((manager) =>
        manager.update(
          DeliveryJob,
          { id: '00000000-0000-4000-8000-0000000000aa' },
          {
            status: DeliveryStatus.Pending,
            payload: { before: 'PT1H', forStart: interview.scheduledTime.toISOString() },
          },
        ),
      );
      await reminderWorker(reminder).deliverDueJobs();
      expect(reminder).not.toHaveBeenCalled();
      expect(await reminderJob()).toMatchObject({ status: DeliveryStatus.Skipped, lastError: expect.stringContaining('cancelled') });
    });

    it('is skipped, never retried, when its handler finds nothing to send', async () => {
      const reminder = jest.fn(async () => ({ skipped: 'Nobody to remind.' }));
      await queueReminder(clock);
      await reminderWorker(reminder).deliverDueJobs();
      advance(3_600_000);
      await reminderWorker(reminder).deliverDueJobs();
      expect(reminder).toHaveBeenCalledTimes(1);
      expect(await reminderJob()).toMatchObject({ status: DeliveryStatus.Skipped, lastError: 'Nobody to remind.' });
    });

    it('wakes an idle worker at its moment rather than at the next poll', async () => {
      const reminder = jest.fn(async () => ({}));
      const worker = new DeliveryWorker({
        database: domain.database,
        handlers: { [DeliveryKind.CandidateInvitation]: async () => ({}), [DeliveryKind.CandidateReminder]: reminder },
        logger: silent,
        settings: { ...settings, pollIntervalMs: 60_000 },
      });
      await queueReminder(new Date(Date.now() + 300));
      await worker.start();
      try {
        const deadline = Date.now() + 10_000;
        while (reminder.mock.calls.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(reminder).toHaveBeenCalledTimes(1);
      } finally {
        await worker.stop();
      }
    });
  });
});
