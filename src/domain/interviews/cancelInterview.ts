import type { EntityManager } from 'typeorm';
import type { Interview } from './Interview';
import { InterviewEventType } from './InterviewEvent';
import { planDeliveriesForChange } from './interviewDeliveries';
import { planInterviewWebhook } from './interviewWebhooks';
import { interviewerCopiesOf, type DomainContext } from '../shared/domainContext';
import { recordedActor } from '../shared/actor';
import { changeInterview, type InterviewChangeKind, type InterviewChangeRequest, type InterviewChangeResult } from './interviewChanges';
import { InterviewStatus } from './interviewStatus';
import { dropPendingTimedDeliveries } from './reminderPlan';
import { releaseSlot } from '../slots/slotBooking';

export type CancelInterviewProps = InterviewChangeRequest;

/**
 * What cancelling does to one interview, alone or as a loop's session: its slot freed, its
 * reminders dropped, its calendar invite's SEQUENCE raised, and its video meeting deleted.
 */
export async function markInterviewCancelled(
  context: DomainContext,
  manager: EntityManager,
  interview: Interview,
  now: Date,
): Promise<void> {
  await releaseSlot(manager, interview);
  await dropPendingTimedDeliveries(manager, interview.id);
  interview.slotId = null;
  interview.status = InterviewStatus.Cancelled;
  interview.cancelledAt = now;
  interview.calendarSequence += 1;
  await context.followInterviewWithMeeting?.(manager, interview, 'cancelled', now);
}

/** Cancelling, as its request key records it and as it is refused a second time. */
const CANCEL: InterviewChangeKind = { action: 'cancel_interview', refusalWhenCancelled: 'This interview is already cancelled.' };

/**
 * Cancels an interview: the candidate is told (with a METHOD:CANCEL calendar update), the join
 * page says so, the slot is freed, the interviewers hear about it, and no reminder goes out.
 */
export function cancelInterview(context: DomainContext, props: CancelInterviewProps): Promise<InterviewChangeResult> {
  return changeInterview(context, props, CANCEL, async (manager, interview, now) => {
    await markInterviewCancelled(context, manager, interview, now);
    return {
      event: InterviewEventType.Cancelled,
      deliveries: [
        ...planDeliveriesForChange(interview, { event: 'cancelled', by: recordedActor(props.actor) }, interviewerCopiesOf(context)),
        planInterviewWebhook('interview.cancelled', interview, now),
      ],
      interviewChanged: true,
    };
  });
}
