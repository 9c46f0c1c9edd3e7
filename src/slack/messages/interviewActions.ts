import type { ActionsBlock } from '@slack/types';
import type { Interview } from '../../db/entities/Interview';
import { InterviewStatus } from '../../domain/interviewStatus';

/** The buttons on an interview, wherever it is shown. Each value is the interview's id. */
export const InterviewAction = {
  reschedule: 'reschedule_interview',
  cancel: 'cancel_interview',
  resendInvitation: 'resend_invitation',
  rotateLink: 'rotate_join_link',
} as const;

/** Buttons for a scheduled interview; a cancelled one has none. */
export function interviewActionsBlock(interview: Pick<Interview, 'id' | 'status'>): ActionsBlock | null {
  if (interview.status !== InterviewStatus.Scheduled) return null;
  return {
    type: 'actions',
    block_id: `interview_actions:${interview.id}`,
    elements: [
      { type: 'button', action_id: InterviewAction.reschedule, value: interview.id, text: { type: 'plain_text', text: 'Reschedule' } },
      {
        type: 'button',
        action_id: InterviewAction.resendInvitation,
        value: interview.id,
        text: { type: 'plain_text', text: 'Resend invite' },
      },
      {
        type: 'button',
        action_id: InterviewAction.rotateLink,
        value: interview.id,
        text: { type: 'plain_text', text: 'Rotate link' },
        confirm: {
          title: { type: 'plain_text', text: 'Replace the join link?' },
          text: { type: 'mrkdwn', text: 'The current link stops working at once and the candidate is emailed a new one.' },
          confirm: { type: 'plain_text', text: 'Replace link' },
          deny: { type: 'plain_text', text: 'Keep it' },
        },
      },
      {
        type: 'button',
        action_id: InterviewAction.cancel,
        value: interview.id,
        style: 'danger',
        text: { type: 'plain_text', text: 'Cancel' },
        confirm: {
          title: { type: 'plain_text', text: 'Cancel this interview?' },
          text: { type: 'mrkdwn', text: 'The candidate is emailed a cancellation and their calendar entry is removed.' },
          confirm: { type: 'plain_text', text: 'Cancel interview' },
          deny: { type: 'plain_text', text: 'Keep it' },
          style: 'danger',
        },
      },
    ],
  };
}
