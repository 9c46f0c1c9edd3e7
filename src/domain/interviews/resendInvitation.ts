import { MoreThanOrEqual } from 'typeorm';
import { InterviewEvent, InterviewEventType } from './InterviewEvent';
import { planDeliveriesForChange } from './interviewDeliveries';
import { type DomainContext } from '../shared/domainContext';
import { recordedActor } from '../shared/actor';
import { RepeatedTooSoonError } from '../shared/errors';
import { changeInterview, type InterviewChangeKind, type InterviewChangeRequest, type InterviewChangeResult } from './interviewChanges';

/** A second resend of one interview this soon after the first is a double click, not a wish for two emails. */
export const RESEND_QUIET_PERIOD_SECONDS = 60;

export type ResendInvitationProps = InterviewChangeRequest;

/** Resending the invitation, as its request key records it and as it is refused once the interview is cancelled. */
const RESEND_INVITATION: InterviewChangeKind = {
  action: 'resend_invitation',
  refusalWhenCancelled: 'This interview was cancelled; there is no invitation to send.',
};

/**
 * Sends the candidate their invitation again, e.g. after it failed or they lost it. Same link.
 * A retried request sends nothing more, and another resend within a minute is refused with a
 * sentence saying when the last one went, so a double click never makes a second email.
 */
export function resendInvitation(context: DomainContext, props: ResendInvitationProps): Promise<InterviewChangeResult> {
  return changeInterview(context, props, RESEND_INVITATION, async (manager, interview, now) => {
    const quietSince = new Date(now.getTime() - RESEND_QUIET_PERIOD_SECONDS * 1000);
    const recent = await manager.findOne(InterviewEvent, {
      where: { interviewId: interview.id, type: InterviewEventType.InvitationResent, createdAt: MoreThanOrEqual(quietSince) },
      order: { createdAt: 'DESC' },
    });
    if (recent) {
      const waitSeconds = Math.max(1, Math.ceil((recent.createdAt.getTime() + RESEND_QUIET_PERIOD_SECONDS * 1000 - now.getTime()) / 1000));
      throw new RepeatedTooSoonError(
        `The invitation was already resent to ${interview.candidateEmail} moments ago; it is on its way. You can send it again in ${waitSeconds} seconds.`,
        waitSeconds,
      );
    }
    return {
      event: InterviewEventType.InvitationResent,
      deliveries: planDeliveriesForChange(interview, { event: 'invitation_resent', by: recordedActor(props.actor) }),
      interviewChanged: false,
    };
  });
}
