import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import type { ReminderSettings } from '../../config/reminderSettings';
import type { CalendarAccess } from '../calendars/calendarAccess';
import type { PeopleDirectory } from './peopleDirectory';
import type { SlackWorkspaces } from './slackWorkspaces';

/** What every domain command needs from the outside world, passed in rather than read globally. */
export interface DomainContext {
  database: Database;
  /** The current time; tests pass a fixed clock. */
  now: () => Date;
  /** Base of join links, without a trailing slash (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  /** R1's default lead time (DEFAULT_LEAD_MINUTES; the rules are in docs/rules.md). */
  defaultLeadMinutes: number;
  /** Generates a meeting URL per interview when set (VIDEO_BASE_URL). */
  videoBaseUrl?: string;
  /** When reminders go out and the no-show alert is due (CANDIDATE_REMINDERS, INTERVIEWER_REMINDER, NO_SHOW_ALERT_AFTER). */
  reminders: ReminderSettings;
  /** True when WEBHOOK_URL is set: commands queue webhook events with their other deliveries. */
  webhooksOn?: boolean;
  /** Called after a transaction that queued deliveries commits, so the worker starts at once. */
  onDeliveriesQueued: () => void;
  /** How long a booking link lets the candidate pick (BOOKING_LINK_EXPIRES_HOURS); 72 when absent. */
  bookingLinkExpiresHours?: number;
  /** The interviewers' calendars and the free-time rules; absent, no provider and the default rules (defaultCalendarAccess). */
  calendars?: CalendarAccess;
  /** Names for Slack users, shown to candidates; absent when Slack is off. */
  peopleDirectory?: PeopleDirectory;
  /** The Slack workspaces served: one or many. Absent while Slack is off. */
  slackWorkspaces?: SlackWorkspaces;
  /**
   * Booking links' rule for a slot booked by an interview: those that offered it and have nothing
   * left to pick expire at once (`expireOffersLeftWithoutSlots` in domain/bookings/). Handed in by
   * whoever builds the context, because slots and interviews, which book slots, sit below booking
   * links and know nothing of them. Without it (a test about something else) a link left without
   * slots still reads as expired, and is closed when its deadline comes.
   */
  expireOffersLeftWithoutSlots?: ExpireOffersLeftWithoutSlots;
  /**
   * Keeps each interview's video meeting in step with it (VIDEO_PROVIDER zoom, google-meet or
   * teams): `followInterviewWithMeeting` in domain/meetings/. Handed in by whoever builds the
   * context, because meetings sit above interviews and know them, not the other way round. Absent,
   * no meeting is made (a room under VIDEO_BASE_URL, or none).
   */
  followInterviewWithMeeting?: FollowInterviewWithMeeting;
  /**
   * A session of a loop changed on its own must leave the loop whole: `keepLoopWhole` in
   * domain/loops/. Handed in by whoever builds the context, because loops sit above interviews.
   * Absent (a test about something else), a session changes as any interview does.
   */
  keepLoopWhole?: KeepLoopWhole;
  /**
   * The transaction a command runs in when another command runs it inside its own (a booking
   * link's pick schedules its interview inside the booking's transaction). Absent, a command opens
   * its own transaction and commits it.
   */
  transaction?: EntityManager;
}

/** How interviewers get their copy: as an event on their own calendar when a calendar provider is configured, else by email. */
export function interviewerCopiesOf(context: DomainContext): 'email' | 'calendar' {
  return context.calendars?.provider ? 'calendar' : 'email';
}

/** Closes, inside the transaction that booked the slot, the booking links left with nothing to pick. */
export type ExpireOffersLeftWithoutSlots = (manager: EntityManager, slotId: string, now: Date) => Promise<void>;

/** What a meeting needs to know of an interview that changed. */
export interface InterviewForMeeting {
  id: string;
  /** A link given when the interview was made (the API's `meetingUrl`): then no meeting is made. */
  meetingUrl: string | null;
  /** Who takes part: the first hosts the meeting. */
  interviewers: ReadonlyArray<{ slackUserId?: string; email?: string }>;
  channelId: string | null;
  slackTeamId: string | null;
  slackEnterpriseId: string | null;
}

/**
 * Inside the transaction of an interview's change: queues its meeting's making, moving or deleting,
 * or, when its interviewers changed (`interviewers_changed`, from `formerInterviewers`) so that
 * the meeting's host is another, its deleting and making again under the new host.
 */
export type FollowInterviewWithMeeting = (
  manager: EntityManager,
  interview: InterviewForMeeting,
  change: 'scheduled' | 'rescheduled' | 'cancelled' | 'interviewers_changed',
  now: Date,
  formerInterviewers?: ReadonlyArray<{ slackUserId?: string; email?: string }>,
) => Promise<void>;

/** One session of a loop, as a change leaves it, and the time it had before. */
export interface ChangedLoopSession {
  id: string;
  loopId: string;
  scheduledTime: Date;
  durationMinutes: number;
  interviewers: ReadonlyArray<{ slackUserId?: string; email?: string }>;
  before: { scheduledTime: Date; durationMinutes: number };
}

/**
 * Inside the transaction of a change to one session of a loop: refuses (InputValidationError) a
 * change after which the candidate would be in two sessions at once, the sessions would no longer
 * fit in one day, or a person would take two sessions.
 */
export type KeepLoopWhole = (manager: EntityManager, session: ChangedLoopSession) => Promise<void>;

/** Runs `work` in the context's transaction when it has one, or else in a transaction of its own. */
export function inTransaction<T>(context: DomainContext, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return context.transaction ? work(context.transaction) : context.database.transaction(work);
}

/**
 * The context for a command run inside `manager`'s transaction: it writes there, and leaves waking
 * the outbox worker to the command that owns the transaction, once it commits.
 */
export function withinTransaction(context: DomainContext, manager: EntityManager): DomainContext {
  return { ...context, transaction: manager };
}

/** Wakes the outbox worker for deliveries a command queued, once they are committed: at once, or when the enclosing command's transaction commits. */
export function deliveriesQueued(context: DomainContext): void {
  if (!context.transaction) context.onDeliveriesQueued();
}
