import { InterviewEventType } from './InterviewEvent';
import { planDeliveriesForChange } from './interviewDeliveries';
import { planInterviewWebhook } from './interviewWebhooks';
import { type DomainContext } from '../shared/domainContext';
import { recordedActor } from '../shared/actor';
import { changeInterview, type InterviewChangeKind, type InterviewChangeRequest, type InterviewChangeResult } from './interviewChanges';
import { InterviewStatus } from './interviewStatus';
import { dropPendingTimedDeliveries } from './reminderPlan';
import { releaseSlot } from '../slots/slotBooking';

export type CancelInterviewProps = InterviewChangeRequest;

/** Cancelling, as its request key records it and as it is refused a second time. */
const CANCEL: InterviewChangeKind = { action: 'cancel_interview', refusalWhenCancelled: 'This interview is already cancelled.' };

/**
 * Cancels an interview: the candidate is told (with a METHOD:CANCEL calendar update), the join
 * page says so, the slot is freed, the interviewers hear about it, and no reminder goes out.
 */
export function cancelInterview(context: DomainContext, props: CancelInterviewProps): Promise<InterviewChangeResult> {
  return changeInterview(context, props, CANCEL, async (manager, interview, now) => {
    await releaseSlot(manager, interview);
    await dropPendingTimedDeliveries(manager, interview.id);
    interview.slotId = null;
    interview.status = InterviewStatus.Cancelled;
    interview.cancelledAt = now;
    interview.calendarSequence += 1;
    return {
      event: InterviewEventType.Cancelled,
      deliveries: [
        ...planDeliveriesForChange(interview, { event: 'cancelled', by: recordedActor(props.actor) }),
        planInterviewWebhook('interview.cancelled', interview, now),
      ],
      interviewChanged: true,
    };
  });
}
