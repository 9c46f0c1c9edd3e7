import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { instantColumn } from '../../db/columnTypes';

export enum LoopStatus {
  Scheduled = 'scheduled',
  Cancelled = 'cancelled',
}

/**
 * A loop: several sessions for one candidate, back to back on one day. Each session is an
 * interview of its own (its own join link, reminders and rules R1–R5) whose `loopId` names the
 * loop; the loop holds what the sessions share: how far apart they may be, and the request that made them.
 */
@Entity({ name: 'loop' })
export class Loop {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 20 })
  status: LoopStatus;

  /** Each session starts 0 to this many minutes after the one before ends. */
  @Column({ type: 'integer' })
  maxGapMinutes: number;

  /** Makes a retried request return the loop it created the first time. */
  @Column({ type: 'varchar', length: 255, nullable: true, unique: true })
  idempotencyKey: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestFingerprint: string | null;

  @Column(instantColumn({ nullable: true }))
  cancelledAt: Date | null;

  @CreateDateColumn(instantColumn())
  createdAt: Date;

  @UpdateDateColumn(instantColumn())
  updatedAt: Date;
}
