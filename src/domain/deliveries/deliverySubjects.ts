import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import type { DeliveryJob } from './DeliveryJob';
import type { PlannedDelivery } from './deliveryPayloads';
import type { QueuedDelivery } from './insertDeliveryJobs';

/** What a handler reports of a job it delivered, or found it need not deliver. */
export interface DeliveryResult {
  /** SendGrid's X-Message-Id, Slack's message ts: proof the provider took it. */
  providerMessageId?: string;
  /** Nothing needed sending after all (a nudge to a candidate who has booked since): the job is marked skipped, with this reason. */
  skipped?: string;
}

/** How a job ended, as what it is about learns it: delivered (with its handler's report), or failed for good. */
export type DeliveryOutcome<Result extends DeliveryResult> = { status: 'delivered'; result: Result } | { status: 'failed'; reason: string };

/**
 * One kind of thing the outbox's jobs are about (an interview, a booking request), as the worker
 * needs it: read for the jobs it claimed, looked at again when a job falls due, and changed by a
 * job's outcome, in the transaction that records it, with the deliveries that outcome sets off.
 * Each aggregate writes its own (interviews/interviewDeliveryOutcomes.ts,
 * bookings/bookingRequestDeliveryOutcomes.ts); the worker knows only jobs.
 */
export interface DeliverySubjects<Subject, Result extends DeliveryResult> {
  /** The id, on a job, of what it is about; null when the job names none. */
  idOf(job: DeliveryJob): string | null;

  /** Why a job fails for good when what it is about no longer exists. */
  readonly missingReason: string;

  /** What the jobs with these subject ids are about, by id, read in one go. */
  load(manager: EntityManager, ids: string[]): Promise<Map<string, Subject>>;

  /**
   * Whether a job is still needed now that it falls due: what it is about as it now stands, and why
   * the job is moot (null while it is needed). Absent when nothing can make a job moot.
   */
  recheck?(database: Database, delivery: PlannedDelivery, subject: Subject): Promise<{ subject: Subject; moot: string | null }>;

  /**
   * In the transaction that records a job's outcome: writes what the outcome changes on what the job
   * is about, and returns the deliveries it sets off (about the same thing); `now` is when the outcome is recorded.
   */
  recordOutcome(
    manager: EntityManager,
    job: DeliveryJob,
    subject: Subject,
    outcome: DeliveryOutcome<Result>,
    now: Date,
  ): Promise<QueuedDelivery[]>;
}
