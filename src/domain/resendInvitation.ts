import type { Interview } from '../db/entities/Interview';
import { InterviewEventType } from '../db/entities/InterviewEvent';
import { planDeliveriesForChange, queueDeliveries } from './deliveryPlan';
import type { Actor, DomainContext } from './domainContext';
import { InputValidationError } from './errors';
import { actorMention, assertMayChangeInterview, loadInterviewForChange, recordInterviewEvent } from './interviewChanges';
import { InterviewStatus } from './interviewStatus';

export interface ResendInvitationProps {
  interviewId: string;
  actor: Actor;
}

/** Sends the candidate their invitation again, e.g. after it failed or they lost it. Same link. */
export async function resendInvitation(context: DomainContext, props: ResendInvitationProps): Promise<Interview> {
  const interview = await context.database.transaction(async (manager) => {
    const now = context.now();
    const interview = await loadInterviewForChange(manager, context.database, props.interviewId);
    assertMayChangeInterview(interview, props.actor);
    if (interview.status !== InterviewStatus.Scheduled) {
      throw InputValidationError.forField('status', 'This interview was cancelled; there is no invitation to send.');
    }
    await recordInterviewEvent(manager, interview.id, InterviewEventType.InvitationResent, props.actor, now);
    await queueDeliveries(
      manager,
      interview.id,
      planDeliveriesForChange(interview, 'invitation_resent', `:envelope: Invitation resent by ${actorMention(props.actor)}.`),
      now,
    );
    return interview;
  });
  context.onDeliveriesQueued();
  return interview;
}
