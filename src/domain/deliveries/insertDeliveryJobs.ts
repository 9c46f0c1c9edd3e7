import { v4 as uuidv4 } from 'uuid';
import type { EntityManager } from 'typeorm';
import { insertRows } from '../../db/insertRows';
import type { WorkspaceColumns } from '../shared/slackWorkspaces';
import { DeliveryJob, DeliveryStatus } from './DeliveryJob';
import type { PlannedDelivery } from './deliveryPayloads';

/** A delivery as queued: due at once, or at `dueAt` (a reminder, the no-show alert). */
export type QueuedDelivery = PlannedDelivery & { dueAt?: Date };

/**
 * What an outbox row is about (an interview, or a booking request not yet booked: exactly one),
 * and the Slack workspace whose bot token posts it.
 */
export type DeliverySubjectIds = ({ interviewId: string; bookingRequestId: null } | { interviewId: null; bookingRequestId: string }) &
  WorkspaceColumns;

/** The outbox rows for `deliveries`, pending and due at once or at their `dueAt`, written in the caller's transaction. */
export async function insertDeliveryJobs(
  manager: EntityManager,
  subject: DeliverySubjectIds,
  deliveries: QueuedDelivery[],
  now: Date,
): Promise<DeliveryJob[]> {
  if (deliveries.length === 0) {
    return [];
  }
  const jobs = deliveries.map((delivery) =>
    manager.create(DeliveryJob, {
      id: uuidv4(),
      kind: delivery.kind,
      ...subject,
      payload: delivery.payload,
      status: DeliveryStatus.Pending,
      attempts: 0,
      nextAttemptAt: delivery.dueAt ?? now,
      leaseOwner: null,
      leaseExpiresAt: null,
      providerMessageId: null,
      lastError: null,
      deliveredAt: null,
      createdAt: now,
      updatedAt: now,
    }),
  );
  await insertRows(manager, DeliveryJob, jobs);
  return jobs;
}
