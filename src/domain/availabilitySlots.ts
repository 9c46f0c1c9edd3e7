import { v4 as uuidv4 } from 'uuid';
import { z } from 'zod';
import { AvailabilitySlot } from '../db/entities/AvailabilitySlot';
import type { Actor, DomainContext } from './domainContext';
import { InputValidationError, type FieldProblem } from './errors';
import { emailAddressSchema, toFieldProblems } from './interviewInput';
import { checkScheduledTimeIsBookable } from './scheduledTime';
import { insertRows } from '../db/insertRows';

export const MAX_SLOTS_PER_REQUEST = 50;

const slotSchema = z.object({
  startsAt: z.union([z.string().max(64), z.date()], { message: 'Use an ISO 8601 date and time with an offset, like 2030-01-31T15:00:00Z.' }),
  durationMinutes: z.coerce
    .number({ message: 'Duration must be a number of minutes.' })
    .int({ message: 'Duration must be a whole number of minutes.' })
    .min(5, { message: 'Duration must be at least 5 minutes.' })
    .max(480, { message: 'Duration must be at most 480 minutes.' }),
  interviewer: z
    .string({ message: 'Interviewer must be a Slack user id or an email address.' })
    .trim()
    .refine((value) => /^[UW][A-Z0-9]{2,30}$/.test(value) || emailAddressSchema.safeParse(value).success, {
      message: 'Interviewer must be a Slack user id (like U0123ABCD) or an email address.',
    }),
});

/** An offered window, checked; what `addAvailabilitySlots` takes. */
export interface AvailabilitySlotRequest {
  startsAt: Date;
  durationMinutes: number;
  interviewer: string;
}

/** Checks untrusted slot input, naming every bad field (`slots.2.startsAt`). */
export function parseAvailabilitySlotRequests(raw: unknown): AvailabilitySlotRequest[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0 || list.length > MAX_SLOTS_PER_REQUEST) {
    throw InputValidationError.forField('slots', `Send between 1 and ${MAX_SLOTS_PER_REQUEST} slots.`);
  }
  const problems: FieldProblem[] = [];
  const requests: AvailabilitySlotRequest[] = [];
  list.forEach((item, index) => {
    const prefix = Array.isArray(raw) ? `slots.${index}.` : '';
    const parsed = slotSchema.safeParse(item);
    if (!parsed.success) {
      problems.push(...toFieldProblems(parsed.error).map((problem) => ({ ...problem, field: prefix + problem.field })));
      return;
    }
    const startsAt = parsed.data.startsAt instanceof Date ? parsed.data.startsAt : parseOffsetInstant(parsed.data.startsAt);
    if (!startsAt) {
      problems.push({ field: `${prefix}startsAt`, message: 'Use an ISO 8601 date and time with an offset, like 2030-01-31T15:00:00Z.' });
      return;
    }
    requests.push({ startsAt, durationMinutes: parsed.data.durationMinutes, interviewer: parsed.data.interviewer });
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

/** Stores offered windows; each must be bookable (not past, within a year). */
export async function addAvailabilitySlots(context: DomainContext, props: AddAvailabilitySlotsProps): Promise<AvailabilitySlot[]> {
  const now = context.now();
  const problems = props.slots
    .map((slot, index) => checkScheduledTimeIsBookable(slot.startsAt, now, props.slots.length > 1 ? `slots.${index}.startsAt` : 'startsAt'))
    .filter((problem): problem is FieldProblem => problem !== null);
  if (problems.length > 0) {
    throw new InputValidationError(problems);
  }
  const rows = props.slots.map((slot) => ({
    id: uuidv4(),
    startsAt: slot.startsAt,
    durationMinutes: slot.durationMinutes,
    interviewer: slot.interviewer,
    createdBySlackUserId: props.actor.kind === 'slack' ? props.actor.userId : null,
    bookedInterviewId: null,
    createdAt: now,
  }));
  await context.database.transaction((manager) => insertRows(manager, AvailabilitySlot, rows));
  return rows.map((row) => Object.assign(new AvailabilitySlot(), row));
}

/** Slots nobody has booked that start in the future, soonest first. */
export function listOpenSlots(context: DomainContext, limit = 100): Promise<AvailabilitySlot[]> {
  return context.database.read((manager) =>
    manager
      .createQueryBuilder(AvailabilitySlot, 'slot')
      .where('slot.bookedInterviewId IS NULL')
      .andWhere('slot.startsAt > :now', { now: context.now() })
      .orderBy('slot.startsAt', 'ASC')
      .take(limit)
      .getMany(),
  );
}

/** Every slot, booked or not, soonest first, for the API. */
export function listSlots(context: DomainContext, options: { includeBooked: boolean; limit: number }): Promise<AvailabilitySlot[]> {
  return context.database.read((manager) => {
    const query = manager
      .createQueryBuilder(AvailabilitySlot, 'slot')
      .where('slot.startsAt > :now', { now: context.now() })
      .orderBy('slot.startsAt', 'ASC')
      .take(options.limit);
    if (!options.includeBooked) query.andWhere('slot.bookedInterviewId IS NULL');
    return query.getMany();
  });
}

function parseOffsetInstant(value: string): Date | null {
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim());
  const instant = new Date(value);
  return hasOffset && !Number.isNaN(instant.getTime()) ? instant : null;
}
