import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../../db/columnTypes';

export enum InterviewEventType {
  Scheduled = 'scheduled',
  Rescheduled = 'rescheduled',
  Cancelled = 'cancelled',
  InvitationResent = 'invitation_resent',
  LinkRotated = 'link_rotated',
  CandidateOpenedPage = 'candidate_opened_page',
  DetailsEdited = 'details_edited',
}

/** The audit trail: what happened to an interview and who did it. */
@Entity({ name: 'interview_event' })
@Index('interview_event_interview', ['interviewId', 'createdAt'])
@Index('interview_event_request_key', ['interviewId', 'requestKey'], { unique: true })
export class InterviewEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  interviewId: string;

  @Column({ type: 'varchar', length: 40 })
  type: InterviewEventType;

  /** `slack:U123`, `api`, or `candidate`. */
  @Column({ type: 'varchar', length: 64 })
  actor: string;

  /** The request that made the change (a Slack action, an API Idempotency-Key), so a retry is not applied twice. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  requestKey: string | null;

  @Column({ type: 'simple-json', nullable: true })
  details: Record<string, string | number | boolean | null> | null;

  @CreateDateColumn(instantColumn())
  createdAt: Date;
}
