import { anyOpenSlot, type SlotProbeScope } from '../../db/openSlotProbe';
import type { DomainContext } from '../shared/domainContext';
import type { WorkspaceScope } from '../shared/slackWorkspaces';
import { whereWithinScope } from '../workspaces/slackWorkspace';
import { AvailabilitySlot } from './AvailabilitySlot';

/** A slot is open while nobody has booked it and it has not begun; `listOpenSlots` asks the database the same. */
export function isSlotOpen(slot: Pick<AvailabilitySlot, 'bookedInterviewId' | 'startsAt'>, now: Date): boolean {
  return slot.bookedInterviewId === null && slot.startsAt.getTime() > now.getTime();
}

/** Slots nobody has booked that start in the future, within a workspace's scope, soonest first. */
export function listOpenSlots(context: DomainContext, scope: WorkspaceScope, limit = 100): Promise<AvailabilitySlot[]> {
  const now = context.now();
  return context.database.read(async (manager) => {
    if (!(await anyOpenSlot(manager, now, slotProbeScope(scope)))) return [];
    return whereWithinScope(manager.createQueryBuilder(AvailabilitySlot, 'slot'), scope, (column) => `slot.${column}`)
      .andWhere('slot.bookedInterviewId IS NULL')
      .andWhere('slot.forBookingRequestId IS NULL')
      .andWhere('slot.startsAt > :now', { now })
      .orderBy('slot.startsAt', 'ASC')
      .take(limit)
      .getMany();
  });
}

function slotProbeScope(scope: WorkspaceScope): SlotProbeScope {
  switch (scope.kind) {
    case 'everything':
      return { column: null };
    case 'team':
      return { column: 'slackTeamId', value: scope.teamId };
    case 'organization':
      return { column: 'slackEnterpriseId', value: scope.enterpriseId };
  }
}

/** Every slot, booked or not, soonest first, for the API; only one Slack workspace's with `slackTeamId`. */
export function listSlots(
  context: DomainContext,
  options: { includeBooked: boolean; limit: number; slackTeamId?: string },
): Promise<AvailabilitySlot[]> {
  return context.database.read((manager) => {
    const query = manager
      .createQueryBuilder(AvailabilitySlot, 'slot')
      .where('slot.startsAt > :now', { now: context.now() })
      .andWhere('slot.forBookingRequestId IS NULL')
      .orderBy('slot.startsAt', 'ASC')
      .take(options.limit);
    if (!options.includeBooked) query.andWhere('slot.bookedInterviewId IS NULL');
    if (options.slackTeamId) query.andWhere('slot.slackTeamId = :slackTeamId', { slackTeamId: options.slackTeamId });
    return query.getMany();
  });
}
