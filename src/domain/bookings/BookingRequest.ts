import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { BookingRequestStatus } from './bookingRequestStatus';
import { instantColumn } from '../../db/columnTypes';
import type { Interviewer } from '../shared/participants';

/**
 * An offer to a candidate: pick one of these availability slots. Picking one creates the
 * interview (through `scheduleInterview`'s own transaction body) and marks the request booked.
 */
@Entity({ name: 'booking_request' })
@Index('booking_request_created_at', ['createdAt'])
export class BookingRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** 32 lowercase hex characters (128 random bits); the only secret that opens the booking page. */
  @Column({ type: 'varchar', length: 32, unique: true })
  token: string;

  /** `${PUBLIC_BASE_URL}/book/?token=<token>`, made once like an interview's join link. */
  @Column({ type: 'varchar', length: 2048, unique: true })
  bookingLink: string;

  /** As stored; an open request past its expiry or without an open slot reads as expired (see bookingRequestState). */
  @Column({ type: 'varchar', length: 20 })
  status: BookingRequestStatus;

  @Column({ type: 'varchar', length: 200 })
  candidateName: string;

  @Column({ type: 'varchar', length: 254 })
  candidateEmail: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  role: string | null;

  /** The interview's length; null means each slot's own length. */
  @Column({ type: 'integer', nullable: true })
  durationMinutes: number | null;

  /** The candidate's IANA time zone: the page and emails show times in it by default. */
  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  /** Interviewers on every slot; the booked slot's interviewer joins them. Names, when known, are shown to the candidate. */
  @Column({ type: 'simple-json' })
  interviewers: Interviewer[];

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  meetingUrl: string | null;

  /** The Slack user who asked, when it came from Slack: the interview's organizer once booked. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  organizerSlackUserId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  slackTeamId: string | null;

  /** The workspace's Enterprise Grid organization, when it has one. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  slackEnterpriseId: string | null;

  /** The channel the request was made from; its "waiting" message is posted there. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  channelId: string | null;

  /** Where the "waiting" message landed (channel or DM); the interview takes it over once booked. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  slackMessageChannelId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  slackMessageTs: string | null;

  /** After this the link no longer books (BOOKING_LINK_EXPIRES_HOURS after it was made). */
  @Column(instantColumn())
  expiresAt: Date;

  /** The interview the candidate's pick created; set exactly when the status is booked. */
  @Column({ type: 'varchar', length: 36, nullable: true, unique: true })
  interviewId: string | null;

  /** When it stopped being open (booked, expired or cancelled), and by whom (`candidate`, `slack:U…`, `api`, `system`). */
  @Column(instantColumn({ nullable: true }))
  closedAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  closedBy: string | null;

  /** Makes retried requests (Slack retries, double clicks, API retries) create one request. */
  @Column({ type: 'varchar', length: 255, nullable: true, unique: true })
  idempotencyKey: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestFingerprint: string | null;

  @CreateDateColumn(instantColumn())
  createdAt: Date;

  @UpdateDateColumn(instantColumn())
  updatedAt: Date;
}
