import type { ModalView, View } from '@slack/types';
import type { AvailabilitySlot } from '../../domain/slots/AvailabilitySlot';
import type { FieldProblem } from '../../domain/shared/errors';
import { dateTimeInputBlock, DURATION_CHOICES_MINUTES, durationOption, noticeView, slotOption, slotSelectBlock } from './modalOptions';
import { DEFAULT_DURATION_MINUTES } from '../../domain/shared/interviewDuration';
import { MAX_OFFERED_SLOTS } from '../../domain/bookings/bookingRequestInput';
import { MAX_NAME_LENGTH, MAX_NOTES_LENGTH } from '../../domain/interviews/interviewInput';
import { timeZoneOption } from './timeZoneOptions';
import { minutesOfOption } from './rescheduleInterviewModal';
import { MAX_POOL_MEMBERS } from '../../domain/plans/interviewerPools';

export const SCHEDULE_INTERVIEW_CALLBACK_ID = 'schedule_interview';
/** The modal's submit button, as notes in the modal name it ("press Schedule again"). */
export const SCHEDULE_INTERVIEW_SUBMIT_LABEL = 'Schedule';

/** One block (and action) id per field, named after the domain field it feeds. */
export const ScheduleInterviewBlock = {
  candidateName: 'candidate_name',
  candidateEmail: 'candidate_email',
  role: 'role',
  interviewers: 'interviewers',
  poolMembers: 'interviewer_pool',
  poolCount: 'interviewer_pool_count',
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

/** The choice under "Let the candidate choose from" that offers the chosen interviewers' free times, read from their calendars. */
export const FREE_TIMES_CHOICE = 'free_times';
const FREE_TIMES_OPTION = {
  text: { type: 'plain_text' as const, text: "The interviewers' free times (from their calendars)" },
  value: FREE_TIMES_CHOICE,
};

/** How many people of the pool the interview may need, as the "How many of them" menu offers. */
export const POOL_COUNT_CHOICES = [1, 2, 3] as const;

function poolCountOption(count: number) {
  return { text: { type: 'plain_text' as const, text: String(count) }, value: String(count) };
}

/** "Or any of these people": a pool (`{"anyOf": [...], "count"}`) the app picks from, fairly, and how many. */
function poolBlocks(): ModalView['blocks'] {
  return [
    {
      type: 'input',
      block_id: ScheduleInterviewBlock.poolMembers,
      optional: true,
      label: { type: 'plain_text', text: 'Or any of these people (the app picks the least busy)' },
      hint: {
        type: 'plain_text',
        text: 'The interviewers above always take part; from these, the app adds the number below, among those free at the time, fewest interviews that week first.',
      },
      element: {
        type: 'multi_users_select',
        action_id: ScheduleInterviewBlock.poolMembers,
        placeholder: { type: 'plain_text', text: 'People to pick from' },
        max_selected_items: MAX_POOL_MEMBERS,
      },
    },
    {
      type: 'input',
      block_id: ScheduleInterviewBlock.poolCount,
      optional: true,
      label: { type: 'plain_text', text: 'How many of them' },
      element: {
        type: 'static_select',
        action_id: ScheduleInterviewBlock.poolCount,
        options: POOL_COUNT_CHOICES.map(poolCountOption),
        initial_option: poolCountOption(1),
      },
    },
  ];
}

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
    ...poolBlocks(),
    dateTimeInputBlock({
      blockId: ScheduleInterviewBlock.scheduledTime,
      label: 'Date and time',
      optional: true,
      hint: 'Shown in your time zone. Leave empty for about an hour from now (rounded up to 5 minutes), or pick a slot below.',
      initial: prefill.scheduledTime,
    }),
  ];
  const slotOptions = options.openSlots
    .slice(0, 100)
    .map((slot) => slotOption(slot, options.recruiterTimezone ?? prefill.timezone ?? 'UTC', options.interviewerNames));
  if (slotOptions.length > 0) {
    blocks.push(
      slotSelectBlock({
        blockId: ScheduleInterviewBlock.slotId,
        label: 'Availability slot',
        hint: 'Booking a slot uses its start time and length.',
        placeholder: 'Pick an open slot',
        slots: slotOptions,
      }),
    );
  }
  blocks.push({
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
      placeholder: { type: 'plain_text', text: `The interviewers' free times, or up to ${MAX_OFFERED_SLOTS} open slots` },
      max_selected_items: MAX_OFFERED_SLOTS,
      options: [FREE_TIMES_OPTION, ...slotOptions.slice(0, OFFERABLE_SLOT_OPTIONS)],
    },
  });
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
    pool: readPool(
      field(ScheduleInterviewBlock.poolMembers)?.selected_users ?? [],
      field(ScheduleInterviewBlock.poolCount)?.selected_option?.value,
    ),
    raw: {
      candidateName: field(ScheduleInterviewBlock.candidateName)?.value ?? undefined,
      candidateEmail: field(ScheduleInterviewBlock.candidateEmail)?.value ?? undefined,
      role: field(ScheduleInterviewBlock.role)?.value ?? undefined,
      interviewers: field(ScheduleInterviewBlock.interviewers)?.selected_users ?? [],
      scheduledTime: typeof selectedTime === 'number' ? new Date(selectedTime * 1000) : undefined,
      slotId: field(ScheduleInterviewBlock.slotId)?.selected_option?.value,
      ...offeredChoice((field(ScheduleInterviewBlock.slotIds)?.selected_options ?? []).map((option) => option.value)),
      durationMinutes: minutesOfOption(field(ScheduleInterviewBlock.durationMinutes)?.selected_option?.value),
      timezone: field(ScheduleInterviewBlock.timezone)?.selected_option?.value,
      notes: field(ScheduleInterviewBlock.notes)?.value ?? undefined,
      channelId: metadata.channelId,
    },
  };
}

/** "Or any of these people" as filled in: who to pick from, and how many. */
export interface PoolChoice {
  members: string[];
  count: number;
}

/** The pool when one was asked for: people picked, or a count other than the default 1 (which then needs people). */
function readPool(members: string[], countValue: string | undefined): PoolChoice | null {
  const count = countValue === undefined ? 1 : Number(countValue);
  return members.length > 0 || count !== 1 ? { members, count } : null;
}

/**
 * The modal's interviewers in the API's shape: the people named, then the pool as
 * `{"anyOf": [...], "count"}`, so the domain checks them as it does an API body. A count chosen
 * with nobody to choose from is said on the count's field here, as the API has no such body.
 */
export function interviewersWithPool(named: string[], pool: PoolChoice | null): { interviewers: unknown[]; problems: FieldProblem[] } {
  if (pool === null) return { interviewers: named, problems: [] };
  const poolField = `interviewers.${named.length}`;
  if (pool.members.length === 0) {
    return {
      interviewers: named,
      problems: [
        {
          field: `${poolField}.count`,
          message: `Pick at least ${pool.count} people above to choose ${pool.count} from, or set this back to 1.`,
        },
      ],
    };
  }
  return { interviewers: [...named, { anyOf: pool.members, count: pool.count }], problems: [] };
}

/** The offered slots as picked; with the free-times choice among them, the panel's free times instead (`findTimes`). */
function offeredChoice(values: string[]): { slotIds: string[]; findTimes?: Record<string, never> } {
  if (!values.includes(FREE_TIMES_CHOICE)) return { slotIds: values };
  const slotIds = values.filter((value) => value !== FREE_TIMES_CHOICE);
  return slotIds.length > 0 ? { slotIds, findTimes: {} } : { slotIds: [], findTimes: {} };
}

/** Which block shows each field's problem: the fields this form has (findTimes is chosen under the offered slots). */
const BLOCK_OF_FIELD: ReadonlyMap<string, string> = new Map([
  ...Object.entries(ScheduleInterviewBlock),
  ['findTimes', ScheduleInterviewBlock.slotIds],
  ['findTimes.from', ScheduleInterviewBlock.slotIds],
  ['findTimes.to', ScheduleInterviewBlock.slotIds],
]);

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
export function modalErrorsFor(problems: FieldProblem[], pool?: { index: number }): Record<string, string> {
  const errors: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const problem of problems) {
    const blocks = blocksOfField(problem.field, pool);
    for (const block of blocks) errors[block] ??= problem.message;
    if (blocks.length === 0) elsewhere.push(problem.message);
  }
  if (elsewhere.length > 0) {
    const note = `The form could not be saved: ${elsewhere.join(' ')}`;
    const own = errors[SCHEDULE_INTERVIEW_NOTE_BLOCK];
    errors[SCHEDULE_INTERVIEW_NOTE_BLOCK] = own ? `${own} ${note}` : note;
  }
  return Object.fromEntries(Object.entries(errors).map(([block, text]) => [block, text.slice(0, MAX_ERROR_LENGTH)]));
}

/**
 * The blocks a problem with `field` is shown under. With a pool, given as `interviewers` item
 * `pool.index`: its count under "How many of them", anything else about it (a person also named
 * above, members the domain refuses) under the pool's people, and so is a problem with the whole
 * list (the booking path's rules, say). Any other item of the list is a named person.
 */
function blocksOfField(field: string, pool: { index: number } | undefined): string[] {
  if (pool) {
    const poolField = `interviewers.${pool.index}`;
    if (field === `${poolField}.count`) return [ScheduleInterviewBlock.poolCount];
    if (field === poolField || field.startsWith(`${poolField}.`)) return [ScheduleInterviewBlock.poolMembers];
    // The people named above come from Slack's menu, always well formed: a refused list is about the pool.
    if (field === 'interviewers') return [ScheduleInterviewBlock.poolMembers];
  }
  if (field.startsWith('interviewers.')) return [ScheduleInterviewBlock.interviewers];
  const block = BLOCK_OF_FIELD.get(field);
  return block ? [block] : [];
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
