import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../../db/columnTypes';

/**
 * One interviewer of one interview, by each name the interview gives them (their Slack user id,
 * their lowercase address, or both), with the interview's start kept up to date when it moves.
 * Free times, pools and loops find the interviews of exactly the people they ask about, in a
 * window, through its index, instead of reading every interview in that window (written in the
 * same transaction as the interview, like interview_participant).
 */
@Entity({ name: 'interview_interviewer' })
@Index('interview_interviewer_time', ['interviewer', 'scheduledTime'])
export class InterviewInterviewer {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  interviewId: string;

  /** A Slack user id, or a lowercase address. */
  @PrimaryColumn({ type: 'varchar', length: 254 })
  interviewer: string;

  @Column(instantColumn())
  scheduledTime: Date;
}
