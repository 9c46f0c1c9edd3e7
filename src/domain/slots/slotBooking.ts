import type { EntityManager } from 'typeorm';
import { AvailabilitySlot } from './AvailabilitySlot';
import type { ExpireOffersLeftWithoutSlots } from '../shared/domainContext';
import { InputValidationError, type FieldProblem } from '../shared/errors';
import { isWithinScope } from '../workspaces/slackWorkspace';
import { type WorkspaceScope } from '../shared/slackWorkspaces';

const SLOT_TAKEN_MESSAGE = 'That slot was just booked by someone else. Pick another slot.';
const UNKNOWN_SLOT_MESSAGE = 'No availability slot with that id.';

/** The slot, if it is one `scope` reaches: a slot of another Slack workspace is, to its people, no slot at all. */
export async function findSlot(manager: EntityManager, slotId: string, scope: WorkspaceScope): Promise<AvailabilitySlot | null> {
  const slot = await manager.findOneBy(AvailabilitySlot, { id: slotId });
  return slot && isWithinScope(slot, scope) ? slot : null;
}

/** Why `slot` cannot be booked by `interviewId` (which may already hold it), or null when it can. */
export function checkSlotIsFree(slot: AvailabilitySlot | null, interviewId?: string): FieldProblem | null {
  if (!slot) return { field: 'slotId', message: UNKNOWN_SLOT_MESSAGE };
  if (slot.bookedInterviewId && slot.bookedInterviewId !== interviewId) return { field: 'slotId', message: SLOT_TAKEN_MESSAGE };
  return null;
}

/**
 * Claims the slot for the interview only if nobody has: the WHERE clause (and the unique column)
 * make two bookings of one slot impossible, whichever of two racing transactions gets there first.
 * The slot then drops out of every booking link that offered it, and a link left with nothing to
 * pick expires at once (`expireOffers`, booking links' own rule, from the context).
 */
export async function bookSlot(
  manager: EntityManager,
  booking: { slotId: string; interviewId: string; now: Date },
  expireOffers: ExpireOffersLeftWithoutSlots | undefined,
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(AvailabilitySlot)
    .set({ bookedInterviewId: booking.interviewId })
    .where('id = :slotId AND "bookedInterviewId" IS NULL', { slotId: booking.slotId })
    .execute();
  if (result.affected !== 1) {
    throw slotTakenError();
  }
  await expireOffers?.(manager, booking.slotId, booking.now);
}

/** Frees the slot an interview had booked, so someone else can book it. */
export async function releaseSlot(manager: EntityManager, interview: { id: string; slotId: string | null }): Promise<void> {
  if (!interview.slotId) return;
  await manager.update(AvailabilitySlot, { id: interview.slotId, bookedInterviewId: interview.id }, { bookedInterviewId: null });
}

export function slotTakenError(): InputValidationError {
  return InputValidationError.forField('slotId', SLOT_TAKEN_MESSAGE);
}

/** True for the refusal `bookSlot` and `checkSlotIsFree` give when someone else holds the slot. */
export function isSlotTakenError(error: unknown): boolean {
  return (
    error instanceof InputValidationError &&
    error.problems.some((problem) => problem.field === 'slotId' && problem.message === SLOT_TAKEN_MESSAGE)
  );
}
