import { v4 as uuidv4 } from 'uuid';
import { In, IsNull, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { AvailabilitySlot } from './AvailabilitySlot';
import type { DomainContext } from '../shared/domainContext';
import type { Actor } from '../shared/actor';
import { InputValidationError, type FieldProblem } from '../shared/errors';
import { parseEachField } from '../shared/fieldParsing';
import { durationMinutesSchema } from '../shared/interviewDuration';
import { interviewerIdentitySchema, isSlackUserId } from '../shared/participants';
import { checkScheduledTimeIsBookable } from '../shared/scheduledTime';
import { namedWorkspace, resolveWorkspace, slackWorkspaceFields, whereWithinScope, workspaceColumns } from '../workspaces/slackWorkspace';
import { type SlackWorkspaceRef, type WorkspaceScope } from '../shared/slackWorkspaces';
import { ENDS_WITH_OFFSET, readTimeInZone } from '../shared/timeInput';
import { insertRows } from '../../db/insertRows';
import { anyOpenSlot, type SlotProbeScope } from '../../db/openSlotProbe';

export const MAX_SLOTS_PER_REQUEST = 50;

const OFFSET_TIME_MESSAGE = 'Use an ISO 8601 date and time with an offset, like 2030-01-31T15:00:00Z.';

const slotFields = {
  startsAt: z.union([z.string().max(64), z.date()], { message: OFFSET_TIME_MESSAGE }),
  durationMinutes: durationMinutesSchema,
  interviewer: interviewerIdentitySchema('Interviewer must be a Slack user id (like U0123ABCD) or an email address.'),
  ...slackWorkspaceFields,
};

/** An offered window, checked; what `addAvailabilitySlots` takes. */
export interface AvailabilitySlotRequest {
  startsAt: Date;
  durationMinutes: number;
  interviewer: string;
  /** The Slack workspace whose people are offered it, as the API names it; from Slack, the request's own. */
  slackWorkspace?: SlackWorkspaceRef;
}

/**
 * Checks untrusted slot input against every rule at once, R1's time limits included, naming each
 * bad field (`slots.2.startsAt`).
 */
export function parseAvailabilitySlotRequests(raw: unknown, now: Date): AvailabilitySlotRequest[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0 || list.length > MAX_SLOTS_PER_REQUEST) {
    throw InputValidationError.forField('slots', `Send between 1 and ${MAX_SLOTS_PER_REQUEST} slots.`);
  }
  const problems: FieldProblem[] = [];
  const requests: AvailabilitySlotRequest[] = [];
  list.forEach((item, index) => {
    const prefix = Array.isArray(raw) ? `slots.${index}.` : '';
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ field: prefix ? prefix.slice(0, -1) : 'body', message: 'Send a slot as {startsAt, durationMinutes, interviewer}.' });
      return;
    }
    const { values, problems: fieldProblems } = parseEachField(slotFields, item as Record<string, unknown>, prefix);
    problems.push(...fieldProblems);
    const startsAt = values.startsAt === undefined ? undefined : readSlotStart(values.startsAt);
    if (values.startsAt !== undefined && !startsAt) {
      problems.push({ field: `${prefix}startsAt`, message: OFFSET_TIME_MESSAGE });
    }
    const timeProblem = startsAt ? checkScheduledTimeIsBookable(startsAt, now, `${prefix}startsAt`) : null;
    if (timeProblem) problems.push(timeProblem);
    const slackWorkspace = namedWorkspace(values, problems, prefix);
    if (startsAt && values.durationMinutes !== undefined && values.interviewer !== undefined) {
      requests.push({ startsAt, durationMinutes: values.durationMinutes, interviewer: values.interviewer, slackWorkspace });
    }
  });
  if (problems.length > 0) {
    throw new InputValidationError(problems);
  }
  return requests;
}

export interface AddAvailabilitySlotsProps {
  slots: AvailabilitySlotRequest[];
  actor: Actor;
}

/**
 * Stores offered windows; each must be bookable (not past, within a year), and belongs to a Slack
 * workspace: the Slack user's, or the one the API names (needed, with many workspaces, for a Slack interviewer).
 */
export async function addAvailabilitySlots(context: DomainContext, props: AddAvailabilitySlotsProps): Promise<AvailabilitySlot[]> {
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
    return rows.map((row) => alreadyOffered.get(offerKey(row)) ?? fresh.get(offerKey(row))!);
  });
}

/** What makes two offers the same: one interviewer, one start, one length, in one workspace. */
function offerKey(
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
      .orderBy('slot.startsAt', 'ASC')
      .take(options.limit);
    if (!options.includeBooked) query.andWhere('slot.bookedInterviewId IS NULL');
    if (options.slackTeamId) query.andWhere('slot.slackTeamId = :slackTeamId', { slackTeamId: options.slackTeamId });
    return query.getMany();
  });
}

/** A slot's start must say its offset: a slot is offered to people in many zones. */
function readSlotStart(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const reading = readTimeInZone(value, 'UTC');
  return ENDS_WITH_OFFSET.test(value.trim()) && 'instant' in reading ? reading.instant : null;
}
