import { InterviewEventType } from './InterviewEvent';
import { planDeliveriesForChange } from './interviewDeliveries';
import { interviewerCopiesOf, type DomainContext } from '../shared/domainContext';
import { recordedActor } from '../shared/actor';
import { changeInterview, type InterviewChangeKind, type InterviewChangeRequest, type InterviewChangeResult } from './interviewChanges';
import { buildJoinLink, generateSessionKey } from './joinLink';

export type RotateJoinLinkProps = InterviewChangeRequest;

/** Rotating the link, as its request key records it and as it is refused once the interview is cancelled. */
const ROTATE_JOIN_LINK: InterviewChangeKind = {
  action: 'rotate_join_link',
  refusalWhenCancelled: 'This interview was cancelled; its link no longer opens anything useful.',
};

/**
 * Replaces the session key, e.g. when a link was forwarded to the wrong person. The old link
 * stops working at once (404) and the candidate is sent the new one.
 */
export function rotateJoinLink(context: DomainContext, props: RotateJoinLinkProps): Promise<InterviewChangeResult> {
  return changeInterview(context, props, ROTATE_JOIN_LINK, (_manager, interview) => {
    interview.sessionKey = generateSessionKey();
    interview.joinLink = buildJoinLink(context.publicBaseUrl, interview.sessionKey);
    interview.calendarSequence += 1;
    return {
      event: InterviewEventType.LinkRotated,
      deliveries: planDeliveriesForChange(
        interview,
        { event: 'link_rotated', by: recordedActor(props.actor) },
        interviewerCopiesOf(context),
      ),
      interviewChanged: true,
    };
  });
}
