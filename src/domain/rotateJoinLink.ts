import type { Interview } from '../db/entities/Interview';
import { InterviewEventType } from '../db/entities/InterviewEvent';
import { planDeliveriesForChange, queueDeliveries } from './deliveryPlan';
import type { Actor, DomainContext } from './domainContext';
import { InputValidationError } from './errors';
import { actorMention, assertMayChangeInterview, loadInterviewForChange, recordInterviewEvent } from './interviewChanges';
import { InterviewStatus } from './interviewStatus';
import { buildJoinLink, generateSessionKey } from './joinLink';

export interface RotateJoinLinkProps {
  interviewId: string;
  actor: Actor;
}

/**
 * Replaces the session key, e.g. when a link was forwarded to the wrong person. The old link
 * stops working at once (404) and the candidate is sent the new one.
 */
export async function rotateJoinLink(context: DomainContext, props: RotateJoinLinkProps): Promise<Interview> {
  const interview = await context.database.transaction(async (manager) => {
    const now = context.now();
    const interview = await loadInterviewForChange(manager, context.database, props.interviewId);
    assertMayChangeInterview(interview, props.actor);
    if (interview.status !== InterviewStatus.Scheduled) {
      throw InputValidationError.forField('status', 'This interview was cancelled; its link no longer opens anything useful.');
    }
    interview.sessionKey = generateSessionKey();
    interview.joinLink = buildJoinLink(context.publicBaseUrl, interview.sessionKey);
    interview.calendarSequence += 1;
    interview.updatedAt = now;
    await manager.save(interview);
    await recordInterviewEvent(manager, interview.id, InterviewEventType.LinkRotated, props.actor, now);
    await queueDeliveries(
      manager,
      interview.id,
      planDeliveriesForChange(interview, 'link_rotated', `:key: Join link replaced by ${actorMention(props.actor)}; the old link no longer works.`),
      now,
    );
    return interview;
  });
  context.onDeliveriesQueued();
  return interview;
}
