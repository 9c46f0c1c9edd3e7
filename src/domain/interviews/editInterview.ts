import { InterviewEventType } from './InterviewEvent';
import { calendarInterviewerKey } from './calendarEventOutcomes';
import { planDeliveriesForEdit, type InterviewBeforeEdit } from './interviewDeliveries';
import type { EntityManager } from 'typeorm';
import type { Interview } from './Interview';
import type { StoredPoolPick } from './poolPicks';
import { interviewerCopiesOf, type DomainContext } from '../shared/domainContext';
import { InputValidationError, type FieldProblem } from '../shared/errors';
import { parseEachField, unknownFieldProblems } from '../shared/fieldParsing';
import { includesInterviewer, isSlackUserId, toInterviewers, type Interviewer } from '../shared/participants';
import { recordedActor, scopeOfActor } from '../shared/actor';
import { changeInterview, type InterviewChangeRequest, type InterviewChangeResult } from './interviewChanges';
import { allowConflictsSchema, interviewDetailFields, interviewTimingFields } from './interviewInput';
import { buildJoinLink, generateSessionKey } from './joinLink';
import { dropPendingTimedDeliveries, planTimedDeliveries } from './reminderPlan';
import { planInterviewWebhook, planNoShowWebhook } from './interviewWebhooks';
import { checkNewTiming, moveSlotBooking, refuseAMoveThatClashes, RESCHEDULE, type TimingValues } from './rescheduleInterview';

/** What `PATCH /api/interviews/:id` takes: the timing, as a reschedule, and the details set when scheduling. */
export const interviewEditFields = { ...interviewTimingFields, ...interviewDetailFields, allowConflicts: allowConflictsSchema() };

type EditableDetail = keyof typeof interviewDetailFields;

/** The details asked for, read: a field absent stays as it is; `role` or `notes` sent empty (or null) is cleared. */
interface DetailEdits {
  candidateName?: string;
  candidateEmail?: string;
  role?: string | null;
  notes?: string | null;
  interviewers?: string[];
}

export interface EditInterviewProps extends InterviewChangeRequest {
  /** The body, unchecked: any of `interviewEditFields`, at least one. */
  input: unknown;
  /**
   * Set when `interviewers` names pools (src/domain/loops/editWithPools.ts): picks everyone at the
   * interview's time after the edit, inside its transaction, and books their time.
   */
  pickInterviewers?: InterviewerPicker;
}

/** Who interviews at the interview's (new) time, picked from its pools; throws `409 interviewers_busy` when they cannot be. */
export interface InterviewerPicker {
  pick(
    manager: EntityManager,
    at: { interviewId: string; startsAt: Date; durationMinutes: number },
  ): Promise<{ interviewers: string[]; poolPicks: StoredPoolPick[] | null }>;
  /** Books the picked people's time, once the interview holds it. */
  book(manager: EntityManager, interview: Interview): Promise<void>;
}

/**
 * Edits an interview: its time (exactly as `rescheduleInterview`, R1's limits in docs/rules.md
 * and all) and its candidate's name and address, role, notes and interviewers, in one change.
 * Every field is checked and every problem named at once; a field it does not take is refused.
 * A corrected candidate address gets the invitation with a new join link (the old address was sent
 * the old one, which stops working), and the old address a cancellation; interviewers added get
 * the invitation, those removed a cancellation. Asking for what it already has changes nothing.
 */
export async function editInterview(context: DomainContext, props: EditInterviewProps): Promise<InterviewChangeResult> {
  const picker = props.pickInterviewers;
  // The pools are checked by the picker; the list stands in for them while the rest is read.
  const { timing, details, problems: fieldProblems } = readEdit(picker ? { ...(props.input as object), interviewers: [] } : props.input);
  if (fieldProblems.length === 0 && !picker) await refuseAMoveThatClashes(context, props);
  return changeInterview(context, props, RESCHEDULE, async (manager, interview, now) => {
    const problems = [...fieldProblems];
    const hasTiming = timing.scheduledTime !== undefined || timing.slotId !== undefined || timing.durationMinutes !== undefined;
    const newTiming = hasTiming ? await checkNewTiming(manager, interview, timing, problems, now, scopeOfActor(props.actor)) : null;
    const picked =
      picker && problems.length === 0
        ? await picker.pick(manager, {
            interviewId: interview.id,
            startsAt: newTiming?.scheduledTime ?? interview.scheduledTime,
            durationMinutes: newTiming?.durationMinutes ?? interview.durationMinutes,
          })
        : null;
    if (picked) details.interviewers = picked.interviewers;
    const slackProblem = slackInterviewerProblem(context, interview, details.interviewers);
    if (slackProblem) problems.push(slackProblem);
    if (problems.length > 0) throw new InputValidationError(problems);

    const before: InterviewBeforeEdit = { ...interview, interviewers: [...interview.interviewers] };
    const editedFields = applyDetails(interview, details);
    const timeChanged =
      newTiming !== null &&
      (newTiming.scheduledTime.getTime() !== interview.scheduledTime.getTime() ||
        newTiming.durationMinutes !== interview.durationMinutes ||
        newTiming.newSlot !== null);
    if (picked) interview.poolPicks = picked.poolPicks;
    if (!timeChanged && editedFields.length === 0) return null;

    const previousTime = interview.scheduledTime;
    if (timeChanged) {
      await moveSlotBooking(context, manager, interview, newTiming, now);
      interview.scheduledTime = newTiming.scheduledTime;
      interview.durationMinutes = newTiming.durationMinutes;
    }
    if (editedFields.includes('candidateEmail')) {
      interview.sessionKey = generateSessionKey();
      interview.joinLink = buildJoinLink(context.publicBaseUrl, interview.sessionKey);
    }
    if (timeChanged || editedFields.some((field) => field !== 'notes')) interview.calendarSequence += 1;
    const timedDeliveriesChange = timeChanged || editedFields.includes('interviewers');
    if (timedDeliveriesChange) await dropPendingTimedDeliveries(manager, interview.id);
    if (timeChanged) await context.followInterviewWithMeeting?.(manager, interview, 'rescheduled', now);
    if (editedFields.includes('interviewers')) {
      await context.followInterviewWithMeeting?.(manager, interview, 'interviewers_changed', now, before.interviewers);
    }
    if (picker) await picker.book(manager, interview);
    const to = interview.scheduledTime.toISOString();
    return {
      event: timeChanged ? InterviewEventType.Rescheduled : InterviewEventType.DetailsEdited,
      details: {
        ...(timeChanged ? { from: previousTime.toISOString(), to } : {}),
        ...(editedFields.length > 0 ? { fields: editedFields.join(',') } : {}),
      },
      deliveries: [
        ...planDeliveriesForEdit(interview, {
          before,
          timeChanged,
          editedFields,
          by: recordedActor(props.actor),
          to,
          copies: interviewerCopiesOf(context),
        }),
        ...(timedDeliveriesChange ? planTimedDeliveries(interview, context.reminders, now) : []),
        ...(timeChanged
          ? [planInterviewWebhook('interview.rescheduled', interview, now, { previousScheduledTime: previousTime.toISOString() })]
          : []),
        ...(timedDeliveriesChange ? planNoShowWebhook(interview, context.reminders, now) : []),
      ],
      interviewChanged: true,
    };
  });
}

/** Who hosts the interview's meeting: its first interviewer, as their calendar is keyed. */
function hostKey(interviewers: readonly Interviewer[]): string {
  const first = interviewers[0];
  return first ? calendarInterviewerKey(first) : '';
}

/** Reads the body, field by field, before anything is loaded: what it asks, and every problem so far. */
function readEdit(input: unknown): { timing: TimingValues; details: DetailEdits; problems: FieldProblem[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw InputValidationError.forField('body', `Send a JSON object with any of: ${Object.keys(interviewEditFields).join(', ')}.`);
  }
  const raw = input as Record<string, unknown>;
  const present = Object.keys(interviewEditFields).filter((key) => Object.hasOwn(raw, key));
  if (present.length === 0 && Object.keys(raw).length === 0) {
    throw InputValidationError.forField('body', `Send at least one of: ${Object.keys(interviewEditFields).join(', ')}.`);
  }
  const { values, problems } = parseEachField(
    Object.fromEntries(present.map((key) => [key, interviewEditFields[key as keyof typeof interviewEditFields]])),
    raw,
  ) as { values: Partial<Record<keyof typeof interviewEditFields, unknown>>; problems: FieldProblem[] };
  problems.push(...unknownFieldProblems(interviewEditFields, raw));
  const clearable = (field: 'role' | 'notes') =>
    present.includes(field) ? ((values[field] as string | undefined)?.trim() ?? null) : undefined;
  return {
    timing: {
      scheduledTime: values.scheduledTime as string | Date | undefined,
      slotId: values.slotId as string | undefined,
      durationMinutes: values.durationMinutes as number | undefined,
    },
    details: {
      candidateName: values.candidateName as string | undefined,
      candidateEmail: values.candidateEmail as string | undefined,
      role: clearable('role'),
      notes: clearable('notes'),
      interviewers: present.includes('interviewers') ? ((values.interviewers as string[] | undefined) ?? []) : undefined,
    },
    problems,
  };
}

/** Sets each detail that differs from the interview's; returns the API names of those that did. */
function applyDetails(interview: Interview, details: DetailEdits): EditableDetail[] {
  const edited: EditableDetail[] = [];
  if (details.candidateName !== undefined && details.candidateName !== interview.candidateName) {
    interview.candidateName = details.candidateName;
    edited.push('candidateName');
  }
  if (details.candidateEmail !== undefined && details.candidateEmail.toLowerCase() !== interview.candidateEmail.toLowerCase()) {
    interview.candidateEmail = details.candidateEmail;
    edited.push('candidateEmail');
  }
  if (details.role !== undefined && (details.role || null) !== interview.role) {
    interview.role = details.role || null;
    edited.push('role');
  }
  if (details.notes !== undefined && (details.notes || null) !== interview.notes) {
    interview.notes = details.notes || null;
    edited.push('notes');
  }
  if (details.interviewers !== undefined) {
    const next = keepKnownNames(toInterviewers(details.interviewers), interview.interviewers);
    // The same people in another order is a change when the first (the meeting's host) is another.
    if (!sameInterviewers(next, interview.interviewers) || hostKey(next) !== hostKey(interview.interviewers)) {
      interview.interviewers = next;
      edited.push('interviewers');
    }
  }
  return edited;
}

/** People already on the interview keep the name it knew them by. */
function keepKnownNames(next: Interviewer[], current: Interviewer[]): Interviewer[] {
  return next.map((person) => {
    const known = current.find((earlier) => includesInterviewer([earlier], person.slackUserId ?? person.email ?? ''));
    return known ? { ...person, ...known } : person;
  });
}

function sameInterviewers(a: Interviewer[], b: Interviewer[]): boolean {
  return a.length === b.length && a.every((person) => includesInterviewer(b, person.slackUserId ?? person.email ?? ''));
}

/**
 * A Slack user can be added only where the app knows which workspace to tell them in: the
 * interview's own, or the only one. (An interview made without Slack in an app installed in many
 * workspaces takes interviewers by address.)
 */
function slackInterviewerProblem(context: DomainContext, interview: Interview, interviewers: string[] | undefined): FieldProblem | null {
  const addsSlackUser = (interviewers ?? []).some(
    (identity) => isSlackUserId(identity) && !includesInterviewer(interview.interviewers, identity),
  );
  if (!addsSlackUser || interview.slackTeamId || !context.slackWorkspaces?.many) return null;
  return {
    field: 'interviewers',
    message: 'This interview belongs to no Slack workspace, and the app serves several: name new interviewers by email address.',
  };
}
