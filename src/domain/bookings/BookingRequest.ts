import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BookingRequestStatus } from './bookingRequestStatus';
import { instantColumn } from '../../db/columnTypes';
import { PlannedInterview } from '../interviews/PlannedInterview';
import type { InterviewPlan } from '../freeTimes/planFreeTimes';

/**
 * An offer to a candidate: pick one of these availability slots. Picking one creates the
 * interview (through `scheduleInterview`, inside the booking's transaction) and marks the request
 * booked. What it shares with the interview it becomes is in PlannedInterview.
 */
/** A booking request's plan, with the names the people directory knew for its Slack users when it was made. */
export interface BookingPlan extends InterviewPlan {
  names?: Record<string, string>;
}

@Entity({ name: 'booking_request' })
@Index('booking_request_newest', ['createdAt', 'id'])
@Index('booking_request_candidate_newest', ['candidateEmailNormalized', 'createdAt', 'id'])
@Index('booking_request_channel_newest', ['channelId', 'createdAt', 'id'])
@Index('booking_request_team_newest', ['slackTeamId', 'createdAt', 'id'])
@Index('booking_request_status_newest', ['status', 'createdAt', 'id'])
export class BookingRequest extends PlannedInterview {
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

  /** The interview's length; null means each slot's own length. */
  @Column({ type: 'integer', nullable: true })
  durationMinutes: number | null;

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

  /**
   * Set when it offers a plan's free times (a panel with pools, or a loop): its sessions, their
   * people and pools, and the longest gap. Each offered slot is then a first start; the sessions'
   * times and each pool's picks are found again when the candidate books.
   */
  @Column({ type: 'simple-json', nullable: true })
  plan: BookingPlan | null;
}
