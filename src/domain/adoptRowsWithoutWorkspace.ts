import { IsNull } from 'typeorm';
import { AvailabilitySlot } from './slots/AvailabilitySlot';
import { BookingRequest } from './bookings/BookingRequest';
import { DeliveryJob } from './deliveries/DeliveryJob';
import { Interview } from './interviews/Interview';
import type { DomainContext } from './shared/domainContext';
import { workspaceColumns } from './workspaces/slackWorkspace';
import { type SlackWorkspaceRef } from './shared/slackWorkspaces';

/**
 * With one workspace, every row is its: those made before rows recorded their workspace (or by the
 * API, which need not name it) are given the bot token's workspace, once Slack has confirmed which
 * that is. So a database moves to many workspaces with its rows where they belong. Returns how many
 * interviews were given one.
 */
export async function adoptRowsWithoutWorkspace(context: Pick<DomainContext, 'database'>, workspace: SlackWorkspaceRef): Promise<number> {
  const columns = workspaceColumns(workspace);
  return context.database.transaction(async (manager) => {
    const interviews = await manager.update(Interview, { slackTeamId: IsNull() }, columns);
    await manager.update(BookingRequest, { slackTeamId: IsNull() }, columns);
    await manager.update(AvailabilitySlot, { slackTeamId: IsNull() }, columns);
    await manager.update(DeliveryJob, { slackTeamId: IsNull() }, columns);
    return interviews.affected ?? 0;
  });
}
