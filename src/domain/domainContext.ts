import type { Database } from '../db/database';
import type { SlackWorkspaces, WorkspaceScope } from './slackWorkspace';

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
  /** Called after a transaction that queued deliveries commits, so the worker starts at once. */
  onDeliveriesQueued: () => void;
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
