import { hostname } from 'node:os';
import { In, type EntityManager } from 'typeorm';
import { v4 as uuidv4 } from 'uuid';
import type { Database } from '../db/database';
import { isDatabaseUnavailableError } from '../db/databaseAvailability';
import { DeliveryJob, type DeliveryKind, DeliveryStatus } from '../domain/deliveries/DeliveryJob';
import { readPlannedDelivery, UnreadableDeliveryError, type PlannedDelivery } from '../domain/deliveries/deliveryPayloads';
import type { DeliveryOutcome, DeliveryResult, DeliverySubjects } from '../domain/deliveries/deliverySubjects';
import { insertDeliveryJobs, type DeliverySubjectIds, type QueuedDelivery } from '../domain/deliveries/insertDeliveryJobs';
import type { Logger } from '../logging/logger';
import { deliveryAttempts } from '../metrics/appMetrics';
import { DeliveryError } from './deliveryError';
import { computeRetryDelayMs, hasAttemptsLeft, type RetrySettings } from './retryPolicy';

/**
 * What the worker needs for one kind of delivery: what its jobs are about (read, looked at again
 * when due, changed by their outcome), and how one goes out; without `deliver`, nothing here can
 * send it (Slack while Slack is off) and its jobs are skipped.
 */
export interface OutboxKind<Subject = unknown, Result extends DeliveryResult = DeliveryResult> {
  subjects: DeliverySubjects<Subject, Result>;
  /** Delivers one job, given its payload (checked by the kind's schema) and what it is about; throws a `DeliveryError` when it cannot. */
  deliver?(job: DeliveryJob, payload: unknown, subject: Subject): Promise<Result>;
  /** Retryable failures are retried until the job is delivered, beyond `maxAttempts` (webhooks). */
  retriesUntilDelivered?: boolean;
}

/** Every kind the worker may find in the outbox. */
export type OutboxKinds = Partial<Record<DeliveryKind, OutboxKind>>;

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
  /** Delivered, failed and skipped jobs are deleted this many days after they finished; unset keeps them. */
  retentionDays?: number;
}

/** How often the worker deletes finished jobs past their retention, and how many it deletes per transaction. */
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
const PRUNE_BATCH_SIZE = 500;
/** The statuses a job never leaves; in these words in the SQL, so the partial index on them is used. */
const FINISHED_STATUSES_SQL = [DeliveryStatus.Delivered, DeliveryStatus.Failed, DeliveryStatus.Skipped]
  .map((status) => `'${status}'`)
  .join(', ');

export interface OutboxWorkerDependencies {
  database: Database;
  kinds: OutboxKinds;
  logger: Logger;
  settings: DeliveryWorkerSettings;
  now?: () => Date;
  /**
   * Why a kind has no handler, e.g. "Slack is not configured": such jobs are marked skipped with
   * this reason (shown in the interview's delivery states), not failed, and logged once.
   */
  missingHandlerReason?: (kind: DeliveryKind) => string;
}

/** A claimed job with what it is about, ready to go out. */
interface ClaimedJob {
  job: DeliveryJob;
  kind: OutboxKind | undefined;
  subject: unknown;
}

/**
 * The outbox worker's core, which knows jobs and nothing of what they are about. Jobs are claimed
 * with a lease (so a job whose worker crashed is taken again once the lease runs out), delivered by
 * their kind, and then marked delivered, retried later with backoff, or failed for good, together
 * with what the outcome changes and sets off, in one transaction, while the lease is still ours.
 */
export class OutboxWorker {
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
   * committed, or before what the jobs are about was read): this worker may hold leases on jobs it
   * is not delivering, which nobody would take until the lease ran out.
   */
  private mayHoldOrphanedLeases = false;
  private pruneTimer: NodeJS.Timeout | null = null;
  private pruning: Promise<number> = Promise.resolve(0);

  constructor(private readonly deps: OutboxWorkerDependencies) {
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
    if (this.deps.settings.retentionDays !== undefined) {
      this.schedulePruning();
    }
  }

  /** Asks for a round now instead of at the next poll, e.g. right after jobs were queued. */
  wake(): void {
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  /** Stops claiming and waits for the round in progress to finish. Unclaimed jobs wait for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = null;
    this.wake();
    await Promise.all([this.loopDone, this.pruning]);
  }

  /**
   * Deletes the jobs that finished (delivered, failed or skipped) more than `retentionDays` ago, a
   * small batch per transaction so neither database is held up, reading only finished jobs' index.
   * Returns how many went. Runs at start and then hourly.
   */
  async pruneFinishedJobs(): Promise<number> {
    const { retentionDays } = this.deps.settings;
    if (retentionDays === undefined) return 0;
    const finishedBefore = new Date(this.now().getTime() - retentionDays * 24 * 60 * 60 * 1000);
    let deleted = 0;
    for (;;) {
      const batch = await this.deps.database.transaction(async (manager) => {
        const ids = (
          await manager
            .createQueryBuilder(DeliveryJob, 'job')
            .select('job.id', 'id')
            .where(`job.status IN (${FINISHED_STATUSES_SQL})`)
            .andWhere('job.updatedAt < :finishedBefore', { finishedBefore })
            .orderBy('job.updatedAt', 'ASC')
            .limit(PRUNE_BATCH_SIZE)
            .getRawMany<{ id: string }>()
        ).map((row) => row.id);
        if (ids.length > 0) await manager.delete(DeliveryJob, { id: In(ids) });
        return ids.length;
      });
      deleted += batch;
      if (batch < PRUNE_BATCH_SIZE) return deleted;
      // Between batches, let requests and deliveries waiting for the database go first.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private schedulePruning(): void {
    const prune = () => {
      this.pruning = this.pruning
        .then(() => this.pruneFinishedJobs())
        .then(
          (deleted) => {
            if (deleted > 0) this.deps.logger.info({ deleted }, 'Deleted finished deliveries past DELIVERY_RETENTION_DAYS');
            return deleted;
          },
          (error: unknown) => {
            if (!isDatabaseUnavailableError(error)) this.deps.logger.error({ err: error }, 'Deleting old finished deliveries failed');
            return 0;
          },
        );
    };
    prune();
    this.pruneTimer = setInterval(prune, PRUNE_INTERVAL_MS);
    this.pruneTimer.unref();
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
    const claimed = await this.withSubjects(jobs);
    return claimed.map((each) => {
      this.delivering.add(each.job.id);
      return this.deliver(each).finally(() => this.delivering.delete(each.job.id));
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

  /** The claimed jobs, each with what it is about: read in one go, a query per kind of subject. */
  private async withSubjects(jobs: DeliveryJob[]): Promise<ClaimedJob[]> {
    const idsBySubjects = new Map<DeliverySubjects<unknown, DeliveryResult>, Set<string>>();
    for (const job of jobs) {
      const subjects = this.deps.kinds[job.kind]?.subjects;
      const id = subjects?.idOf(job);
      if (!subjects || !id) continue;
      idsBySubjects.set(subjects, (idsBySubjects.get(subjects) ?? new Set()).add(id));
    }
    const loaded = await this.deps.database.read(async (manager) => {
      const found = new Map<DeliverySubjects<unknown, DeliveryResult>, Map<string, unknown>>();
      for (const [subjects, ids] of idsBySubjects) found.set(subjects, await subjects.load(manager, [...ids]));
      return found;
    });
    return jobs.map((job) => {
      const kind = this.deps.kinds[job.kind];
      const id = kind?.subjects.idOf(job);
      return { job, kind, subject: kind && id ? loaded.get(kind.subjects)?.get(id) : undefined };
    });
  }

  /**
   * How long a worker that found nothing due may sleep: the poll interval, or less when a job (a
   * reminder) falls due sooner, so it goes out on the dot. Reads one entry of the pending jobs'
   * index (delivery_job_pending_due), never the rows due later. A job that was already due when we
   * claimed is held by another worker: it is no reason to hurry.
   */
  private async untilNextDueJob(claimedAt: Date, pollIntervalMs: number): Promise<number> {
    try {
      const next = await this.deps.database.read((manager) =>
        manager
          .createQueryBuilder(DeliveryJob, 'job')
          .select(['job.id', 'job.nextAttemptAt'])
          .where(`job.status = '${DeliveryStatus.Pending}'`)
          .orderBy('job.nextAttemptAt', 'ASC')
          .limit(1)
          .getOne(),
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
      // Two ordered reads, each of a partial index holding only what it looks for, rather than one
      // OR of both that neither index can serve: jobs due now, then jobs whose worker let the lease lapse.
      const dueJobs = (where: string, order: 'job.nextAttemptAt' | 'job.leaseExpiresAt', count: number) => {
        const query = manager
          .createQueryBuilder(DeliveryJob, 'job')
          .select('job.id', 'id')
          .where(where, { now })
          .orderBy(order, 'ASC')
          .limit(count);
        if (database.dialect === 'postgres') query.setLock('pessimistic_write').setOnLocked('skip_locked');
        return query.getRawMany<{ id: string }>();
      };
      const pending = await dueJobs(`job.status = '${DeliveryStatus.Pending}' AND job.nextAttemptAt <= :now`, 'job.nextAttemptAt', limit);
      const lapsed =
        pending.length < limit
          ? await dueJobs(
              `job.status = '${DeliveryStatus.InFlight}' AND job.leaseExpiresAt < :now`,
              'job.leaseExpiresAt',
              limit - pending.length,
            )
          : [];
      const ids = [...pending, ...lapsed].map((row) => row.id);
      if (ids.length === 0) return [];
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

  private async deliver({ job, kind, subject }: ClaimedJob): Promise<void> {
    const { logger } = this.deps;
    if (!kind) {
      await this.failUnreadable(job, new UnreadableDeliveryError(job.kind, 'unknown kind'));
      return;
    }
    if (subject === undefined) {
      await this.recordFailure(job, null, DeliveryError.permanent(kind.subjects.missingReason));
      return;
    }
    let planned: PlannedDelivery;
    try {
      planned = readPlannedDelivery(job.kind, job.payload);
    } catch (error) {
      await this.failUnreadable(job, error, { kind, subject });
      return;
    }
    const rechecked = kind.subjects.recheck ? await kind.subjects.recheck(this.deps.database, planned, subject) : { subject, moot: null };
    if (rechecked.moot) {
      await this.recordSkipped(job, rechecked.moot, { log: false });
      logger.info({ jobId: job.id, kind: job.kind, ...subjectOf(job), reason: rechecked.moot }, 'Not sent: no longer needed');
      return;
    }
    const about = { kind, subject: rechecked.subject };
    if (!kind.deliver) {
      await this.recordSkipped(job, this.deps.missingHandlerReason?.(job.kind) ?? `No way to deliver ${job.kind} is configured.`);
      return;
    }
    try {
      const result = await kind.deliver(job, planned.payload, about.subject);
      if (result.skipped !== undefined) {
        await this.recordSkipped(job, result.skipped, { log: false });
        logger.info({ jobId: job.id, kind: job.kind, ...subjectOf(job), reason: result.skipped }, 'Not sent');
        return;
      }
      await this.recordSuccess(job, about, result);
      logger.info({ jobId: job.id, kind: job.kind, ...subjectOf(job), attempt: job.attempts }, 'Delivered');
    } catch (error) {
      await this.recordFailure(job, about, this.asDeliveryError(error, job));
    }
  }

  /** A stored job that this version of the app cannot read fails for good, loudly, rather than going out as something else. */
  private async failUnreadable(
    job: DeliveryJob,
    error: unknown,
    about: { kind: OutboxKind; subject: unknown } | null = null,
  ): Promise<void> {
    this.deps.logger.error({ err: error, jobId: job.id, kind: job.kind }, 'A queued delivery cannot be read; failing it for good');
    await this.recordFailure(job, about, DeliveryError.permanent(error instanceof Error ? error.message : String(error)));
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

  private async recordSuccess(job: DeliveryJob, about: { kind: OutboxKind; subject: unknown }, result: DeliveryResult): Promise<void> {
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
        await this.recordConsequences(manager, job, about, { status: 'delivered', result }, now);
      }),
    );
    deliveryAttempts.inc({ kind: job.kind, outcome: 'delivered' });
    this.wake();
  }

  /**
   * What the outcome changes on what the job is about, and the deliveries it sets off, less those
   * nothing here can deliver (a thread reply while Slack is off): about the same interview or
   * booking request, in the same workspace.
   */
  private async recordConsequences(
    manager: EntityManager,
    job: DeliveryJob,
    about: { kind: OutboxKind; subject: unknown },
    outcome: DeliveryOutcome<DeliveryResult>,
    now: Date,
  ): Promise<void> {
    const followUps = await about.kind.subjects.recordOutcome(manager, job, about.subject, outcome, now);
    await insertDeliveryJobs(manager, sameSubjectAs(job), this.deliverable(followUps), now);
  }

  private deliverable(deliveries: QueuedDelivery[]): QueuedDelivery[] {
    return deliveries.filter((delivery) => this.deps.kinds[delivery.kind]?.deliver !== undefined);
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
    deliveryAttempts.inc({ kind: job.kind, outcome: 'skipped' });
    if (log && !this.skipReasonsLogged.has(reason)) {
      this.skipReasonsLogged.add(reason);
      this.deps.logger.info({ kind: job.kind }, `Skipping deliveries nothing here can make: ${reason}`);
    }
  }

  private async recordFailure(
    job: DeliveryJob,
    about: { kind: OutboxKind; subject: unknown } | null,
    failure: DeliveryError,
  ): Promise<void> {
    const { settings, logger } = this.deps;
    const now = this.now();
    const willRetry = failure.retryable && (about?.kind.retriesUntilDelivered === true || hasAttemptsLeft(job.attempts, settings));
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
        if (!updated || willRetry || !about) return;
        await this.recordConsequences(manager, job, about, { status: 'failed', reason: failure.message }, now);
      }),
    );
    deliveryAttempts.inc({ kind: job.kind, outcome: willRetry ? 'retried' : 'failed' });
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

/** A follow-up is about what its job was about (an interview, or a booking request), in the same workspace. */
function sameSubjectAs(job: DeliveryJob): DeliverySubjectIds {
  const workspace = { slackTeamId: job.slackTeamId, slackEnterpriseId: job.slackEnterpriseId };
  return job.bookingRequestId
    ? { interviewId: null, bookingRequestId: job.bookingRequestId, ...workspace }
    : { interviewId: job.interviewId!, bookingRequestId: null, ...workspace };
}

/** The id a job's log lines carry: its interview's, or its booking request's. */
function subjectOf(job: DeliveryJob): { interviewId: string } | { bookingRequestId: string | null } {
  return job.interviewId ? { interviewId: job.interviewId } : { bookingRequestId: job.bookingRequestId };
}
