import { IsNull } from 'typeorm';
import { AvailabilitySlot } from '../db/entities/AvailabilitySlot';
import type { Interview } from '../db/entities/Interview';
import { InterviewEventType } from '../db/entities/InterviewEvent';
import { planDeliveriesForChange, queueDeliveries } from './deliveryPlan';
import type { Actor, DomainContext } from './domainContext';
import { InputValidationError } from './errors';
import { actorMention, assertMayChangeInterview, loadInterviewForChange, recordInterviewEvent, releaseSlot } from './interviewChanges';
import { InterviewStatus } from './interviewStatus';
import { checkScheduledTimeIsBookable, checkTimeMatchesSlot } from './scheduledTime';

export interface RescheduleInterviewProps {
  interviewId: string;
  /** The new start; required unless a slot is chosen. */
  scheduledTime?: Date;
  /** A new availability slot to move into; the old slot, if any, is freed. */
  slotId?: string;
  /** A new length; unchanged when absent. */
  durationMinutes?: number;
  actor: Actor;
}

/**
 * Moves an interview to a new time under the same rules as scheduling. The link stays the same;
 * the candidate gets an update with the calendar invite's SEQUENCE raised, so their calendar moves
 * the event instead of adding a second one.
 */
export async function rescheduleInterview(context: DomainContext, props: RescheduleInterviewProps): Promise<Interview> {
  if (!props.scheduledTime && !props.slotId) {
    throw InputValidationError.forField('scheduledTime', 'Pick a new date and time, or an open slot.');
  }
  const interview = await context.database.transaction(async (manager) => {
    const now = context.now();
    const interview = await loadInterviewForChange(manager, context.database, props.interviewId);
    assertMayChangeInterview(interview, props.actor);
    if (interview.status !== InterviewStatus.Scheduled) {
      throw InputValidationError.forField('status', 'This interview was cancelled; schedule a new one instead.');
    }
    const slot = props.slotId ? await manager.findOneBy(AvailabilitySlot, { id: props.slotId }) : null;
    if (props.slotId && (!slot || (slot.bookedInterviewId && slot.bookedInterviewId !== interview.id))) {
      throw InputValidationError.forField('slotId', slot ? 'That slot was just booked by someone else. Pick another slot.' : 'No availability slot with that id.');
    }
    if (props.scheduledTime && slot) {
      const mismatch = checkTimeMatchesSlot(props.scheduledTime, slot.startsAt);
      if (mismatch) throw new InputValidationError([mismatch]);
    }
    const newTime = props.scheduledTime ?? slot!.startsAt;
    const problem = checkScheduledTimeIsBookable(newTime, now, props.scheduledTime ? 'scheduledTime' : 'slotId');
    if (problem) throw new InputValidationError([problem]);

    const previousTime = interview.scheduledTime;
    if (slot && slot.id !== interview.slotId) {
      await releaseSlot(manager, interview);
      const booked = await manager.update(AvailabilitySlot, { id: slot.id, bookedInterviewId: IsNull() }, { bookedInterviewId: interview.id });
      if (booked.affected !== 1) throw InputValidationError.forField('slotId', 'That slot was just booked by someone else. Pick another slot.');
      interview.slotId = slot.id;
    } else if (!slot && interview.slotId) {
      await releaseSlot(manager, interview);
      interview.slotId = null;
    }
    interview.scheduledTime = newTime;
    interview.durationMinutes = props.durationMinutes ?? slot?.durationMinutes ?? interview.durationMinutes;
    interview.calendarSequence += 1;
    interview.updatedAt = now;
    await manager.save(interview);
    await recordInterviewEvent(manager, interview.id, InterviewEventType.Rescheduled, props.actor, now, {
      from: previousTime.toISOString(),
      to: newTime.toISOString(),
    });
    const when = `<!date^${Math.floor(newTime.getTime() / 1000)}^{date_long_pretty} at {time}|${newTime.toISOString()}>`;
    await queueDeliveries(
      manager,
      interview.id,
      planDeliveriesForChange(interview, 'rescheduled', `:arrows_counterclockwise: Rescheduled by ${actorMention(props.actor)} to ${when}.`),
      now,
    );
    return interview;
  });
  context.onDeliveriesQueued();
  return interview;
}
