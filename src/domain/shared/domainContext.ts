import type { Database } from '../../db/database';
import type { RecordedActor } from '../deliveries/deliveryPayloads';
import type { ReminderSettings } from '../../config/reminderSettings';
import type { PeopleDirectory } from './peopleDirectory';
import type { SlackWorkspaces, WorkspaceScope } from '../workspaces/slackWorkspace';

/** What every domain command needs from the outside world, passed in rather than read globally. */
export interface DomainContext {
  database: Database;
  /** The current time; tests pass a fixed clock. */
  now: () => Date;
  /** Base of join links, without a trailing slash (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  /** R1's default lead time (DEFAULT_LEAD_MINUTES). */
  defaultLeadMinutes: number;
  /** Generates a meeting URL per interview when set (VIDEO_BASE_URL). */
  videoBaseUrl?: string;
  /** When reminders go out and the no-show alert is due (CANDIDATE_REMINDERS, INTERVIEWER_REMINDER, NO_SHOW_ALERT_AFTER). */
  reminders: ReminderSettings;
  /** Called after a transaction that queued deliveries commits, so the worker starts at once. */
  onDeliveriesQueued: () => void;
  /** How long a booking link lets the candidate pick (BOOKING_LINK_EXPIRES_HOURS); 72 when absent. */
  bookingLinkExpiresHours?: number;
  /** Names for Slack users, shown to candidates; absent when Slack is off. */
  peopleDirectory?: PeopleDirectory;
  /** The Slack workspaces served: one or many. Absent while Slack is off. */
  slackWorkspaces?: SlackWorkspaces;
}

/**
 * Who asked for a change: recorded on every event and used for permission checks. A Slack user
 * comes from a workspace (and its Enterprise Grid organization), and reaches only the rows of the
 * installation their request came through (`scope`).
 */
export type Actor =
  | { kind: 'slack'; userId: string; teamId?: string; enterpriseId?: string; scope: WorkspaceScope }
  | { kind: 'api' }
  | { kind: 'candidate' };

export function describeActor(actor: Actor): string {
  return actor.kind === 'slack' ? `slack:${actor.userId}` : actor.kind;
}

/** Who acted, as a record keeps it (an event, a thread reply): the person, not what they could reach. */
export function recordedActor(actor: Actor): RecordedActor {
  return actor.kind === 'slack' ? { kind: 'slack', userId: actor.userId, ...(actor.teamId ? { teamId: actor.teamId } : {}) } : actor;
}
