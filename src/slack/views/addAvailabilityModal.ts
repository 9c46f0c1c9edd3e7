import type { ModalView, PlainTextOption } from '@slack/types';
import type { FieldProblem } from '../../domain/errors';
import { durationOption } from './modalOptions';

export const ADD_AVAILABILITY_CALLBACK_ID = 'add_availability';

export const AvailabilityBlock = {
  startsAt: 'slot_start',
  durationMinutes: 'slot_duration',
  count: 'slot_count',
  interviewer: 'slot_interviewer',
} as const;

/** Shown on the start field when a submission carries no start (the picker is required, so only a forged one). */
export const MISSING_SLOT_START_MESSAGE = 'Pick when the first slot starts.';

const SLOT_LENGTHS_MINUTES = [15, 30, 45, 60, 90, 120];
const MAX_CONSECUTIVE_SLOTS = 8;

/** `/schedule-interview slots`: offer one or more back-to-back windows to interview in. */
export function buildAddAvailabilityModal(slackUserId: string): ModalView {
  const countOptions: PlainTextOption[] = Array.from({ length: MAX_CONSECUTIVE_SLOTS }, (_, index) => ({
    text: { type: 'plain_text', text: index === 0 ? '1 slot' : `${index + 1} back-to-back slots` },
    value: String(index + 1),
  }));
  return {
    type: 'modal',
    callback_id: ADD_AVAILABILITY_CALLBACK_ID,
    title: { type: 'plain_text', text: 'Add availability' },
    submit: { type: 'plain_text', text: 'Add' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: AvailabilityBlock.interviewer,
        label: { type: 'plain_text', text: 'Interviewer' },
        element: { type: 'users_select', action_id: AvailabilityBlock.interviewer, initial_user: slackUserId },
      },
      {
        type: 'input',
        block_id: AvailabilityBlock.startsAt,
        label: { type: 'plain_text', text: 'Starts' },
        hint: { type: 'plain_text', text: 'Shown in your Slack time zone.' },
        element: { type: 'datetimepicker', action_id: AvailabilityBlock.startsAt },
      },
      {
        type: 'input',
        block_id: AvailabilityBlock.durationMinutes,
        label: { type: 'plain_text', text: 'Length of each slot' },
        element: {
          type: 'static_select',
          action_id: AvailabilityBlock.durationMinutes,
          options: SLOT_LENGTHS_MINUTES.map(durationOption),
          initial_option: durationOption(45),
        },
      },
      {
        type: 'input',
        block_id: AvailabilityBlock.count,
        label: { type: 'plain_text', text: 'How many' },
        element: { type: 'static_select', action_id: AvailabilityBlock.count, options: countOptions, initial_option: countOptions[0] },
      },
    ],
  };
}

type StateValues = Record<
  string,
  Record<string, { selected_date_time?: number | null; selected_option?: { value: string } | null; selected_user?: string | null }>
>;

/** The submitted windows as raw slot input for `parseAvailabilitySlotRequests`. */
export function readAddAvailabilitySubmission(view: { state?: { values: unknown } }, fallbackUserId: string) {
  const values = (view.state?.values ?? {}) as StateValues;
  const field = (block: string) => values[block]?.[block];
  const seconds = field(AvailabilityBlock.startsAt)?.selected_date_time;
  const durationMinutes = Number(field(AvailabilityBlock.durationMinutes)?.selected_option?.value ?? 45);
  const count = Math.min(MAX_CONSECUTIVE_SLOTS, Math.max(1, Number(field(AvailabilityBlock.count)?.selected_option?.value ?? 1)));
  const interviewer = field(AvailabilityBlock.interviewer)?.selected_user ?? fallbackUserId;
  if (typeof seconds !== 'number') return [];
  return Array.from({ length: count }, (_, index) => ({
    startsAt: new Date((seconds + index * durationMinutes * 60) * 1000),
    durationMinutes,
    interviewer,
  }));
}

export function availabilityErrorsFor(problems: FieldProblem[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const block = /durationMinutes/.test(problem.field)
      ? AvailabilityBlock.durationMinutes
      : /interviewer/.test(problem.field)
        ? AvailabilityBlock.interviewer
        : AvailabilityBlock.startsAt;
    errors[block] ??= problem.message;
  }
  return errors;
}

export function availabilityAddedView(count: number): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Availability added' },
    close: { type: 'plain_text', text: 'Done' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `:white_check_mark: Added ${count} slot${count === 1 ? '' : 's'}. Recruiters can now pick ${count === 1 ? 'it' : 'them'} in \`/schedule-interview\`.`,
        },
      },
    ],
  };
}
