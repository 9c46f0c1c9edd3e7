import { IsNull, type EntityManager } from 'typeorm';
import type { DomainContext } from '../shared/domainContext';
import { InputValidationError, SlotBookedError, SlotNotFoundError, type FieldProblem } from '../shared/errors';
import { parseEachField, unknownFieldProblems } from '../shared/fieldParsing';
import { isSlackUserId } from '../shared/participants';
import { checkScheduledTimeIsBookable } from '../shared/scheduledTime';
import { AvailabilitySlot } from './AvailabilitySlot';
import { OFFSET_TIME_MESSAGE, readSlotStart, slotWindowFields } from './availabilitySlotInput';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads a slot to change it, locking its row on PostgreSQL; an id that names none is a SlotNotFoundError. */
async function loadSlotForChange(manager: EntityManager, context: DomainContext, slotId: string): Promise<AvailabilitySlot> {
  const slot = UUID.test(slotId)
    ? await manager.findOne(AvailabilitySlot, {
        where: { id: slotId.toLowerCase() },
        ...(context.database.dialect === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      })
    : null;
  if (!slot) throw new SlotNotFoundError();
  if (slot.bookedInterviewId) throw new SlotBookedError(slot.bookedInterviewId);
  return slot;
}

/**
 * Moves, resizes or hands over an open slot (`PATCH /api/slots/:id`): any of `startsAt` (with its
 * offset), `durationMinutes`, `interviewers` (one), each checked as when it was offered, R1's
 * limits (docs/rules.md) included. A booked slot is refused (SlotBookedError): move its interview
 * instead. A booking link offering it shows the new window.
 */
export async function editSlot(context: DomainContext, props: { slotId: string; input: unknown }): Promise<AvailabilitySlot> {
  const input = props.input;
  if (typeof input !== 'object' || input === null || Array.isArray(input) || Object.keys(input).length === 0) {
    throw InputValidationError.forField('body', 'Send a JSON object with any of: startsAt, durationMinutes, interviewers.');
  }
  const raw = input as Record<string, unknown>;
  const present = Object.keys(slotWindowFields).filter((key) => Object.hasOwn(raw, key));
  const shape = Object.fromEntries(present.map((key) => [key, slotWindowFields[key as keyof typeof slotWindowFields]]));
  const parsed = parseEachField(shape, raw);
  const values = parsed.values as { startsAt?: string | Date; durationMinutes?: number; interviewers?: string[] };
  const problems: FieldProblem[] = parsed.problems;
  problems.push(...unknownFieldProblems(slotWindowFields, raw));
  const startsAt = values.startsAt === undefined ? undefined : readSlotStart(values.startsAt);
  if (values.startsAt !== undefined && !startsAt) problems.push({ field: 'startsAt', message: OFFSET_TIME_MESSAGE });
  return context.database.transaction(async (manager) => {
    const slot = await loadSlotForChange(manager, context, props.slotId);
    const allProblems = [...problems];
    const timeProblem = startsAt ? checkScheduledTimeIsBookable(startsAt, context.now(), 'startsAt') : null;
    if (timeProblem) allProblems.push(timeProblem);
    const interviewer = values.interviewers?.[0];
    if (interviewer && isSlackUserId(interviewer) && !slot.slackTeamId && context.slackWorkspaces?.many) {
      allProblems.push({
        field: 'interviewers',
        message: 'This slot belongs to no Slack workspace, and the app serves several: name its interviewer by email address.',
      });
    }
    if (allProblems.length > 0) throw new InputValidationError(allProblems);
    if (startsAt) slot.startsAt = startsAt;
    if (values.durationMinutes !== undefined) slot.durationMinutes = values.durationMinutes;
    if (interviewer) slot.interviewer = interviewer;
    await manager.save(slot);
    return slot;
  });
}

/**
 * Withdraws an open slot (`DELETE /api/slots/:id`); a booked one is refused (SlotBookedError). A
 * booking link left with nothing to pick expires at once, as when its last slot is booked elsewhere.
 */
export async function deleteSlot(context: DomainContext, slotId: string): Promise<void> {
  await context.database.transaction(async (manager) => {
    const slot = await loadSlotForChange(manager, context, slotId);
    await manager.delete(AvailabilitySlot, { id: slot.id, bookedInterviewId: IsNull() });
    await context.expireOffersLeftWithoutSlots?.(manager, slot.id, context.now());
  });
}
