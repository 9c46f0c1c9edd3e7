import { In, type EntityManager } from 'typeorm';
import { DeliveryJob, DeliveryStatus } from './DeliveryJob';
import { SLACK_DELIVERY_KINDS } from './deliveryKinds';
import { whereWithinScope } from '../workspaces/slackWorkspace';
import { type WorkspaceScope } from '../shared/slackWorkspaces';

/** Why a workspace's Slack deliveries stopped, as the interview's delivery states show it. */
export const APP_UNINSTALLED_REASON = 'app uninstalled: the app was removed from this Slack workspace, so nothing more is posted there';

/**
 * The app was uninstalled from a workspace (or its bot token revoked): that workspace's pending
 * Slack posts fail for good at once, instead of being retried against a dead token. Its emails
 * still go. Runs in the caller's transaction; returns how many stopped.
 */
export async function stopSlackDeliveries(manager: EntityManager, scope: WorkspaceScope, now: Date): Promise<number> {
  const update = manager
    .createQueryBuilder()
    .update(DeliveryJob)
    .set({ status: DeliveryStatus.Failed, lastError: APP_UNINSTALLED_REASON, leaseOwner: null, leaseExpiresAt: null, updatedAt: now })
    // The status in the SQL's own words, so the pending jobs' partial index serves it on SQLite too.
    .where(`"status" = '${DeliveryStatus.Pending}'`)
    .andWhere({ kind: In([...SLACK_DELIVERY_KINDS]) });
  const result = await whereWithinScope(update, scope, (column) => `"${column}"`).execute();
  return result.affected ?? 0;
}
