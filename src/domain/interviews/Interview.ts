import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InterviewStatus } from './interviewStatus';
import { instantColumn } from '../../db/columnTypes';
import { PlannedInterview } from './PlannedInterview';
import type { StoredPoolPick } from './poolPicks';

@Entity({ name: 'interview' })
@Index('interview_newest', ['createdAt', 'id', 'scheduledTime'])
@Index('interview_candidate_newest', ['candidateEmailNormalized', 'createdAt', 'id'])
@Index('interview_channel_newest', ['channelId', 'createdAt', 'id'])
@Index('interview_team_newest', ['slackTeamId', 'createdAt', 'id'])
@Index('interview_scheduled_time', ['scheduledTime'])
@Index('interview_loop', ['loopId'])
/**
 * An interview: what it shares with a booking request (the candidate, the Slack message, the
 * request that made it: PlannedInterview), and its time, status, join link and what happened since.
 */
export class Interview extends PlannedInterview {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column(instantColumn())
  scheduledTime: Date;

  @Column({ type: 'integer' })
  durationMinutes: number;

  @Column({ type: 'varchar', length: 20 })
  status: InterviewStatus;

  /** 32 lowercase hex characters; the only secret that opens the join page (R2, docs/rules.md). */
  @Column({ type: 'varchar', length: 32, unique: true })
  sessionKey: string;

  /** `${PUBLIC_BASE_URL}/interview/?session_key=<sessionKey>` (R3). */
  @Column({ type: 'varchar', length: 2048, unique: true })
  joinLink: string;

  @Column({ type: 'varchar', length: 36, nullable: true, unique: true })
  slotId: string | null;

  /** Raised on every change the candidate is told about; the calendar invite's SEQUENCE. */
  @Column({ type: 'integer', default: 0 })
  calendarSequence: number;

  @Column(instantColumn({ nullable: true }))
  candidateFirstOpenedAt: Date | null;

  @Column(instantColumn({ nullable: true }))
  cancelledAt: Date | null;

  /** When the channel was told the candidate had not opened their page after the start (NO_SHOW_ALERT_AFTER). */
  @Column(instantColumn({ nullable: true }))
  noShowAlertedAt: Date | null;

  /** The loop this interview is a session of (src/domain/loops/), if any. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  loopId: string | null;

  /** A loop session's title, as the candidate's agenda shows it ("Coding"). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  sessionTitle: string | null;

  /** Whom each pool of `interviewers` picked, and why; null when it named no pool. */
  @Column({ type: 'simple-json', nullable: true })
  poolPicks: StoredPoolPick[] | null;
}
