import { hostname } from 'node:os';
import { In, type EntityManager } from 'typeorm';
import { v4 as uuidv4 } from 'uuid';
import type { Database } from '../db/database';
import { isDatabaseUnavailableError } from '../db/databaseAvailability';
import { BookingRequest } from '../domain/bookings/BookingRequest';
import { DeliveryJob, type DeliveryKind, DeliveryStatus } from '../domain/deliveries/DeliveryJob';
import { Interview } from '../domain/interviews/Interview';
import { planBookingRequestDeliveriesAfterOutcome } from '../domain/bookings/bookingRequestDeliveries';
import {
  readPlannedDelivery,
  type BookingRequestDeliveryKind,
  type DeliveryPayloadOf,
  type PlannedDelivery,
} from '../domain/deliveries/deliveryPayloads';
import { planDeliveriesAfterOutcome } from '../domain/interviews/interviewDeliveries';
import { insertDeliveryJobs, type DeliverySubjectIds } from '../domain/deliveries/insertDeliveryJobs';
import { isTimedDelivery, whyTimedDeliveryIsMoot } from '../domain/interviews/reminderPlan';
import type { Logger } from '../logging/logger';
import { DeliveryError } from './deliveryError';
import { computeRetryDelayMs, hasAttemptsLeft, type RetrySettings } from './retryPolicy';

export interface DeliveryResult {
  /** SendGrid's X-Message-Id, Slack's message ts: proof the provider took it. */
  providerMessageId?: string;
  /** Stored on the interview in the same transaction that marks the job delivered. */
  interviewChanges?: Partial<Pick<Interview, 'slackMessageChannelId' | 'slackMessageTs' | 'noShowAlertedAt'>>;
  /** The same, for a job about a booking request: where its message landed. */
  bookingRequestChanges?: Partial<Pick<BookingRequest, 'slackMessageChannelId' | 'slackMessageTs'>>;
  /** Nothing needed sending after all (a nudge to a candidate who has booked since): the job is marked skipped, with this reason. */
  skipped?: string;
}

/** What a job of a kind is about: a booking request for the booking request kinds, otherwise an interview. */
export type DeliverySubjectOf<Kind extends DeliveryKind> = [Kind] extends [BookingRequestDeliveryKind] ? BookingRequest : Interview;

/** Delivers one job of one kind, given that kind's payload and what it is about; throws a `DeliveryError` when it cannot. */
export type DeliveryHandler<Kind extends DeliveryKind = DeliveryKind> = (
  job: DeliveryJob,
  payload: DeliveryPayloadOf<Kind>,
  subject: DeliverySubjectOf<Kind>,
) => Promise<DeliveryResult>;

type DeliverySubject = Interview | BookingRequest;

/** A handler per kind; a kind without one (Slack while Slack is off) is skipped. */
export type DeliveryHandlers = { [Kind in DeliveryKind]?: DeliveryHandler<Kind> };

/** While the database is down the worker waits longer between polls, up to this. */
const MAX_OUTAGE_POLL_INTERVAL_MS = 30_000;
/** A delivery's outcome is written again this often while the database is down, within its lease. */
const OUTCOME_RETRY_INTERVAL_MS = 250;

export interface DeliveryWorkerSettings extends RetrySettings {
  pollIntervalMs: number;
  /** How long a claimed job stays ours; after that another worker may take it (we died). */
  leaseSeconds: number;
  /** Jobs claimed and delivered together in one round. */
  batchSize: number;
}

export interface DeliveryWorkerDependencies {
  database: Database;
  handlers: DeliveryHandlers;
  logger: Logger;
  settings: DeliveryWorkerSettings;
  now?: () => Date;
  /**
   * Why a kind has no handler, e.g. "Slack is not configured": such jobs are marked skipped with
   * this reason (shown in the interview's delivery states), not failed, and logged once.
   */
  missingHandlerReason?: (kind: DeliveryKind) => string;
}

/**
 * The outbox worker. Jobs are claimed with a lease (so a job whose worker crashed is taken again
 * once the lease runs out), delivered, and then marked delivered, retried later with backoff, or
 * failed for good, together with whatever the outcome sets off, in one transaction.
 */
export class DeliveryWorker {
  readonly workerId = `${hostname()}:${process.pid}:${uuidv4().slice(0, 8)}`;
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | null = null;
  private wakeRequested = false;
  private readonly now: () => Date;
  private readonly skipReasonsLogged = new Set<string>();
  /** The jobs this worker is delivering right now, by id. */
  private readonly delivering = new Set<string>();
  /**
   * A round failed after its claim may have been stored (the database went away as the claim
   * committed, or before the jobs' interviews were read): this worker may hold leases on jobs it is
   * not delivering, which nobody would take until the lease ran out.
   */
  private mayHoldOrphanedLeases = false;

  constructor(private readonly deps: DeliveryWorkerDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Starts delivering in the background. On SQLite, jobs a crashed run left in flight are retried at once. */
  async start(): Promise<void> {
    if (this.running) return;
    if (this.deps.database.dialect === 'sqlite') {
      await this.releaseAbandonedLeases();
    }
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Asks for a round now instead of at the next poll, e.g. right after jobs were queued. */
  wake(): void {
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  /** Stops claiming and waits for the round in progress to finish. Unclaimed jobs wait for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loopDone;
  }

  /** One round: claims due jobs and delivers them. Returns how many were attempted. */
  async deliverDueJobs(): Promise<number> {
    const deliveries = await this.claimAndStartDeliveries(this.deps.settings.batchSize);
    await Promise.all(deliveries);
    return deliveries.length;
  }

  /**
   * Keeps up to a batch of deliveries in flight, claiming more whenever half a batch of places is
   * free or new jobs are queued, so a new interview's invitation does not wait for a slow delivery
   * ahead of it, and a busy worker still claims several jobs per transaction.
   */
  private async loop(): Promise<void> {
    const { batchSize } = this.deps.settings;
    const claimWhenFree = Math.ceil(batchSize / 2);
    const inFlight = new Set<Promise<void>>();
    let failedPolls = 0;
    while (this.running) {
      this.wakeRequested = false;
      const free = batchSize - inFlight.size;
      let started = 0;
      let pollIntervalMs = this.deps.settings.pollIntervalMs;
      let claimedAt: Date | null = null;
      if (free >= claimWhenFree) {
        try {
          if (this.mayHoldOrphanedLeases) {
            await this.releaseOrphanedLeases();
            this.mayHoldOrphanedLeases = false;
          }
          claimedAt = this.now();
          const deliveries = await this.claimAndStartDeliveries(free);
          for (const delivery of deliveries) {
            const tracked: Promise<void> = delivery
              .catch((error: unknown) =>
                this.deps.logger[isDatabaseUnavailableError(error) ? 'warn' : 'error'](
                  { err: error },
                  'Recording a delivery outcome failed; the lease will expire and the job will be retried',
                ),
              )
              .finally(() => {
                inFlight.delete(tracked);
                if (batchSize - inFlight.size === claimWhenFree) this.wake();
              });
            inFlight.add(tracked);
          }
          started = deliveries.length;
          failedPolls = 0;
        } catch (error) {
          failedPolls += 1;
          this.mayHoldOrphanedLeases = true;
          if (isDatabaseUnavailableError(error)) {
            // The outage is logged once by the database; poll less often until it is back.
            pollIntervalMs = Math.min(MAX_OUTAGE_POLL_INTERVAL_MS, this.deps.settings.pollIntervalMs * 2 ** Math.min(failedPolls, 10));
          } else {
            this.deps.logger.error({ err: error }, 'Claiming deliveries failed; trying again at the next poll');
          }
        }
      }
      if (started === 0 && (failedPolls > 0 || !this.wakeRequested) && this.running) {
        const sleepMs = claimedAt && failedPolls === 0 ? await this.untilNextDueJob(claimedAt, pollIntervalMs) : pollIntervalMs;
        // A wake that came while we asked for the next due time is not lost: it cuts the sleep.
        if ((failedPolls > 0 || !this.wakeRequested) && this.running) await this.sleepUntilWokenOr(sleepMs);
      }
    }
    await Promise.all(inFlight);
  }

  private async claimAndStartDeliveries(limit: number): Promise<Promise<void>[]> {
    const jobs = await this.claimDueJobs(limit);
    if (jobs.length === 0) return [];
    const subjects = await this.loadSubjects(jobs);
    return jobs.map((job) => {
      this.delivering.add(job.id);
      return this.deliver(job, subjects.get(job.interviewId ?? job.bookingRequestId ?? '') ?? null).finally(() =>
        this.delivering.delete(job.id),
      );
    });
  }

  /** Makes due again, at once, the jobs this worker holds a lease on but is not delivering (see mayHoldOrphanedLeases). */
  private async releaseOrphanedLeases(): Promise<void> {
    await this.deps.database.transaction(async (manager) => {
      const release = manager
        .createQueryBuilder()
        .update(DeliveryJob)
        .set({ status: DeliveryStatus.Pending, leaseOwner: null, leaseExpiresAt: null })
        .where('"status" = :inFlight AND "leaseOwner" = :worker', { inFlight: DeliveryStatus.InFlight, worker: this.workerId });
      if (this.delivering.size > 0) release.andWhere('"id" NOT IN (:...delivering)', { delivering: [...this.delivering] });
      await release.execute();
    });
  }

  /** The interviews and booking requests the jobs are about, by id. */
  private async loadSubjects(jobs: DeliveryJob[]): Promise<Map<string, DeliverySubject>> {
    const idsOf = (pick: (job: DeliveryJob) => string | null) => [...new Set(jobs.map(pick).filter((id): id is string => id !== null))];
    const interviewIds = idsOf((job) => job.interviewId);
    const bookingRequestIds = idsOf((job) => job.bookingRequestId);
    const subjects: DeliverySubject[] = await this.deps.database.read(async (manager) => [
      ...(interviewIds.length > 0 ? await manager.findBy(Interview, { id: In(interviewIds) }) : []),
      ...(bookingRequestIds.length > 0 ? await manager.findBy(BookingRequest, { id: In(bookingRequestIds) }) : []),
    ]);
    return new Map(subjects.map((subject) => [subject.id, subject]));
  }

  /**
   * How long a worker that found nothing due may sleep: the poll interval, or less when a job (a
   * reminder) falls due sooner, so it goes out on the dot. Reads one entry of the
   * (status, nextAttemptAt) index, never the rows due later. A job that was already due when we
   * claimed is held by another worker: it is no reason to hurry.
   */
  private async untilNextDueJob(claimedAt: Date, pollIntervalMs: number): Promise<number> {
    try {
      const next = await this.deps.database.read((manager) =>
        manager.findOne(DeliveryJob, {
          select: { id: true, nextAttemptAt: true },
          where: { status: DeliveryStatus.Pending },
          order: { nextAttemptAt: 'ASC' },
        }),
      );
      if (!next || next.nextAttemptAt.getTime() <= claimedAt.getTime()) return pollIntervalMs;
      return Math.max(0, Math.min(pollIntervalMs, next.nextAttemptAt.getTime() - this.now().getTime()));
    } catch (error) {
      if (!isDatabaseUnavailableError(error)) this.deps.logger.error({ err: error }, 'Looking up the next due delivery failed');
      return pollIntervalMs;
    }
  }

  private sleepUntilWokenOr(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      const wakeUp = () => done();
      this.wakeUp = wakeUp;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    }).then(() => {
      this.wakeUp = null;
    });
  }

  private async releaseAbandonedLeases(): Promise<void> {
    await this.deps.database.transaction((manager) =>
      manager.update(
        DeliveryJob,
        { status: DeliveryStatus.InFlight },
        { status: DeliveryStatus.Pending, leaseOwner: null, leaseExpiresAt: null, nextAttemptAt: this.now() },
      ),
    );
  }

  /**
   * Takes up to a batch of due jobs: pending ones whose time has come, and in-flight ones whose
   * worker let the lease lapse. On PostgreSQL, SKIP LOCKED lets several replicas claim side by side.
   */
  private async claimDueJobs(limit: number): Promise<DeliveryJob[]> {
    const { database, settings } = this.deps;
    const now = this.now();
    const leaseExpiresAt = new Date(now.getTime() + settings.leaseSeconds * 1000);
    return database.transaction(async (manager) => {
      const lock = database.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
      const [selectSql, selectParameters] = manager.connection.driver.escapeQueryWithParameters(
        `SELECT "id" FROM "delivery_job"
          WHERE ("status" = :pending AND "nextAttemptAt" <= :now)
             OR ("status" = :inFlight AND "leaseExpiresAt" < :now)
          ORDER BY "nextAttemptAt" ASC
          LIMIT :batchSize ${lock}`,
        { pending: DeliveryStatus.Pending, inFlight: DeliveryStatus.InFlight, now, batchSize: limit },
      );
      const rows: Array<{ id: string }> = await manager.query(selectSql, selectParameters);
      if (rows.length === 0) return [];
      const ids = rows.map((row) => row.id);
      await manager
        .createQueryBuilder()
        .update(DeliveryJob)
        .set({
          status: DeliveryStatus.InFlight,
          leaseOwner: this.workerId,
          leaseExpiresAt,
          attempts: () => '"attempts" + 1',
        })
        .whereInIds(ids)
        .execute();
      return manager.findBy(DeliveryJob, { id: In(ids) });
    });
  }

  private async deliver(job: DeliveryJob, subject: DeliverySubject | null): Promise<void> {
    const { logger } = this.deps;
    if (!subject) {
      const missing = job.bookingRequestId ? 'The booking request no longer exists.' : 'The interview no longer exists.';
      await this.recordFailure(job, null, DeliveryError.permanent(missing));
      return;
    }
    let planned: PlannedDelivery;
    try {
      planned = readPlannedDelivery(job.kind, job.payload);
    } catch (error) {
      logger.error({ err: error, jobId: job.id, kind: job.kind }, 'A queued delivery cannot be read; failing it for good');
      await this.recordFailure(job, subject, DeliveryError.permanent(error instanceof Error ? error.message : String(error)));
      return;
    }
    if (subject instanceof Interview && isTimedDelivery(planned)) {
      // Read again just before it goes: the interview may have been cancelled or moved since the claim.
      const { id } = subject;
      subject = (await this.deps.database.read((manager) => manager.findOneBy(Interview, { id }))) ?? subject;
    }
    const moot = subject instanceof Interview ? whyTimedDeliveryIsMoot(planned, subject) : null;
    if (moot) {
      await this.recordSkipped(job, moot, { log: false });
      logger.info({ jobId: job.id, kind: job.kind, ...subjectOf(job), reason: moot }, 'Not sent: no longer needed');
      return;
    }
    const handler = handlerFor(this.deps.handlers, planned.kind);
    if (!handler) {
      await this.recordSkipped(job, this.deps.missingHandlerReason?.(job.kind) ?? `No way to deliver ${job.kind} is configured.`);
      return;
    }
    try {
      const result = await handler(job, planned.payload, subject);
      if (result.skipped !== undefined) {
        await this.recordSkipped(job, result.skipped, { log: false });
        logger.info({ jobId: job.id, kind: job.kind, ...subjectOf(job), reason: result.skipped }, 'Not sent');
        return;
      }
      await this.recordSuccess(job, subject, result);
      logger.info({ jobId: job.id, kind: job.kind, ...subjectOf(job), attempt: job.attempts }, 'Delivered');
    } catch (error) {
      await this.recordFailure(job, subject, this.asDeliveryError(error, job));
    }
  }

  private asDeliveryError(error: unknown, job: DeliveryJob): DeliveryError {
    if (error instanceof DeliveryError) return error;
    if (isDatabaseUnavailableError(error)) return DeliveryError.retryable('The database was unreachable while preparing this delivery');
    this.deps.logger.error({ err: error, jobId: job.id, kind: job.kind }, 'Delivery handler threw an unexpected error');
    return DeliveryError.retryable(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  }

  /**
   * Writes a delivery's outcome, trying again while the database is unreachable and the lease is
   * still ours: an email SendGrid accepted during a short outage is recorded once the database is
   * back, instead of being sent again when the lease runs out.
   */
  private async recordOutcome(job: DeliveryJob, write: () => Promise<void>): Promise<void> {
    const leaseEndsAt = job.leaseExpiresAt?.getTime() ?? 0;
    for (;;) {
      try {
        await write();
        return;
      } catch (error) {
        if (!isDatabaseUnavailableError(error) || !this.running || this.now().getTime() + OUTCOME_RETRY_INTERVAL_MS >= leaseEndsAt)
          throw error;
        await new Promise((resolve) => setTimeout(resolve, OUTCOME_RETRY_INTERVAL_MS));
      }
    }
  }

  private async recordSuccess(job: DeliveryJob, subject: DeliverySubject, result: DeliveryResult): Promise<void> {
    const now = this.now();
    await this.recordOutcome(job, () =>
      this.deps.database.transaction(async (manager) => {
        const updated = await this.updateOwnedJob(manager, job, {
          status: DeliveryStatus.Delivered,
          providerMessageId: result.providerMessageId ?? null,
          deliveredAt: now,
          lastError: null,
          leaseOwner: null,
          leaseExpiresAt: null,
        });
        if (!updated) return;
        if (result.interviewChanges && Object.keys(result.interviewChanges).length > 0) {
          await manager.update(Interview, { id: subject.id }, result.interviewChanges);
        }
        if (result.bookingRequestChanges && Object.keys(result.bookingRequestChanges).length > 0) {
          await manager.update(BookingRequest, { id: subject.id }, result.bookingRequestChanges);
        }
        await this.queueFollowUps(manager, job, subject, 'delivered', undefined, now);
      }),
    );
    this.wake();
  }

  /** What an outcome sets off (the channel learns whether an email went out), queued for the job's interview or booking request. */
  private async queueFollowUps(
    manager: EntityManager,
    job: DeliveryJob,
    subject: DeliverySubject,
    outcome: 'delivered' | 'failed',
    reason: string | undefined,
    now: Date,
  ): Promise<void> {
    const planned = job.bookingRequestId
      ? planBookingRequestDeliveriesAfterOutcome(job, subject)
      : planDeliveriesAfterOutcome(job, subject, outcome, reason);
    // What an outcome sets off is about the same interview or booking request, in the same workspace.
    await insertDeliveryJobs(manager, sameSubjectAs(job), this.deliverable(planned), now);
  }

  /** What an outcome sets off, less what nothing here can deliver (a thread reply while Slack is off). */
  private deliverable(deliveries: PlannedDelivery[]): PlannedDelivery[] {
    return deliveries.filter((delivery) => this.deps.handlers[delivery.kind] !== undefined);
  }

  private async recordSkipped(job: DeliveryJob, reason: string, { log } = { log: true }): Promise<void> {
    await this.recordOutcome(job, () =>
      this.deps.database.transaction(async (manager) => {
        await this.updateOwnedJob(manager, job, {
          status: DeliveryStatus.Skipped,
          lastError: reason,
          leaseOwner: null,
          leaseExpiresAt: null,
        });
      }),
    );
    if (log && !this.skipReasonsLogged.has(reason)) {
      this.skipReasonsLogged.add(reason);
      this.deps.logger.info({ kind: job.kind }, `Skipping deliveries nothing here can make: ${reason}`);
    }
  }

  private async recordFailure(job: DeliveryJob, subject: DeliverySubject | null, failure: DeliveryError): Promise<void> {
    const { settings, logger } = this.deps;
    const now = this.now();
    const willRetry = failure.retryable && hasAttemptsLeft(job.attempts, settings);
    const delayMs = willRetry ? computeRetryDelayMs(job.attempts, settings, failure.retryAfterMs) : 0;
    await this.recordOutcome(job, () =>
      this.deps.database.transaction(async (manager) => {
        const updated = await this.updateOwnedJob(manager, job, {
          status: willRetry ? DeliveryStatus.Pending : DeliveryStatus.Failed,
          nextAttemptAt: new Date(now.getTime() + delayMs),
          lastError: failure.message.slice(0, 2000),
          leaseOwner: null,
          leaseExpiresAt: null,
        });
        if (!updated || willRetry || !subject) return;
        await this.queueFollowUps(manager, job, subject, 'failed', failure.message, now);
      }),
    );
    const context = { jobId: job.id, kind: job.kind, ...subjectOf(job), attempt: job.attempts, error: failure.message };
    if (willRetry) {
      logger.warn({ ...context, retryInMs: delayMs }, 'Delivery failed; will retry');
    } else {
      logger.error(context, 'Delivery failed for good');
      this.wake();
    }
  }

  /** Changes the job only while we still hold its lease; false if another worker took it over. */
  private async updateOwnedJob(manager: EntityManager, job: DeliveryJob, changes: Partial<DeliveryJob>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(DeliveryJob)
      .set(changes)
      .where('id = :id AND "leaseOwner" = :owner', { id: job.id, owner: this.workerId })
      .execute();
    if (result.affected === 0) {
      this.deps.logger.warn({ jobId: job.id, kind: job.kind }, 'Lost the lease on a job before finishing it; leaving it to its new owner');
      return false;
    }
    return true;
  }
}

/** The id a job's log lines carry: its interview's, or its booking request's. */
function sameSubjectAs(job: DeliveryJob): DeliverySubjectIds {
  const workspace = { slackTeamId: job.slackTeamId, slackEnterpriseId: job.slackEnterpriseId };
  return job.bookingRequestId
    ? { interviewId: null, bookingRequestId: job.bookingRequestId, ...workspace }
    : { interviewId: job.interviewId!, bookingRequestId: null, ...workspace };
}

function subjectOf(job: DeliveryJob): { interviewId: string } | { bookingRequestId: string | null } {
  return job.interviewId ? { interviewId: job.interviewId } : { bookingRequestId: job.bookingRequestId };
}

/**
 * The handler for a delivery's kind. TypeScript cannot pair a union's kind with its payload, so
 * the pairing made by `readPlannedDelivery` is restated here, once.
 */
function handlerFor<Kind extends DeliveryKind>(
  handlers: DeliveryHandlers,
  kind: Kind,
): ((job: DeliveryJob, payload: DeliveryPayloadOf<Kind>, subject: DeliverySubject) => Promise<DeliveryResult>) | undefined {
  return handlers[kind] as
    ((job: DeliveryJob, payload: DeliveryPayloadOf<Kind>, subject: DeliverySubject) => Promise<DeliveryResult>) | undefined;
}
