import type { ActionsBlock, Button } from '@slack/types';
import type { Interview } from '../../domain/interviews/Interview';
import { InterviewStatus } from '../../domain/interviews/interviewStatus';

/** The buttons on an interview, wherever it is shown. Each value is the interview's id. */
export const InterviewAction = {
  reschedule: 'reschedule_interview',
  cancel: 'cancel_interview',
  resendInvitation: 'resend_invitation',
  rotateLink: 'rotate_join_link',
  setMeetingUrl: 'set_meeting_url',
} as const;

/** Buttons for a scheduled interview; a cancelled one has none. */
export function interviewActionsBlock(interview: Pick<Interview, 'id' | 'status'>): ActionsBlock | null {
  if (interview.status !== InterviewStatus.Scheduled) return null;
  return {
    type: 'actions',
    block_id: `interview_actions:${interview.id}`,
    elements: [
      button(InterviewAction.reschedule, interview.id, 'Reschedule'),
      button(InterviewAction.resendInvitation, interview.id, 'Resend invite'),
      button(InterviewAction.rotateLink, interview.id, 'Rotate link', {
        title: 'Replace the join link?',
        text: 'The current link stops working at once and the candidate is emailed a new one.',
        confirm: 'Replace link',
      }),
      button(InterviewAction.setMeetingUrl, interview.id, 'Set call link'),
      button(
        InterviewAction.cancel,
        interview.id,
        'Cancel',
        {
          title: 'Cancel this interview?',
          text: 'The candidate is emailed a cancellation and their calendar entry is removed.',
          confirm: 'Cancel interview',
        },
        'danger',
      ),
    ],
  };
}

/** A question asked before a button acts, with "Keep it" as the way out. */
interface Confirmation {
  title: string;
  text: string;
  confirm: string;
}

function button(actionId: string, interviewId: string, label: string, confirmation?: Confirmation, style?: 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    value: interviewId,
    text: { type: 'plain_text', text: label },
    ...(style ? { style } : {}),
    ...(confirmation
      ? {
          confirm: {
            title: { type: 'plain_text', text: confirmation.title },
            text: { type: 'mrkdwn', text: confirmation.text },
            confirm: { type: 'plain_text', text: confirmation.confirm },
            deny: { type: 'plain_text', text: 'Keep it' },
            ...(style ? { style } : {}),
          },
        }
      : {}),
  };
}
