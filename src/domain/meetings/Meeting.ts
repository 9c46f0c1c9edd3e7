import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { instantColumn } from '../../db/columnTypes';

/** Where a meeting stands: being made, made (its join link known), or refused for good. */
export enum MeetingStatus {
  Pending = 'pending',
  Ready = 'ready',
  Failed = 'failed',
}

/**
 * Who made the meeting: a provider (VIDEO_PROVIDER zoom, google-meet or teams), or `url` when the
 * organizer set its link by hand.
 */
export type MeetingSource = 'zoom' | 'google-meet' | 'teams' | 'url';

/**
 * An interview's video meeting made at a provider, one per interview. The provider finds it again
 * by the interview's id (Zoom: the agenda's reference line; Google: the event id derived from it;
 * Graph: the event's transactionId and extended property), so making it is idempotent without a
 * key stored here. A host's start link is never read from the provider, so it is never stored.
 */
@Entity({ name: 'meeting' })
export class Meeting {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  interviewId: string;

  @Column({ type: 'varchar', length: 20 })
  provider: MeetingSource;

  @Column({ type: 'varchar', length: 20 })
  status: MeetingStatus;

  /** The link participants join by, once the meeting is made; the candidate's page leads there. */
  @Column({ type: 'varchar', length: 2048, nullable: true })
  joinUrl: string | null;

  /** Zoom's meeting id, or the host's calendar event id (Meet, Teams): what a reschedule moves and a cancel deletes. */
  @Column({ type: 'varchar', length: 1024, nullable: true })
  providerMeetingId: string | null;

  /** The account the meeting is on: the first interviewer's address, or ZOOM_DEFAULT_HOST. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  host: string | null;

  /** Why the provider refused for good, in words for the organizer. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn(instantColumn())
  createdAt: Date;

  @UpdateDateColumn(instantColumn())
  updatedAt: Date;
}
