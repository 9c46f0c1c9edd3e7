import { z } from 'zod';
import { EVERY_WORKSPACE, type WorkspaceScope } from './slackWorkspaces';

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

/** What `actor` may reach: a Slack user their installation's rows; the API and a candidate anything they name. */
export function scopeOfActor(actor: Actor): WorkspaceScope {
  return actor.kind === 'slack' ? actor.scope : EVERY_WORKSPACE;
}

/** Who did something, as stored in the outbox: a Slack user, the API, or the candidate. */
export const actorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('slack'), userId: z.string(), teamId: z.string().optional() }),
  z.object({ kind: z.literal('api') }),
  z.object({ kind: z.literal('candidate') }),
]);

export type RecordedActor = z.infer<typeof actorSchema>;
