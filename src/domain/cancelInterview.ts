import type { Interview } from '../db/entities/Interview';
import { InterviewEventType } from '../db/entities/InterviewEvent';
import { planDeliveriesForChange, queueDeliveries } from './deliveryPlan';
import type { Actor, DomainContext } from './domainContext';
import { InputValidationError } from './errors';
import { actorMention, assertMayChangeInterview, loadInterviewForChange, recordInterviewEvent, releaseSlot } from './interviewChanges';
import { InterviewStatus } from './interviewStatus';

export interface CancelInterviewProps {
  interviewId: string;
  actor: Actor;
}

/**
 * Cancels an interview: the candidate is told (with a METHOD:CANCEL calendar update), the join
 * page says so, the slot is freed and the interviewers hear about it.
 */
export async function cancelInterview(context: DomainContext, props: CancelInterviewProps): Promise<Interview> {
  const interview = await context.database.transaction(async (manager) => {
    const now = context.now();
    const interview = await loadInterviewForChange(manager, context.database, props.interviewId);
    assertMayChangeInterview(interview, props.actor);
    if (interview.status === InterviewStatus.Cancelled) {
      throw InputValidationError.forField('status', 'This interview is already cancelled.');
    }
    await releaseSlot(manager, interview);
    interview.slotId = null;
    interview.status = InterviewStatus.Cancelled;
    interview.cancelledAt = now;
    interview.calendarSequence += 1;
    interview.updatedAt = now;
    await manager.save(interview);
    await recordInterviewEvent(manager, interview.id, InterviewEventType.Cancelled, props.actor, now);
    await queueDeliveries(
      manager,
      interview.id,
      planDeliveriesForChange(interview, 'cancelled', `:no_entry_sign: Cancelled by ${actorMention(props.actor)}.`),
      now,
    );
    return interview;
  });
  context.onDeliveriesQueued();
  return interview;
}
