import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../../db/columnTypes';

/**
 * A Slack user taking part in an interview: its organizer or one of its interviewers, one row
 * each, written in the same transaction as the interview. `?participant=` and the Home tab find a
 * person's interviews through it by index, on SQLite and PostgreSQL alike, instead of reading the
 * interviewers' JSON of every interview. `createdAt` and `scheduledTime` are the interview's (the
 * time kept up to date when it moves), so a person's interviews come newest first, or soonest
 * first, straight from an index.
 */
@Entity({ name: 'interview_participant' })
@Index('interview_participant_newest', ['slackUserId', 'createdAt', 'interviewId'])
@Index('interview_participant_upcoming', ['slackUserId', 'scheduledTime'])
export class InterviewParticipant {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  interviewId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  slackUserId: string;

  @Column(instantColumn())
  createdAt: Date;

  @Column(instantColumn())
  scheduledTime: Date;
}
