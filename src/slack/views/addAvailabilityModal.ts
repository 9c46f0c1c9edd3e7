import type { ModalView, PlainTextOption } from '@slack/types';
import type { FieldProblem } from '../../domain/shared/errors';
import { dateTimeInputBlock, durationOption, noticeView } from './modalOptions';

export const ADD_AVAILABILITY_CALLBACK_ID = 'add_availability';
/** The modal's submit button, as notes in the modal name it ("press Add again"). */
export const ADD_AVAILABILITY_SUBMIT_LABEL = 'Add';

export const AvailabilityBlock = {
  startsAt: 'slot_start',
  durationMinutes: 'slot_duration',
  count: 'slot_count',
  interviewer: 'slot_interviewer',
} as const;

/** Shown on the start field when a submission carries no start (the picker is required, so only a forged one). */
export const MISSING_SLOT_START_MESSAGE = 'Pick when the first slot starts.';

/** The optional further start times, after the first: several days or blocks offered in one go. */
const MORE_STARTS = [
  { blockId: 'slot_start_2', label: 'Second start' },
  { blockId: 'slot_start_3', label: 'Third start' },
  { blockId: 'slot_start_4', label: 'Fourth start' },
  { blockId: 'slot_start_5', label: 'Fifth start' },
] as const;
const START_BLOCKS = [AvailabilityBlock.startsAt, ...MORE_STARTS.map((start) => start.blockId)];

const SLOT_LENGTHS_MINUTES = [15, 30, 45, 60, 90, 120];
const MAX_CONSECUTIVE_SLOTS = 8;

/**
 * `/schedule-interview slots`: offer several windows to interview in at once: up to five start
 * times (say, Monday morning and Wednesday afternoon), each followed by the same number of
 * back-to-back slots.
 */
export function buildAddAvailabilityModal(slackUserId: string): ModalView {
  const countOptions: PlainTextOption[] = Array.from({ length: MAX_CONSECUTIVE_SLOTS }, (_, index) => ({
    text: { type: 'plain_text', text: index === 0 ? '1 slot' : `${index + 1} back-to-back slots` },
    value: String(index + 1),
  }));
  return {
    type: 'modal',
    callback_id: ADD_AVAILABILITY_CALLBACK_ID,
    title: { type: 'plain_text', text: 'Add availability' },
    submit: { type: 'plain_text', text: ADD_AVAILABILITY_SUBMIT_LABEL },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: AvailabilityBlock.interviewer,
        label: { type: 'plain_text', text: 'Interviewer' },
        element: { type: 'users_select', action_id: AvailabilityBlock.interviewer, initial_user: slackUserId },
      },
      dateTimeInputBlock({ blockId: AvailabilityBlock.startsAt, label: 'First start', hint: 'Shown in your Slack time zone.' }),
      ...MORE_STARTS.map(({ blockId, label }) => dateTimeInputBlock({ blockId, label, optional: true })),
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
        label: { type: 'plain_text', text: 'How many from each start' },
        element: { type: 'static_select', action_id: AvailabilityBlock.count, options: countOptions, initial_option: countOptions[0] },
      },
    ],
  };
}

type StateValues = Record<
  string,
  Record<string, { selected_date_time?: number | null; selected_option?: { value: string } | null; selected_user?: string | null }>
>;

/** The submitted windows as raw slot input for `parseAvailabilitySlotRequests`, and the start field each came from. */
export interface AvailabilitySubmission {
  slots: Array<{ startsAt: Date; durationMinutes: number; interviewers: [string] }>;
  /** For each slot, the block of the start time it follows, so a problem is shown there. */
  startBlocks: string[];
}

/**
 * Reads each start time given and the slots back to back after it; a start given twice, or a slot
 * another start already covers, counts once. A form with no start reads as no slots.
 */
export function readAddAvailabilitySubmission(view: { state?: { values: unknown } }, fallbackUserId: string): AvailabilitySubmission {
  const values = (view.state?.values ?? {}) as StateValues;
  const field = (block: string) => values[block]?.[block];
  const durationMinutes = Number(field(AvailabilityBlock.durationMinutes)?.selected_option?.value ?? 45);
  const count = Math.min(MAX_CONSECUTIVE_SLOTS, Math.max(1, Number(field(AvailabilityBlock.count)?.selected_option?.value ?? 1)));
  const interviewer = field(AvailabilityBlock.interviewer)?.selected_user ?? fallbackUserId;
  const submission: AvailabilitySubmission = { slots: [], startBlocks: [] };
  const seen = new Set<number>();
  for (const block of START_BLOCKS) {
    const seconds = field(block)?.selected_date_time;
    if (typeof seconds !== 'number') continue;
    for (let index = 0; index < count; index += 1) {
      const startsAt = (seconds + index * durationMinutes * 60) * 1000;
      if (seen.has(startsAt)) continue;
      seen.add(startsAt);
      submission.slots.push({ startsAt: new Date(startsAt), durationMinutes, interviewers: [interviewer] });
      submission.startBlocks.push(block);
    }
  }
  return submission;
}

/** Each problem next to its field: a slot's start (`slots.3.startsAt`) next to the start time it follows. */
export function availabilityErrorsFor(problems: FieldProblem[], startBlocks: string[] = []): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const slotIndex = /^slots\.(\d+)\./.exec(problem.field)?.[1];
    const block = /durationMinutes/.test(problem.field)
      ? AvailabilityBlock.durationMinutes
      : /interviewer/.test(problem.field)
        ? AvailabilityBlock.interviewer
        : ((slotIndex === undefined ? undefined : startBlocks[Number(slotIndex)]) ?? AvailabilityBlock.startsAt);
    errors[block] ??= problem.message;
  }
  return errors;
}

export function availabilityAddedView(count: number): ModalView {
  const them = count === 1 ? 'it' : 'them';
  return noticeView(
    'Availability added',
    `:white_check_mark: Added ${count} slot${count === 1 ? '' : 's'}. Recruiters can now book ${them} in \`/schedule-interview\`, or let a candidate choose from ${them}.`,
  );
}
