import { Brackets } from 'typeorm';
import { anyOpenSlot, type SlotProbeScope } from '../../db/openSlotProbe';
import { decodeCursor, takePage } from '../shared/pageCursor';
import { SlotNotFoundError } from '../shared/errors';
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

/** Which slots a list shows: open (nobody booked it, not begun), booked, or past (begun, never booked). */
export const SLOT_LIST_STATUSES = ['open', 'booked', 'past'] as const;
export type SlotListStatus = (typeof SLOT_LIST_STATUSES)[number];

/** A slot's status as the API shows it, by the same rule the list filters by. */
export function slotStatus(slot: Pick<AvailabilitySlot, 'bookedInterviewId' | 'startsAt'>, now: Date): SlotListStatus {
  if (slot.bookedInterviewId) return 'booked';
  return isSlotOpen(slot, now) ? 'open' : 'past';
}

export interface SlotListFilter {
  /** Open when not given. */
  status?: SlotListStatus;
  /** The one interviewer: a Slack user id, or an address (compared without case). */
  interviewer?: string;
  slackTeamId?: string;
  limit: number;
  /** Opaque position returned as `nextCursor` by the previous page. */
  cursor?: string;
}

export interface SlotPage {
  slots: AvailabilitySlot[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Soonest first (then by id), filtered, paginated by a cursor like the interviews' list: pages stay stable while slots are added. */
export async function listSlots(context: DomainContext, filter: SlotListFilter): Promise<SlotPage> {
  const now = context.now();
  const rows = await context.database.read((manager) => {
    const query = manager.createQueryBuilder(AvailabilitySlot, 'slot');
    switch (filter.status ?? 'open') {
      case 'open':
        query.where('slot.bookedInterviewId IS NULL').andWhere('slot.startsAt > :now', { now });
        break;
      case 'booked':
        query.where('slot.bookedInterviewId IS NOT NULL');
        break;
      case 'past':
        query.where('slot.bookedInterviewId IS NULL').andWhere('slot.startsAt <= :now', { now });
        break;
    }
    // Times a booking request offered from calendars belong to that request, not to the slot lists.
    query.andWhere('slot.forBookingRequestId IS NULL');
    if (filter.interviewer) query.andWhere('LOWER(slot.interviewer) = :interviewer', { interviewer: filter.interviewer.toLowerCase() });
    if (filter.slackTeamId) query.andWhere('slot.slackTeamId = :slackTeamId', { slackTeamId: filter.slackTeamId });
    const position = filter.cursor ? decodeCursor(filter.cursor) : null;
    if (position) {
      query.andWhere(
        new Brackets((later) =>
          later
            .where('slot.startsAt > :startsAt', { startsAt: position.createdAt })
            .orWhere('slot.startsAt = :startsAt AND slot.id > :id', { startsAt: position.createdAt, id: position.id }),
        ),
      );
    }
    return query
      .orderBy('slot.startsAt', 'ASC')
      .addOrderBy('slot.id', 'ASC')
      .take(filter.limit + 1)
      .getMany();
  });
  // The same opaque shape as the interviews' cursor (an instant and an id), here the slot's start.
  const { page: slots, nextCursor } = takePage(rows, filter.limit, (slot) => ({ createdAt: slot.startsAt, id: slot.id }));
  return { slots, nextCursor };
}

export async function findSlotById(context: DomainContext, slotId: string): Promise<AvailabilitySlot> {
  const slot = UUID.test(slotId)
    ? await context.database.read((manager) => manager.findOneBy(AvailabilitySlot, { id: slotId.toLowerCase() }))
    : null;
  if (!slot || slot.forBookingRequestId) throw new SlotNotFoundError();
  return slot;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
