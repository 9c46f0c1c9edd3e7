import type { DeliveryPayload } from '../../db/entities/DeliveryJob';
import type { Interview } from '../../db/entities/Interview';
import { escapeMrkdwn } from './mrkdwn';

/** A reply in the interview message's thread, saying what just happened. */
export function presentThreadReply(payload: DeliveryPayload | null, interview: Interview): string {
  const to = escapeMrkdwn(interview.candidateEmail);
  const reason = typeof payload?.reason === 'string' ? escapeMrkdwn(payload.reason) : 'unknown error';
  switch (payload?.event) {
    case 'candidate_invitation_delivered':
      return `:white_check_mark: Invitation emailed to ${to}.`;
    case 'candidate_invitation_failed':
      return `:x: The invitation to ${to} could not be sent: ${reason}`;
    case 'candidate_update_delivered':
      return `:white_check_mark: Update emailed to ${to}.`;
    case 'candidate_update_failed':
      return `:x: The update to ${to} could not be sent: ${reason}`;
    case 'candidate_cancellation_delivered':
      return `:white_check_mark: Cancellation emailed to ${to}.`;
    case 'candidate_cancellation_failed':
      return `:x: The cancellation to ${to} could not be sent: ${reason}`;
    default:
      return typeof payload?.text === 'string' ? payload.text : 'The interview was updated.';
  }
}
