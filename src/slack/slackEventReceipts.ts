import { IsNull, LessThan } from 'typeorm';
import type { Database } from '../db/database';
import { isUniqueViolation } from '../db/database';
import { SlackEventReceipt } from '../db/entities/SlackEventReceipt';

/**
 * How long a delivery of an event may hold it without finishing before a retry takes it over:
 * longer than any listener runs (a database call gives up after 10 s), shorter than the minute
 * Slack waits before its second retry.
 */
export const EVENT_CLAIM_LEASE_MS = 30_000;

/** Slack retries an event three times within about 6 minutes; a receipt kept an hour outlives them all. */
export const EVENT_RECEIPT_KEPT_MS = 60 * 60_000;

/** Old receipts are deleted at most this often, by whichever delivery comes along. */
const PRUNE_EVERY_MS = 5 * 60_000;

/** A delivery's hold on its event: handle it, then `handled` or, if that failed, `release`. */
export interface EventClaim {
  eventId: string;
  claimedAt: Date;
}

/**
 * Which Events API events the app has taken on, in the database (SlackEventReceipt), so that
 * whatever replica a delivery reaches and however often the app restarted, an event is acted on
 * once: its first delivery claims it; a retry of it gets nothing while that claim is held or once
 * the event was handled, and takes it over when the claim was released (the listener failed) or
 * went stale (a crash cut it short). A retry of an event whose first delivery never got this far
 * (refused with 503, lost) claims it as new.
 */
export class SlackEventReceipts {
  private lastPrunedAtMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The claim on `eventId` if this delivery is to act on it; null if another holds it or it was handled. */
  async claim(eventId: string, eventType: string): Promise<EventClaim | null> {
    const claimedAt = this.now();
    this.pruneNow(claimedAt);
    try {
      await this.database.transaction((manager) => manager.insert(SlackEventReceipt, { eventId, eventType, claimedAt, handledAt: null }));
      return { eventId, claimedAt };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const staleBefore = new Date(claimedAt.getTime() - EVENT_CLAIM_LEASE_MS);
    const { affected } = await this.database.transaction((manager) =>
      manager.update(SlackEventReceipt, { eventId, handledAt: IsNull(), claimedAt: LessThan(staleBefore) }, { claimedAt }),
    );
    return affected === 1 ? { eventId, claimedAt } : null;
  }

  async handled(claim: EventClaim): Promise<void> {
    await this.database.transaction((manager) =>
      manager.update(SlackEventReceipt, { eventId: claim.eventId, claimedAt: claim.claimedAt }, { handledAt: this.now() }),
    );
  }

  /** The listener failed: the next delivery of the event acts on it. */
  async release(claim: EventClaim): Promise<void> {
    await this.database.transaction((manager) =>
      manager.delete(SlackEventReceipt, { eventId: claim.eventId, claimedAt: claim.claimedAt, handledAt: IsNull() }),
    );
  }

  private pruneNow(now: Date): void {
    if (now.getTime() - this.lastPrunedAtMs < PRUNE_EVERY_MS) return;
    this.lastPrunedAtMs = now.getTime();
    const keptSince = new Date(now.getTime() - EVENT_RECEIPT_KEPT_MS);
    // A prune that fails is tried again on a later event; the receipts it left cost a few rows.
    void this.database
      .transaction((manager) => manager.delete(SlackEventReceipt, { claimedAt: LessThan(keptSince) }))
      .catch(() => undefined);
  }
}
