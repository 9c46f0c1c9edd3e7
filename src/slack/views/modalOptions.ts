import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import { DateTime } from 'luxon';
import type { AvailabilitySlot } from '../../domain/slots/AvailabilitySlot';
import { describeDuration } from '../../presenters/interviewTime';

export const DURATION_CHOICES_MINUTES = [15, 30, 45, 60, 75, 90, 120, 180, 240];

export function durationOption(minutes: number): PlainTextOption {
  return { text: { type: 'plain_text', text: describeDuration(minutes) }, value: String(minutes) };
}

/**
 * "Tue 5 Mar, 09:00 (30 min) · Ada Lovelace", in the zone given, the interviewer by name when
 * known (plain text cannot mention a Slack user). Slack caps option text at 75.
 */
export function slotOption(slot: AvailabilitySlot, zone: string, names?: ReadonlyMap<string, string>): PlainTextOption {
  const start = DateTime.fromJSDate(slot.startsAt, { zone }).setLocale('en-US').toFormat('EEE d MMM, HH:mm');
  const interviewer = names?.get(slot.interviewer) ?? slot.interviewer;
  return {
    text: { type: 'plain_text', text: `${start} (${slot.durationMinutes} min) · ${interviewer}`.slice(0, 75) },
    value: slot.id,
  };
}

/** A modal that only tells something, with one button to close it: what a form becomes once sent. */
export function noticeView(title: string, text: string, closeLabel = 'Done'): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: title },
    close: { type: 'plain_text', text: closeLabel },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

/** A form about one interview: its id rides in private_metadata, so the submission knows which. */
export function interviewFormView(form: {
  callbackId: string;
  title: string;
  submitLabel: string;
  interviewId: string;
  blocks: ModalView['blocks'];
}): ModalView {
  return {
    type: 'modal',
    callback_id: form.callbackId,
    title: { type: 'plain_text', text: form.title },
    submit: { type: 'plain_text', text: form.submitLabel },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify({ interviewId: form.interviewId }),
    blocks: form.blocks,
  };
}

/** The interview a submitted interviewFormView is about; undefined when its metadata is not ours. */
export function interviewIdOfForm(view: { private_metadata?: string }): string | undefined {
  try {
    const metadata = JSON.parse(view.private_metadata ?? '{}') as { interviewId?: unknown };
    return typeof metadata.interviewId === 'string' ? metadata.interviewId : undefined;
  } catch {
    return undefined;
  }
}

/** The optional "pick an open slot" menu of a scheduling form. */
export function slotSelectBlock(options: {
  blockId: string;
  label: string;
  hint: string;
  placeholder?: string;
  slots: PlainTextOption[];
}): InputBlock {
  return {
    type: 'input',
    block_id: options.blockId,
    optional: true,
    label: { type: 'plain_text', text: options.label },
    hint: { type: 'plain_text', text: options.hint },
    element: {
      type: 'static_select',
      action_id: options.blockId,
      ...(options.placeholder ? { placeholder: { type: 'plain_text', text: options.placeholder } } : {}),
      options: options.slots,
    },
  };
}

/** An input for a date and time (shown in the reader's Slack time zone), its action id the block's. */
export function dateTimeInputBlock(options: {
  blockId: string;
  label: string;
  initial?: Date;
  optional?: boolean;
  hint?: string;
}): InputBlock {
  return {
    type: 'input',
    block_id: options.blockId,
    ...(options.optional ? { optional: true } : {}),
    label: { type: 'plain_text', text: options.label },
    ...(options.hint ? { hint: { type: 'plain_text', text: options.hint } } : {}),
    element: {
      type: 'datetimepicker',
      action_id: options.blockId,
      ...(options.initial ? { initial_date_time: Math.floor(options.initial.getTime() / 1000) } : {}),
    },
  };
}
