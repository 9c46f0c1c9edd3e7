import { v4 as uuidv4 } from 'uuid';
import { In, IsNull, type EntityManager } from 'typeorm';
import { insertRows } from '../../db/insertRows';
import type { Actor } from '../shared/actor';
import type { DomainContext } from '../shared/domainContext';
import { InputValidationError, type FieldProblem } from '../shared/errors';
import { isSlackUserId } from '../shared/participants';
import { checkScheduledTimeIsBookable } from '../shared/scheduledTime';
import { resolveWorkspace, workspaceColumns } from '../workspaces/slackWorkspace';
import { AvailabilitySlot } from './AvailabilitySlot';
import type { AvailabilitySlotRequest } from './availabilitySlotInput';

export interface AddAvailabilitySlotsProps {
  slots: AvailabilitySlotRequest[];
  actor: Actor;
}

/**
 * Stores offered windows; each must be bookable (not past, within a year), and belongs to a Slack
 * workspace: the Slack user's, or the one the API names (needed, with many workspaces, for a Slack interviewer).
 */
/** One offered window as stored: a new slot, or the open one that already offered it. */
export interface AddedSlot {
  slot: AvailabilitySlot;
  created: boolean;
}

export async function addAvailabilitySlots(context: DomainContext, props: AddAvailabilitySlotsProps): Promise<AvailabilitySlot[]> {
  return (await offerAvailabilitySlots(context, props)).map(({ slot }) => slot);
}

/** As `addAvailabilitySlots`, saying of each window whether it was stored now or already offered. */
export async function offerAvailabilitySlots(context: DomainContext, props: AddAvailabilitySlotsProps): Promise<AddedSlot[]> {
  const now = context.now();
  const fieldPrefix = (index: number) => (props.slots.length > 1 ? `slots.${index}.` : '');
  const problems = props.slots
    .map((slot, index) => checkScheduledTimeIsBookable(slot.startsAt, now, `${fieldPrefix(index)}startsAt`))
    .filter((problem): problem is FieldProblem => problem !== null);
  const workspaces = await Promise.all(
    props.slots.map((slot, index) =>
      resolveWorkspace(context, props.actor, slot.slackWorkspace, isSlackUserId(slot.interviewer), `${fieldPrefix(index)}slackTeamId`),
    ),
  );
  problems.push(...workspaces.flatMap(({ problem }) => (problem ? [problem] : [])));
  if (problems.length > 0) {
    throw new InputValidationError(problems);
  }
  const rows = props.slots.map((slot, index) => ({
    id: uuidv4(),
    startsAt: slot.startsAt,
    durationMinutes: slot.durationMinutes,
    interviewer: slot.interviewer,
    ...workspaceColumns(workspaces[index].workspace),
    createdBySlackUserId: props.actor.kind === 'slack' ? props.actor.userId : null,
    bookedInterviewId: null,
    createdAt: now,
  }));
  return context.database.transaction(async (manager) => {
    const alreadyOffered = await findAlreadyOffered(manager, rows);
    const fresh = new Map<string, AvailabilitySlot>();
    for (const row of rows) {
      const key = offerKey(row);
      if (!alreadyOffered.has(key) && !fresh.has(key)) fresh.set(key, Object.assign(new AvailabilitySlot(), row));
    }
    if (fresh.size > 0) await insertRows(manager, AvailabilitySlot, [...fresh.values()]);
    return rows.map((row) => {
      const existing = alreadyOffered.get(offerKey(row));
      return existing ? { slot: existing, created: false } : { slot: fresh.get(offerKey(row))!, created: true };
    });
  });
}

/** What makes two offers the same: one interviewer, one start, one length, in one workspace. */
export function offerKey(
  slot: Pick<AvailabilitySlot, 'interviewer' | 'startsAt' | 'durationMinutes' | 'slackTeamId' | 'slackEnterpriseId'>,
): string {
  return [slot.interviewer, slot.startsAt.getTime(), slot.durationMinutes, slot.slackTeamId ?? '', slot.slackEnterpriseId ?? ''].join('|');
}

/**
 * The open slots that already offer these windows, by `offerKey`: offering one again (a form sent
 * twice, its first try answered "try again" while it still went through) adds nothing.
 */
async function findAlreadyOffered(
  manager: EntityManager,
  rows: Array<Pick<AvailabilitySlot, 'interviewer' | 'startsAt' | 'durationMinutes' | 'slackTeamId' | 'slackEnterpriseId'>>,
): Promise<Map<string, AvailabilitySlot>> {
  const open = await manager.findBy(AvailabilitySlot, {
    interviewer: In([...new Set(rows.map((row) => row.interviewer))]),
    startsAt: In([...new Set(rows.map((row) => row.startsAt.getTime()))].map((time) => new Date(time))),
    bookedInterviewId: IsNull(),
  });
  return new Map(open.map((slot) => [offerKey(slot), slot]));
}
