import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../../db/columnTypes';

/** Where an interview stands on one interviewer's own calendar. */
export enum CalendarEventStatus {
  /** On their calendar: `eventId` is the provider's. */
  Created = 'created',
  /** Their calendar refused it (or could not be reached for good): they are emailed instead, and the thread was told once. */
  Refused = 'refused',
  /** Taken off their calendar when the interview was cancelled. */
  Deleted = 'deleted',
}

/**
 * The interview's event on one interviewer's calendar (Google Workspace or Microsoft 365), so it
 * is created once, then moved and deleted by the provider's own id.
 */
@Entity({ name: 'interview_calendar_event' })
export class InterviewCalendarEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  interviewId: string;

  /** The interviewer as the interview names them: their Slack user id, else their address in lower case. */
  @PrimaryColumn({ type: 'varchar', length: 254 })
  interviewerKey: string;

  /** The calendar's owner, whose address the provider was given. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  ownerAddress: string | null;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  eventId: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: CalendarEventStatus;

  /** Why their calendar refused, when it did. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column(instantColumn())
  updatedAt: Date;
}
