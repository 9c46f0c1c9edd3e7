import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../../db/columnTypes';

/**
 * One interviewer's time taken by one interview a plan booked (a loop's session, or an interview
 * with pools). On PostgreSQL an exclusion constraint refuses two overlapping rows of one
 * interviewer, so racing bookings can never double-book a person; the commands also check first,
 * which is all SQLite (one writer at a time) needs.
 */
@Entity({ name: 'interviewer_booking' })
@Index('interviewer_booking_interview', ['interviewId'])
@Index('interviewer_booking_time', ['interviewer', 'startsAt'])
export class InterviewerBooking {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  interviewId: string;

  /** A Slack user id or a lowercase address, as the plan named them. */
  @Column({ type: 'varchar', length: 254 })
  interviewer: string;

  @Column(instantColumn())
  startsAt: Date;

  @Column(instantColumn())
  endsAt: Date;
}
