import type { ModalView, View } from '@slack/types';
import type { Interview } from '../../domain/interviews/Interview';
import type { FieldProblem } from '../../domain/shared/errors';
import { escapeMrkdwn } from '../messages/mrkdwn';
import { interviewFormView, interviewIdOfForm } from './modalOptions';

export const SET_MEETING_URL_CALLBACK_ID = 'set_meeting_url';
/** The modal's submit button, as notes in the modal name it. */
export const SET_MEETING_URL_SUBMIT_LABEL = 'Save';
/** The one input: its block and action id. */
export const MEETING_URL_BLOCK = 'meeting_url';

/** A modal asking for the call link, pre-filled with the current one. */
export function buildSetMeetingUrlModal(interview: Pick<Interview, 'id' | 'candidateName' | 'meetingUrl'>): ModalView {
  return interviewFormView({
    callbackId: SET_MEETING_URL_CALLBACK_ID,
    title: 'Set call link',
    submitLabel: SET_MEETING_URL_SUBMIT_LABEL,
    interviewId: interview.id,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `The video call for the interview with *${escapeMrkdwn(interview.candidateName)}*. The candidate keeps their link: their interview page leads to this call when it opens.`,
        },
      },
      {
        type: 'input',
        block_id: MEETING_URL_BLOCK,
        label: { type: 'plain_text', text: 'Call link' },
        element: {
          type: 'url_text_input',
          action_id: MEETING_URL_BLOCK,
          ...(interview.meetingUrl ? { initial_value: interview.meetingUrl } : {}),
          placeholder: { type: 'plain_text', text: 'https://zoom.us/j/…' },
        },
      },
    ],
  });
}

type StateValues = Record<string, Record<string, { value?: string | null }>>;

/** The interview and the link typed, as submitted. */
export function readSetMeetingUrlSubmission(view: Pick<View, 'private_metadata'> & { state?: { values: unknown } }): {
  interviewId: string | undefined;
  meetingUrl: string | undefined;
} {
  const values = (view.state?.values ?? {}) as StateValues;
  const interviewId = interviewIdOfForm(view);
  return { interviewId, meetingUrl: values[MEETING_URL_BLOCK]?.[MEETING_URL_BLOCK]?.value ?? undefined };
}

/** Every problem goes beside the one input. */
export function setMeetingUrlErrorsFor(problems: FieldProblem[]): Record<string, string> {
  return problems.length > 0 ? { [MEETING_URL_BLOCK]: problems[0].message } : {};
}
