import type { Interview } from '../../domain/interviews/Interview';
import type { CandidateEmailReason, InterviewThreadEvent } from '../../domain/deliveries/deliveryPayloads';
import { escapeMrkdwn, mentionActor, slackDate } from './mrkdwn';
import { isSlackUserId } from '../../domain/shared/participants';

const EMAIL_NAMES: Record<CandidateEmailReason, { delivered: string; failed: string }> = {
  invitation: { delivered: 'Invitation', failed: 'The invitation' },
  update: { delivered: 'Update', failed: 'The update' },
  cancellation: { delivered: 'Cancellation', failed: 'The cancellation' },
};

const MEETING_ACTION_FAILURES = {
  create: 'The video meeting could not be made',
  move: 'The video meeting could not be moved to the new time',
  delete: 'The video meeting could not be deleted',
} as const;

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
    case 'meeting_failed':
      return `:warning: ${MEETING_ACTION_FAILURES[event.action]}: ${escapeMrkdwn(event.reason)}${event.action === 'create' ? '\nThe candidate’s page says the call is being prepared. Set its link with *Set call link* on the message above, or `PATCH /api/interviews/:id {"meetingUrl"}`.' : ''}`;
    case 'meeting_url_set':
      return `:link: Call link set by ${mentionActor(event.by)}; the candidate’s page leads there.`;
    case 'calendar_refused':
      return `:calendar: The calendar of ${isSlackUserId(event.interviewer) ? `<@${event.interviewer}>` : escapeMrkdwn(event.interviewer)} did not take the interview (${escapeMrkdwn(event.reason)}), so they were emailed the invitation instead.`;
    case 'candidate_opened_page':
      return event.afterNoShowAlert
        ? ':eyes: The candidate opened their interview page after the no-show alert: they are here, late.'
        : ':eyes: The candidate opened their interview page.';
  }
}
