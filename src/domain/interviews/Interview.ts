import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { InterviewStatus } from './interviewStatus';
import { instantColumn } from '../../db/columnTypes';
import type { Interviewer } from '../shared/participants';

@Entity({ name: 'interview' })
@Index('interview_created_at', ['createdAt'])
@Index('interview_scheduled_time', ['scheduledTime'])
export class Interview {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  candidateName: string;

  @Column({ type: 'varchar', length: 254 })
  candidateEmail: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  role: string | null;

  @Column({ type: 'simple-json' })
  interviewers: Interviewer[];

  /** The Slack user who scheduled it, when it came from Slack. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  organizerSlackUserId: string | null;

  /** The Slack workspace it belongs to: only people there see and change it from Slack. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  slackTeamId: string | null;

  /** The workspace's Enterprise Grid organization, when it has one. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  slackEnterpriseId: string | null;

  /** The channel the interview was scheduled from; its message is posted there (R5). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  channelId: string | null;

  /** Where the interview's message actually landed (channel or DM) and its timestamp. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  slackMessageChannelId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  slackMessageTs: string | null;

  @Column(instantColumn())
  scheduledTime: Date;

  @Column({ type: 'integer' })
  durationMinutes: number;

  /** The candidate's IANA time zone, used to show them the time. */
  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  @Column({ type: 'varchar', length: 20 })
  status: InterviewStatus;

  /** 32 lowercase hex characters; the only secret that opens the join page (R2). */
  @Column({ type: 'varchar', length: 32, unique: true })
  sessionKey: string;

  /** `${PUBLIC_BASE_URL}/interview/?session_key=<sessionKey>` (R3). */
  @Column({ type: 'varchar', length: 2048, unique: true })
  joinLink: string;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  meetingUrl: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true, unique: true })
  slotId: string | null;

  /** Raised on every change the candidate is told about; the calendar invite's SEQUENCE. */
  @Column({ type: 'integer', default: 0 })
  calendarSequence: number;

  /** Makes retried requests (Slack retries, double clicks, API retries) create one interview. */
  @Column({ type: 'varchar', length: 255, nullable: true, unique: true })
  idempotencyKey: string | null;

  /** Hash of the request that used `idempotencyKey`, to tell a retry from a different request. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  requestFingerprint: string | null;

  @Column(instantColumn({ nullable: true }))
  candidateFirstOpenedAt: Date | null;

  @Column(instantColumn({ nullable: true }))
  cancelledAt: Date | null;

  /** When the channel was told the candidate had not opened their page after the start (NO_SHOW_ALERT_AFTER). */
  @Column(instantColumn({ nullable: true }))
  noShowAlertedAt: Date | null;

  @CreateDateColumn(instantColumn())
  createdAt: Date;

  @UpdateDateColumn(instantColumn())
  updatedAt: Date;
}
