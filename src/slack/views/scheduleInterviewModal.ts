import type { ModalView, View } from '@slack/types';
import type { AvailabilitySlot } from '../../domain/slots/AvailabilitySlot';
import type { FieldProblem } from '../../domain/shared/errors';
import { DURATION_CHOICES_MINUTES, durationOption, noticeView, slotOption, slotSelectBlock } from './modalOptions';
import { DEFAULT_DURATION_MINUTES } from '../../domain/shared/interviewDuration';
import { MAX_OFFERED_SLOTS } from '../../domain/bookings/bookingRequestInput';
import { MAX_NAME_LENGTH, MAX_NOTES_LENGTH } from '../../domain/interviews/interviewInput';
import { timeZoneOption } from './timeZoneOptions';
import { minutesOfOption } from './rescheduleInterviewModal';

export const SCHEDULE_INTERVIEW_CALLBACK_ID = 'schedule_interview';
/** The modal's submit button, as notes in the modal name it ("press Schedule again"). */
export const SCHEDULE_INTERVIEW_SUBMIT_LABEL = 'Schedule';

/** One block (and action) id per field, named after the domain field it feeds. */
export const ScheduleInterviewBlock = {
  candidateName: 'candidate_name',
  candidateEmail: 'candidate_email',
  role: 'role',
  interviewers: 'interviewers',
  scheduledTime: 'scheduled_time',
  slotId: 'slot',
  slotIds: 'offered_slots',
  durationMinutes: 'duration',
  timezone: 'candidate_timezone',
  notes: 'notes',
} as const;

/** What the modal starts with: parsed from the command's text and the recruiter's profile. */
export interface ScheduleInterviewPrefill {
  candidateName?: string;
  candidateEmail?: string;
  role?: string;
  scheduledTime?: Date;
  interviewerSlackUserIds?: string[];
  durationMinutes?: number;
  timezone?: string;
  notes?: string;
}

/** Travels with the modal: where the command was typed, so the message goes back there (R5, docs/rules.md). */
export interface ScheduleInterviewMetadata {
  channelId?: string;
  teamId?: string;
}

export interface ScheduleInterviewModalOptions {
  prefill: ScheduleInterviewPrefill;
  metadata: ScheduleInterviewMetadata;
  openSlots: AvailabilitySlot[];
  now: Date;
  /** The zone the slots are shown in: the recruiter's; defaults to the prefilled candidate zone (which is the recruiter's, from the command). */
  recruiterTimezone?: string;
  /** Slot interviewers' names, when known, so a slot reads "Ada Lovelace" instead of a Slack id. */
  interviewerNames?: ReadonlyMap<string, string>;
}

/** The label of the field that turns the form into a booking link (the product spec's wording). */
export const OFFERED_SLOTS_LABEL = 'Let the candidate choose from';

/**
 * The soonest open slots the candidate can be offered from. Fewer than the single slot's 100: a
 * submitted form carries both menus back, and must stay well inside the Slack body limit.
 */
export const OFFERABLE_SLOT_OPTIONS = 50;

export function buildScheduleInterviewModal(options: ScheduleInterviewModalOptions): ModalView {
  const { prefill, now } = options;
  const blocks: ModalView['blocks'] = [
    {
      type: 'input',
      block_id: ScheduleInterviewBlock.candidateName,
      label: { type: 'plain_text', text: 'Candidate name' },
      element: {
        type: 'plain_text_input',
        action_id: ScheduleInterviewBlock.candidateName,
        max_length: MAX_NAME_LENGTH,
        placeholder: { type: 'plain_text', text: 'Jane Doe' },
        ...(prefill.candidateName ? { initial_value: prefill.candidateName } : {}),
      },
    },
    {
      type: 'input',
      block_id: ScheduleInterviewBlock.candidateEmail,
      label: { type: 'plain_text', text: 'Candidate email' },
      element: {
        type: 'email_text_input',
        action_id: ScheduleInterviewBlock.candidateEmail,
        placeholder: { type: 'plain_text', text: 'jane@example.com' },
        ...(prefill.candidateEmail ? { initial_value: prefill.candidateEmail } : {}),
      },
    },
    {
      type: 'input',
      block_id: ScheduleInterviewBlock.role,
      optional: true,
      label: { type: 'plain_text', text: 'Role' },
      element: {
        type: 'plain_text_input',
        action_id: ScheduleInterviewBlock.role,
        max_length: MAX_NAME_LENGTH,
        placeholder: { type: 'plain_text', text: 'Backend Engineer' },
        ...(prefill.role ? { initial_value: prefill.role } : {}),
      },
    },
    {
      type: 'input',
      block_id: ScheduleInterviewBlock.interviewers,
      optional: true,
      label: { type: 'plain_text', text: 'Interviewers' },
      element: {
        type: 'multi_users_select',
        action_id: ScheduleInterviewBlock.interviewers,
        placeholder: { type: 'plain_text', text: 'Who will interview' },
        ...(prefill.interviewerSlackUserIds?.length ? { initial_users: prefill.interviewerSlackUserIds } : {}),
      },
    },
    {
      type: 'input',
      block_id: ScheduleInterviewBlock.scheduledTime,
      optional: true,
      label: { type: 'plain_text', text: 'Date and time' },
      hint: {
        type: 'plain_text',
        text: 'Shown in your time zone. Leave empty for about an hour from now (rounded up to 5 minutes), or pick a slot below.',
      },
      element: {
        type: 'datetimepicker',
        action_id: ScheduleInterviewBlock.scheduledTime,
        ...(prefill.scheduledTime ? { initial_date_time: Math.floor(prefill.scheduledTime.getTime() / 1000) } : {}),
      },
    },
  ];
  if (options.openSlots.length > 0) {
    const slotOptions = options.openSlots
      .slice(0, 100)
      .map((slot) => slotOption(slot, options.recruiterTimezone ?? prefill.timezone ?? 'UTC', options.interviewerNames));
    blocks.push(
      slotSelectBlock({
        blockId: ScheduleInterviewBlock.slotId,
        label: 'Availability slot',
        hint: 'Booking a slot uses its start time and length.',
        placeholder: 'Pick an open slot',
        slots: slotOptions,
      }),
      {
        type: 'input',
        block_id: ScheduleInterviewBlock.slotIds,
        optional: true,
        label: { type: 'plain_text', text: OFFERED_SLOTS_LABEL },
        hint: {
          type: 'plain_text',
          text: 'The candidate is emailed a link to pick one of these; the interview is made when they do. Leave the date and time empty.',
        },
        element: {
          type: 'multi_static_select',
          action_id: ScheduleInterviewBlock.slotIds,
          placeholder: { type: 'plain_text', text: `Pick up to ${MAX_OFFERED_SLOTS} open slots` },
          max_selected_items: MAX_OFFERED_SLOTS,
          options: slotOptions.slice(0, OFFERABLE_SLOT_OPTIONS),
        },
      },
    );
  }
  blocks.push(
    {
      type: 'input',
      block_id: ScheduleInterviewBlock.durationMinutes,
      label: { type: 'plain_text', text: 'Duration' },
      element: {
        type: 'static_select',
        action_id: ScheduleInterviewBlock.durationMinutes,
        options: DURATION_CHOICES_MINUTES.map(durationOption),
        initial_option: durationOption(
          DURATION_CHOICES_MINUTES.includes(prefill.durationMinutes ?? -1) ? prefill.durationMinutes! : DEFAULT_DURATION_MINUTES,
        ),
      },
    },
    {
      type: 'input',
      block_id: ScheduleInterviewBlock.timezone,
      label: { type: 'plain_text', text: 'Candidate time zone' },
      hint: { type: 'plain_text', text: 'The invitation shows the time in this zone. Type a city or a UTC offset to find another.' },
      element: {
        type: 'external_select',
        action_id: ScheduleInterviewBlock.timezone,
        min_query_length: 0,
        initial_option: timeZoneOption(prefill.timezone ?? 'UTC', now),
      },
    },
    {
      type: 'input',
      block_id: ScheduleInterviewBlock.notes,
      optional: true,
      label: { type: 'plain_text', text: 'Notes for the interviewers' },
      element: {
        type: 'plain_text_input',
        action_id: ScheduleInterviewBlock.notes,
        multiline: true,
        max_length: MAX_NOTES_LENGTH,
        ...(prefill.notes ? { initial_value: prefill.notes } : {}),
      },
    },
  );
  return {
    type: 'modal',
    callback_id: SCHEDULE_INTERVIEW_CALLBACK_ID,
    title: { type: 'plain_text', text: 'Schedule interview' },
    submit: { type: 'plain_text', text: SCHEDULE_INTERVIEW_SUBMIT_LABEL },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(options.metadata),
    blocks,
  };
}

type StateValues = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_date_time?: number | null;
      selected_users?: string[] | null;
      selected_option?: { value: string } | null;
      selected_options?: Array<{ value: string }> | null;
    }
  >
>;

/**
 * Reads a submitted modal into the raw shape `parseScheduleInterviewRequest` checks (and, with
 * `slotIds`, the one `requestCandidateBooking` checks), so the modal and the REST API go through
 * the same validation. Unknown or missing blocks read as empty.
 */
export function readScheduleInterviewSubmission(view: Pick<View, 'private_metadata'> & { state?: { values: unknown } }) {
  const values = (view.state?.values ?? {}) as StateValues;
  const field = (block: string) => values[block]?.[block];
  const metadata = parseMetadata(view.private_metadata);
  const selectedTime = field(ScheduleInterviewBlock.scheduledTime)?.selected_date_time;
  return {
    metadata,
    raw: {
      candidateName: field(ScheduleInterviewBlock.candidateName)?.value ?? undefined,
      candidateEmail: field(ScheduleInterviewBlock.candidateEmail)?.value ?? undefined,
      role: field(ScheduleInterviewBlock.role)?.value ?? undefined,
      interviewers: field(ScheduleInterviewBlock.interviewers)?.selected_users ?? [],
      scheduledTime: typeof selectedTime === 'number' ? new Date(selectedTime * 1000) : undefined,
      slotId: field(ScheduleInterviewBlock.slotId)?.selected_option?.value,
      slotIds: (field(ScheduleInterviewBlock.slotIds)?.selected_options ?? []).map((option) => option.value),
      durationMinutes: minutesOfOption(field(ScheduleInterviewBlock.durationMinutes)?.selected_option?.value),
      timezone: field(ScheduleInterviewBlock.timezone)?.selected_option?.value,
      notes: field(ScheduleInterviewBlock.notes)?.value ?? undefined,
      channelId: metadata.channelId,
    },
  };
}

/** Which block shows each field's problem: the fields this form has. */
const BLOCK_OF_FIELD: ReadonlyMap<string, string> = new Map(Object.entries(ScheduleInterviewBlock));

/** The block that carries a note about the form as a whole (Slack shows errors only under a field): its first. */
export const SCHEDULE_INTERVIEW_NOTE_BLOCK = ScheduleInterviewBlock.candidateName;

/** Slack refuses an error text longer than this. */
const MAX_ERROR_LENGTH = 2000;

/**
 * Maps domain field problems to the modal's blocks, for `response_action: "errors"`: each under its
 * own field, the first for a field winning. A problem with a field the form has no place for (the
 * channel it was opened in, say) is said in a note about the form on its first block, after that
 * block's own problem, never as if it were that field's.
 */
export function modalErrorsFor(problems: FieldProblem[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const problem of problems) {
    const block = BLOCK_OF_FIELD.get(problem.field);
    if (block) errors[block] ??= problem.message;
    else elsewhere.push(problem.message);
  }
  if (elsewhere.length > 0) {
    const note = `The form could not be saved: ${elsewhere.join(' ')}`;
    const own = errors[SCHEDULE_INTERVIEW_NOTE_BLOCK];
    errors[SCHEDULE_INTERVIEW_NOTE_BLOCK] = own ? `${own} ${note}` : note;
  }
  return Object.fromEntries(Object.entries(errors).map(([block, text]) => [block, text.slice(0, MAX_ERROR_LENGTH)]));
}

function parseMetadata(raw: string | undefined): ScheduleInterviewMetadata {
  try {
    const parsed = JSON.parse(raw ?? '{}') as ScheduleInterviewMetadata;
    return {
      channelId: typeof parsed.channelId === 'string' ? parsed.channelId : undefined,
      teamId: typeof parsed.teamId === 'string' ? parsed.teamId : undefined,
    };
  } catch {
    return {};
  }
}

/**
 * The form was sent again, changed, after an earlier send had already gone through (it was
 * answered "try again" while the database was slow, yet stored): the first one stands, and the
 * recruiter is told so rather than having the later edits dropped without a word.
 */
export function alreadySubmittedView(): ModalView {
  return noticeView(
    'Already scheduled',
    ':information_source: This form had already been sent once, and that first send went through: its interview (or booking link) is in the channel. ' +
      'The changes made since were not saved. To change it, use *Reschedule* or *Cancel* on its message in the channel.',
    'Close',
  );
}
