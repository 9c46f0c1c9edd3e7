import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm';
import { instantColumn } from '../../db/columnTypes';
import type { Interviewer } from '../shared/participants';

/**
 * What an interview and a booking request (an interview whose candidate has yet to pick the time)
 * both record: the candidate and what they are invited to, who asked and from which Slack
 * workspace and channel, where its Slack message landed, and the request that made it. Interview
 * and BookingRequest extend it, each keeping these columns in its own table under the same names
 * (TypeORM's concrete table inheritance), so the two are written once, here.
 */
export abstract class PlannedInterview {
  @Column({ type: 'varchar', length: 200 })
  candidateName: string;

  @Column({ type: 'varchar', length: 254 })
  candidateEmail: string;

  /** `candidateEmail` as `?candidateEmail=` compares it (normalizedEmailAddress), written with it so the lookup is an index's. */
  @Column({ type: 'varchar', length: 254, default: '' })
  candidateEmailNormalized: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  role: string | null;

  /** The candidate's IANA time zone: their pages, emails and calendar file show times in it. */
  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  /** Who interviews; names, when known, are shown to the candidate (never a Slack id). */
  @Column({ type: 'simple-json' })
  interviewers: Interviewer[];

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  meetingUrl: string | null;

  /** The Slack user who asked, when it came from Slack: the interview's organizer. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  organizerSlackUserId: string | null;

  /** The Slack workspace it belongs to: only people there see and change it from Slack. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  slackTeamId: string | null;

  /** The workspace's Enterprise Grid organization, when it has one. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  slackEnterpriseId: string | null;

  /** The channel it was asked for from; its message is posted there (R5, docs/rules.md). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  channelId: string | null;

  /**
   * Where its message actually landed (the channel, or the organizer's DM) and its timestamp. An
   * interview booked from a booking link takes over the request's message.
   */
  @Column({ type: 'varchar', length: 32, nullable: true })
  slackMessageChannelId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  slackMessageTs: string | null;

  /** Makes retried requests (Slack retries, double clicks, API retries) create one, not two. */
  @Column({ type: 'varchar', length: 255, nullable: true, unique: true })
  idempotencyKey: string | null;

  /** Hash of the request that used `idempotencyKey`, to tell a retry from a different request. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  requestFingerprint: string | null;

  @CreateDateColumn(instantColumn())
  createdAt: Date;

  @UpdateDateColumn(instantColumn())
  updatedAt: Date;
}
