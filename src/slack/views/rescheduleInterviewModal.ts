import type { ModalView, View } from '@slack/types';
import type { AvailabilitySlot } from '../../domain/slots/AvailabilitySlot';
import type { Interview } from '../../domain/interviews/Interview';
import type { FieldProblem } from '../../domain/shared/errors';
import { escapeMrkdwn } from '../messages/mrkdwn';
import {
  dateTimeInputBlock,
  DURATION_CHOICES_MINUTES,
  durationOption,
  interviewFormView,
  interviewIdOfForm,
  slotOption,
  slotSelectBlock,
} from './modalOptions';

export const RESCHEDULE_INTERVIEW_CALLBACK_ID = 'reschedule_interview';
/** The modal's submit button, as notes in the modal name it ("press Reschedule again"). */
export const RESCHEDULE_INTERVIEW_SUBMIT_LABEL = 'Reschedule';

export const RescheduleBlock = {
  scheduledTime: 'new_time',
  slotId: 'new_slot',
  durationMinutes: 'new_duration',
} as const;

/** A modal pre-filled with the interview's current time and length. */
export function buildRescheduleInterviewModal(interview: Interview, openSlots: AvailabilitySlot[]): ModalView {
  const durations = [...new Set([...DURATION_CHOICES_MINUTES, interview.durationMinutes])].sort((a, b) => a - b);
  const blocks: ModalView['blocks'] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `Move the interview with *${escapeMrkdwn(interview.candidateName)}*. The candidate keeps the same link and gets an updated calendar invite.`,
      },
    },
    dateTimeInputBlock({ blockId: RescheduleBlock.scheduledTime, label: 'New date and time', initial: interview.scheduledTime }),
  ];
  if (openSlots.length > 0) {
    blocks.push(
      slotSelectBlock({
        blockId: RescheduleBlock.slotId,
        label: 'Or an open slot',
        hint: 'Picking a slot uses its start and length instead of the time above.',
        slots: openSlots.slice(0, 100).map((slot) => slotOption(slot, interview.timezone)),
      }),
    );
  }
  blocks.push({
    type: 'input',
    block_id: RescheduleBlock.durationMinutes,
    label: { type: 'plain_text', text: 'Duration' },
    element: {
      type: 'static_select',
      action_id: RescheduleBlock.durationMinutes,
      options: durations.map(durationOption),
      initial_option: durationOption(interview.durationMinutes),
    },
  });
  return interviewFormView({
    callbackId: RESCHEDULE_INTERVIEW_CALLBACK_ID,
    title: 'Reschedule interview',
    submitLabel: RESCHEDULE_INTERVIEW_SUBMIT_LABEL,
    interviewId: interview.id,
    blocks,
  });
}

type StateValues = Record<string, Record<string, { selected_date_time?: number | null; selected_option?: { value: string } | null }>>;

export interface RescheduleSubmission {
  interviewId: string | undefined;
  /** Raw timing for `rescheduleInterview`: a picked slot wins over the time picker. */
  timing: { scheduledTime?: Date; slotId?: string; durationMinutes?: number };
}

/** A length menu's option value ("45") as the number of minutes it stands for; the domain takes numbers only. */
export function minutesOfOption(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

export function readRescheduleSubmission(view: Pick<View, 'private_metadata'> & { state?: { values: unknown } }): RescheduleSubmission {
  const values = (view.state?.values ?? {}) as StateValues;
  const field = (block: string) => values[block]?.[block];
  const interviewId = interviewIdOfForm(view);
  const seconds = field(RescheduleBlock.scheduledTime)?.selected_date_time;
  const slotId = field(RescheduleBlock.slotId)?.selected_option?.value;
  return {
    interviewId,
    timing: {
      scheduledTime: typeof seconds === 'number' && !slotId ? new Date(seconds * 1000) : undefined,
      slotId,
      durationMinutes: minutesOfOption(field(RescheduleBlock.durationMinutes)?.selected_option?.value),
    },
  };
}

export function rescheduleErrorsFor(problems: FieldProblem[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const block =
      problem.field === 'slotId'
        ? RescheduleBlock.slotId
        : problem.field === 'durationMinutes'
          ? RescheduleBlock.durationMinutes
          : RescheduleBlock.scheduledTime;
    errors[block] ??= problem.message;
  }
  return errors;
}
