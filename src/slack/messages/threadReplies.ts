import type { Interview } from '../../domain/interviews/Interview';
import type { CandidateEmailReason, InterviewThreadEvent } from '../../domain/deliveries/deliveryPayloads';
import { escapeMrkdwn, mentionActor, slackDate } from './mrkdwn';

const EMAIL_NAMES: Record<CandidateEmailReason, { delivered: string; failed: string }> = {
  invitation: { delivered: 'Invitation', failed: 'The invitation' },
  update: { delivered: 'Update', failed: 'The update' },
  cancellation: { delivered: 'Cancellation', failed: 'The cancellation' },
};

/** A reply in the interview message's thread, saying what just happened. */
export function presentThreadReply(event: InterviewThreadEvent, interview: Interview): string {
  const to = escapeMrkdwn(interview.candidateEmail);
  switch (event.event) {
    case 'email_delivered':
      return `:white_check_mark: ${EMAIL_NAMES[event.email].delivered} emailed to ${to}.`;
    case 'email_failed':
      return `:x: ${EMAIL_NAMES[event.email].failed} to ${to} could not be sent: ${escapeMrkdwn(event.reason)}`;
    case 'rescheduled': {
      const when = slackDate(new Date(event.to), '{date_long_pretty} at {time}', event.to);
      return `:arrows_counterclockwise: Rescheduled by ${mentionActor(event.by)} to ${when}.`;
    }
    case 'cancelled':
      return `:no_entry_sign: Cancelled by ${mentionActor(event.by)}.`;
    case 'link_rotated':
      return `:key: Join link replaced by ${mentionActor(event.by)}; the old link no longer works.`;
    case 'details_edited': {
      const fields = event.fields.map((field) => `\`${field}\``).join(', ');
      const formerAddress = event.formerCandidateEmail
        ? ` The invitation went to ${to} and a cancellation to ${escapeMrkdwn(event.formerCandidateEmail)}; the join link was replaced.`
        : '';
      return `:pencil2: ${fields} edited by ${mentionActor(event.by)}.${formerAddress}`;
    }
    case 'invitation_resent':
      return `:envelope: Invitation resent by ${mentionActor(event.by)}.`;
    case 'candidate_opened_page':
      return event.afterNoShowAlert
        ? ':eyes: The candidate opened their interview page after the no-show alert: they are here, late.'
        : ':eyes: The candidate opened their interview page.';
  }
}
