import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../columnTypes';

/**
 * One Events API event the app took on, by Slack's `event_id` (the same on every retry of it), so
 * a retry of an event already handled is not acted on twice, on any replica, after any restart;
 * while a retry of one that was never handled (refused, or cut short by a crash) still is.
 * Receipts are deleted once Slack can no longer retry their event.
 */
@Entity({ name: 'slack_event_receipt' })
@Index('slack_event_receipt_claimed', ['claimedAt'])
export class SlackEventReceipt {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  eventId: string;

  /** `app_uninstalled`, `tokens_revoked`, `app_home_opened`: for whoever reads the table. */
  @Column({ type: 'varchar', length: 64 })
  eventType: string;

  /** When a delivery of the event started being handled; a claim this old with no `handledAt` was cut short. */
  @Column(instantColumn())
  claimedAt: Date;

  /** When its listener finished; null while it runs, or if it never finished. */
  @Column(instantColumn({ nullable: true }))
  handledAt: Date | null;
}
