import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { instantColumn } from '../columnTypes';

export enum DeliveryKind {
  /** The candidate's first invitation email (R4). */
  CandidateInvitation = 'candidate_invitation',
  /** The candidate is told of a new time or a new link. */
  CandidateUpdate = 'candidate_update',
  /** The candidate is told the interview is cancelled. */
  CandidateCancellation = 'candidate_cancellation',
  /** The interview's message in its Slack channel, posted once (R5). */
  ChannelPost = 'channel_post',
  /** The channel message redrawn with the interview's current state. */
  ChannelMessageUpdate = 'channel_message_update',
  /** A reply in the channel message's thread, e.g. "the invitation was delivered". */
  ThreadReply = 'thread_reply',
  /** A direct message to an interviewer. */
  InterviewerNotice = 'interviewer_notice',
}

export enum DeliveryStatus {
  Pending = 'pending',
  InFlight = 'in_flight',
  Delivered = 'delivered',
  Failed = 'failed',
  /** Nothing can deliver this kind here, e.g. a Slack message while Slack is off; never retried. */
  Skipped = 'skipped',
}

/**
 * The outbox: one row per message the app owes someone, written in the same transaction as the
 * change that causes it and delivered by the worker until it succeeds or fails for good.
 */
@Entity({ name: 'delivery_job' })
@Index('delivery_job_due', ['status', 'nextAttemptAt'])
@Index('delivery_job_interview', ['interviewId'])
export class DeliveryJob {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  kind: DeliveryKind;

  @Column({ type: 'varchar', length: 36 })
  interviewId: string;

  /**
   * The Slack workspace (and Enterprise Grid organization) whose bot token posts a Slack delivery:
   * its interview's, copied when the job is queued, so uninstalling a workspace stops its jobs in one statement.
   */
  @Column({ type: 'varchar', length: 32, nullable: true })
  slackTeamId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  slackEnterpriseId: string | null;

  /**
   * The kind's details as stored JSON, e.g. what happened for a thread reply or the interviewer to
   * notify. Written and read only through src/domain/deliveryPayloads.ts, which checks its shape.
   */
  @Column({ type: 'simple-json', nullable: true })
  payload: object | null;

  @Column({ type: 'varchar', length: 20 })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column(instantColumn())
  nextAttemptAt: Date;

  /** The worker holding the job, and until when; an expired lease means the worker died. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  leaseOwner: string | null;

  @Column(instantColumn({ nullable: true }))
  leaseExpiresAt: Date | null;

  /** SendGrid's X-Message-Id or Slack's message ts: proof the provider accepted the job. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  providerMessageId: string | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column(instantColumn({ nullable: true }))
  deliveredAt: Date | null;

  @CreateDateColumn(instantColumn())
  createdAt: Date;

  @UpdateDateColumn(instantColumn())
  updatedAt: Date;
}
