import type { EntityManager } from 'typeorm';
import type { AvailabilitySlot } from '../slots/AvailabilitySlot';
import type { Interview } from './Interview';
import { InterviewEventType } from './InterviewEvent';
import { planDeliveriesForChange } from './interviewDeliveries';
import { planInterviewWebhook, planNoShowWebhook } from './interviewWebhooks';
import { interviewerCopiesOf, type DomainContext } from '../shared/domainContext';
import { dropPendingTimedDeliveries, planTimedDeliveries } from './reminderPlan';
import { InputValidationError, type FieldProblem } from '../shared/errors';
import { parseEachField } from '../shared/fieldParsing';
import {
  changeInterview,
  mayChangeInterview,
  type InterviewChangeKind,
  type InterviewChangeRequest,
  type InterviewChangeResult,
} from './interviewChanges';
import { interviewTimingFields, readScheduledTime } from './interviewInput';
import { checkScheduledTimeIsBookable, checkTimeMatchesSlot } from '../shared/scheduledTime';
import { withSlotInterviewer } from './scheduleInterview';
import { workspaceOfRow, workspaceWithSlots } from '../workspaces/slackWorkspace';
import { scopeOfActor, recordedActor } from '../shared/actor';
import { type WorkspaceScope } from '../shared/slackWorkspaces';
import { bookSlot, checkSlotIsFree, findSlot, releaseSlot } from '../slots/slotBooking';
import { refuseWhenInterviewersBusy } from '../availability/calendarConflictCheck';
import { durationMinutesSchema } from '../shared/interviewDuration';
import { findInterviewById } from './interviewQueries';
import { InterviewStatus } from './interviewStatus';
import { allowConflictsSchema } from './interviewInput';

export interface RescheduleInterviewProps extends InterviewChangeRequest {
  /**
   * The new timing, unchecked: `{scheduledTime?, slotId?, durationMinutes?}` from the API or the
   * modal, at least one of them. A time without an offset is read in the candidate's time zone.
   */
  input: unknown;
}

export interface NewTiming {
  scheduledTime: Date;
  durationMinutes: number;
  /** A slot to move into, when one was picked that the interview does not already hold. */
  newSlot: AvailabilitySlot | null;
}

/** Rescheduling, as its request key records it and as it is refused once the interview is cancelled. */
export const RESCHEDULE: InterviewChangeKind = {
  action: 'reschedule_interview',
  refusalWhenCancelled: 'This interview was cancelled; schedule a new one instead.',
};

/**
 * Moves an interview under the same rules as scheduling (R1's limits in docs/rules.md, 5 to 480 minutes, a slot
 * booked once). The link stays the same; the candidate gets an update with the calendar invite's
 * SEQUENCE raised, so their calendar moves the event instead of adding a second one. Asking for
 * the timing it already has changes nothing and tells nobody. The reminders and the no-show alert
 * move with it: those still waiting are dropped and new ones planned for the new start.
 */
export async function rescheduleInterview(context: DomainContext, props: RescheduleInterviewProps): Promise<InterviewChangeResult> {
  await refuseAMoveThatClashes(context, props);
  return changeInterview(context, props, RESCHEDULE, async (manager, interview, now) => {
    const timing = await resolveNewTiming(manager, interview, props.input, now, scopeOfActor(props.actor));
    const sameTiming =
      timing.scheduledTime.getTime() === interview.scheduledTime.getTime() &&
      timing.durationMinutes === interview.durationMinutes &&
      !timing.newSlot;
    if (sameTiming) return null;
    const previousTime = interview.scheduledTime;
    await moveSlotBooking(context, manager, interview, timing, now);
    interview.scheduledTime = timing.scheduledTime;
    interview.durationMinutes = timing.durationMinutes;
    interview.calendarSequence += 1;
    await dropPendingTimedDeliveries(manager, interview.id);
    await context.followInterviewWithMeeting?.(manager, interview, 'rescheduled', now);
    return {
      event: InterviewEventType.Rescheduled,
      details: { from: previousTime.toISOString(), to: timing.scheduledTime.toISOString() },
      deliveries: [
        ...planDeliveriesForChange(
          interview,
          { event: 'rescheduled', by: recordedActor(props.actor), to: timing.scheduledTime.toISOString() },
          interviewerCopiesOf(context),
        ),
        ...planTimedDeliveries(interview, context.reminders, now),
        planInterviewWebhook('interview.rescheduled', interview, now, { previousScheduledTime: previousTime.toISOString() }),
        ...planNoShowWebhook(interview, context.reminders, now),
      ],
      interviewChanged: true,
    };
  });
}

/** Checks the requested timing against every rule, naming each problem at once. */
async function resolveNewTiming(
  manager: EntityManager,
  interview: Interview,
  input: unknown,
  now: Date,
  scope: WorkspaceScope,
): Promise<NewTiming> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw InputValidationError.forField('body', 'Send a JSON object with scheduledTime, slotId or durationMinutes.');
  }
  const { values, problems } = parseEachField(
    { ...interviewTimingFields, allowConflicts: allowConflictsSchema() },
    input as Record<string, unknown>,
  );
  if (problems.length === 0 && values.scheduledTime === undefined && values.slotId === undefined && values.durationMinutes === undefined) {
    throw InputValidationError.forField('scheduledTime', 'Pick a new date and time, an open slot, or a new length.');
  }
  return checkNewTiming(manager, interview, values, problems, now, scope);
}

/** The requested timing's fields, as read: what `checkNewTiming` holds to the rules. */
export type TimingValues = { scheduledTime?: string | Date; slotId?: string; durationMinutes?: number };

/**
 * Holds read timing values to every rule (R1's limits, the slot free and of this workspace, a time
 * given with a slot being the slot's), adding to `problems` and throwing them all at once.
 */
export async function checkNewTiming(
  manager: EntityManager,
  interview: Interview,
  values: TimingValues,
  problems: FieldProblem[],
  now: Date,
  scope: WorkspaceScope,
): Promise<NewTiming> {
  const explicitTime =
    values.scheduledTime === undefined ? undefined : readScheduledTime(values.scheduledTime, interview.timezone, problems);
  const slot = values.slotId ? await findSlot(manager, values.slotId, scope) : null;
  const slotProblem = values.slotId ? (checkSlotIsFree(slot, interview.id) ?? slotOfAnotherWorkspace(interview, slot!)) : null;
  if (slotProblem) problems.push(slotProblem);
  const timeProblem = timingProblem(explicitTime, slot, now);
  if (timeProblem) problems.push(timeProblem);
  if (problems.length > 0) {
    throw new InputValidationError(problems);
  }
  const newSlot = slot !== null && slot.id !== interview.slotId ? slot : null;
  return {
    scheduledTime: explicitTime ?? slot?.startsAt ?? interview.scheduledTime,
    durationMinutes: values.durationMinutes ?? newSlot?.durationMinutes ?? interview.durationMinutes,
    newSlot,
  };
}

/**
 * A new time the person chose, at which a calendar shows an interviewer busy, is refused unless
 * the body says `allowConflicts: true`; the interview's own current time does not count (its own
 * event sits there). Read before the change's transaction; anything unreadable here is left to
 * the change itself, which names it.
 */
export async function refuseAMoveThatClashes(context: DomainContext, props: RescheduleInterviewProps): Promise<void> {
  const input = props.input as Record<string, unknown> | null;
  if (
    typeof input !== 'object' ||
    input === null ||
    !(typeof input.scheduledTime === 'string' || input.scheduledTime instanceof Date) ||
    input.allowConflicts === true
  )
    return;
  if (!context.calendars?.provider) return;
  const interview = await findInterviewById(context, props.interviewId).catch(() => null);
  // Someone who may not move it learns nothing of the interviewers' calendars: the change refuses them.
  if (!interview || interview.status !== InterviewStatus.Scheduled || !mayChangeInterview(interview, props.actor)) return;
  const problems: FieldProblem[] = [];
  const time = readScheduledTime(input.scheduledTime, interview.timezone, problems);
  const duration = durationMinutesSchema.safeParse(input.durationMinutes ?? interview.durationMinutes);
  if (!time || !duration.success || checkScheduledTimeIsBookable(time, context.now())) return;
  const minutes = duration.data;
  await refuseWhenInterviewersBusy(context, {
    interviewers: interview.interviewers,
    workspace: interview,
    proposed: { startsAt: time, endsAt: new Date(time.getTime() + minutes * 60_000) },
    ownCurrentTime: {
      startsAt: interview.scheduledTime,
      endsAt: new Date(interview.scheduledTime.getTime() + interview.durationMinutes * 60_000),
    },
  });
}

/** An interview keeps its workspace: it moves only into a slot offered there (or made without Slack). */
function slotOfAnotherWorkspace(interview: Interview, slot: AvailabilitySlot): FieldProblem | null {
  const own = workspaceOfRow(interview);
  const withSlot = workspaceWithSlots(own, [slot], 'slotId');
  if (withSlot.problem) return withSlot.problem;
  if (!own && withSlot.workspace) {
    return {
      field: 'slotId',
      message: `This slot was offered in the Slack workspace ${withSlot.workspace.teamId}; this interview belongs to no Slack workspace.`,
    };
  }
  return null;
}

/** A time given with a slot must be the slot's; the new start, either way, must be bookable (R1). A length alone keeps the time. */
function timingProblem(explicitTime: Date | undefined, slot: AvailabilitySlot | null, now: Date): FieldProblem | null {
  if (explicitTime && slot) {
    return checkTimeMatchesSlot(explicitTime, slot.startsAt) ?? checkScheduledTimeIsBookable(explicitTime, now);
  }
  if (explicitTime) return checkScheduledTimeIsBookable(explicitTime, now);
  if (slot) return checkScheduledTimeIsBookable(slot.startsAt, now, 'slotId', 'slot');
  return null;
}

/** Into a new slot: the old one is freed and the new one booked. To another time outside a slot: the old slot is freed. */
export async function moveSlotBooking(
  context: DomainContext,
  manager: EntityManager,
  interview: Interview,
  timing: NewTiming,
  now: Date,
): Promise<void> {
  if (timing.newSlot) {
    await releaseSlot(manager, interview);
    await bookSlot(manager, { slotId: timing.newSlot.id, interviewId: interview.id, now }, context.expireOffersLeftWithoutSlots);
    interview.slotId = timing.newSlot.id;
    interview.interviewers = withSlotInterviewer(interview.interviewers, timing.newSlot);
  } else if (interview.slotId && timing.scheduledTime.getTime() !== interview.scheduledTime.getTime()) {
    await releaseSlot(manager, interview);
    interview.slotId = null;
  }
}
