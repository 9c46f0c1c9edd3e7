import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { instantColumn } from '../../db/columnTypes';

export enum DeliveryKind {
  /** The candidate's first invitation email (R4, docs/rules.md). */
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
  /** The candidate's reminder email, due a set time before the start (CANDIDATE_REMINDERS). */
  CandidateReminder = 'candidate_reminder',
  /** A Slack DM reminding an interviewer, due a set time before the start (INTERVIEWER_REMINDER). */
  InterviewerReminder = 'interviewer_reminder',
  /** The thread is told the candidate has not opened their page, due after the start (NO_SHOW_ALERT_AFTER). */
  NoShowAlert = 'no_show_alert',
  /** An interviewer's calendar invitation, update or cancellation by email. */
  InterviewerInvitation = 'interviewer_invitation',
  /** The candidate's "pick your time" email with the booking link (sent, resent, or a nudge). */
  BookingLinkEmail = 'booking_link_email',
  /** A booking request's "waiting for the candidate" message in its channel, posted once. */
  BookingRequestPost = 'booking_request_post',
  /** That message redrawn with the request's current state. */
  BookingRequestMessageUpdate = 'booking_request_message_update',
  /** A reply in that message's thread, e.g. "the link expired unbooked". */
  BookingRequestThreadReply = 'booking_request_thread_reply',
  /** Due when the request runs out: closes it as expired if nobody picked. */
  BookingRequestExpiry = 'booking_request_expiry',
  /** A signed event POSTed to WEBHOOK_URL (Standard Webhooks); retried with the same webhook-id until acknowledged. */
  Webhook = 'webhook',
  /** The interview's video meeting made at the provider (VIDEO_PROVIDER), once, even when an answer is lost. */
  MeetingCreate = 'meeting_create',
  /** The meeting moved to the interview's new time. */
  MeetingMove = 'meeting_move',
  /** The meeting deleted when the interview is cancelled. */
  MeetingDelete = 'meeting_delete',
  /** The interview created, moved or deleted on one interviewer's own calendar (Google Workspace, Microsoft 365). */
  CalendarEvent = 'calendar_event',
  /** A loop's one email to the candidate: the agenda, and a calendar file with an event per session. */
  LoopInvitation = 'loop_invitation',
  /** The candidate is told the loop's sessions moved. */
  LoopUpdate = 'loop_update',
  /** The candidate is told the whole loop is cancelled. */
  LoopCancellation = 'loop_cancellation',
  /** The loop's one message in its Slack channel. */
  LoopChannelPost = 'loop_channel_post',
  /** That message redrawn with the loop's current state. */
  LoopMessageUpdate = 'loop_message_update',
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
@Index('delivery_job_pending_due', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('delivery_job_lease_expiry', ['leaseExpiresAt'], { where: `"status" = 'in_flight'` })
@Index('delivery_job_finished', ['updatedAt'], { where: `"status" IN ('delivered', 'failed', 'skipped')` })
@Index('delivery_job_interview', ['interviewId'])
@Index('delivery_job_booking_request', ['bookingRequestId'])
export class DeliveryJob {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  kind: DeliveryKind;

  /** What the job is about: an interview, or a booking request not yet booked; exactly one is set. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  interviewId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  bookingRequestId: string | null;

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
