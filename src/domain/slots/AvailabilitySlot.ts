import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../../db/columnTypes';

/** A window an interviewer offered; at most one interview can book it. */
@Entity({ name: 'availability_slot' })
@Index('availability_slot_starts_at', ['startsAt'])
export class AvailabilitySlot {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column(instantColumn())
  startsAt: Date;

  @Column({ type: 'integer' })
  durationMinutes: number;

  /** A Slack user id (`U…`) or an email address. */
  @Column({ type: 'varchar', length: 254 })
  interviewer: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  createdBySlackUserId: string | null;

  /** The Slack workspace whose people are offered it, and its Enterprise Grid organization when it has one. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  slackTeamId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  slackEnterpriseId: string | null;

  /** Set once, atomically, by the interview that books the slot. */
  @Column({ type: 'varchar', length: 36, nullable: true, unique: true })
  bookedInterviewId: string | null;

  /** Set on a slot made from a panel's free times for one booking request (`findTimes`): only that request offers it. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  forBookingRequestId: string | null;

  @CreateDateColumn(instantColumn())
  createdAt: Date;
}
