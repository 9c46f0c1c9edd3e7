import { v4 as uuidv4 } from 'uuid';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../db/database';
import type { AvailabilitySlot } from '../slots/AvailabilitySlot';
import { Interview } from './Interview';
import { InterviewEvent, InterviewEventType } from './InterviewEvent';
import { type DomainContext } from '../shared/domainContext';
import { planDeliveriesForNewInterview, queueDeliveries } from './interviewDeliveries';
import { planTimedDeliveries } from './reminderPlan';
import { IdempotencyConflictError, InputValidationError, type FieldProblem } from '../shared/errors';
import { DEFAULT_DURATION_MINUTES } from '../shared/interviewDuration';
import { checkScheduleInterviewRequest, explicitTimeProblems, fingerprintRequest, type ScheduleInterviewRequest } from './interviewInput';
import { InterviewStatus } from './interviewStatus';
import { buildJoinLink, generateSessionKey } from './joinLink';
import { buildMeetingUrl } from './meetingUrl';
import { recordRequestKeyUse, requireKeyNamesThisCreation, RequestAction } from '../shared/requestKeys';
import { includesInterviewer, toInterviewers, type Interviewer } from '../shared/participants';
import { checkScheduledTimeIsBookable, checkTimeMatchesSlot, resolveScheduledTime } from '../shared/scheduledTime';
import { resolveWorkspace, workspaceColumns, workspaceWithSlots } from '../workspaces/slackWorkspace';
import { scopeOfActor, describeActor, type Actor } from '../shared/actor';
import { type SlackWorkspaceRef } from '../shared/slackWorkspaces';
import { bookSlot, checkSlotIsFree, findSlot, isSlotTakenError, slotTakenError } from '../slots/slotBooking';
import { insertRows } from '../../db/insertRows';

export interface ScheduleInterviewProps {
  /**
   * What the person asked for, unchecked: an API body, or a modal's values read into the same
   * shape. It is checked here, whichever door it came in by, and every problem is named at once.
   */
  input: unknown;
  /** Who is scheduling: a Slack user (whose workspace the interview then belongs to) or the API. */
  actor: Actor;
  /**
   * Makes a retried request return the interview it created the first time instead of a second
   * one: the API's Idempotency-Key header, or the Slack view's id.
   */
  idempotencyKey?: string;
}

/**
 * An interview made from a candidate's pick of a booking link: made by the same transaction body,
 * inside the booking's own transaction, with what the booking request already fixed.
 */
export interface InterviewFromBooking {
  /** Chosen before the interview exists, so the request can be marked booked first. */
  interviewId: string;
  /** The recruiter who sent the link; the candidate who picked is the actor. */
  organizerSlackUserId: string | null;
  /** The request's "waiting" message, which the interview takes over instead of posting its own. */
  slackMessage: { channelId: string; ts: string } | null;
}

export interface ScheduleInterviewResult {
  interview: Interview;
  /** False when an earlier request with the same idempotency key had already created it. */
  created: boolean;
}

/**
 * The one door through which every interview is created (R6): Slack and the REST API both call it.
 *
 * It checks the input (every bad field in one answer), then in one transaction resolves the time
 * (R1), books the slot if one was chosen, stores the interview with its session key and join link
 * (R2, R3), and queues the candidate's invitation and the channel message in the outbox (R4, R5),
 * with the reminders and the no-show alert due at their moments.
 * Either all of that is stored, or none of it. A retry with the same idempotency key gets the
 * first answer, even if the clock or the slot has moved on since; the key used before for any
 * other request (another body, or a change to any interview or booking request) is refused.
 */
export async function scheduleInterview(context: DomainContext, props: ScheduleInterviewProps): Promise<ScheduleInterviewResult> {
  const checked = checkScheduleInterviewRequest(props.input);
  const fingerprint = checked.request && props.idempotencyKey ? fingerprintRequest(checked.request) : null;
  const keyedRequest = { action: RequestAction.ScheduleInterview, fingerprint };
  if (checked.request && props.idempotencyKey) {
    await requireKeyNamesThisCreation(context, props.idempotencyKey, keyedRequest);
    const earlier = await findByIdempotencyKey(context, props.idempotencyKey);
    if (earlier) {
      return replayEarlierRequest(earlier, fingerprint);
    }
  }
  const { request, workspace } = await requireEveryRuleMet(context, props.actor, checked);
  try {
    const interview = await context.database.transaction(async (manager) => {
      const created = await createInterviewInTransaction(manager, context, props, request, fingerprint, workspace);
      if (props.idempotencyKey) {
        await recordRequestKeyUse(manager, props.idempotencyKey, { ...keyedRequest, targetId: created.id }, created.createdAt);
      }
      return created;
    });
    context.onDeliveriesQueued();
    return { interview, created: true };
  } catch (error) {
    if (props.idempotencyKey && (isUniqueViolation(error) || isSlotTakenError(error))) {
      // A retry that raced its first attempt: the first one holds the key (and the slot) now;
      // or another request took the key first, and this one is refused.
      await requireKeyNamesThisCreation(context, props.idempotencyKey, keyedRequest);
      const earlier = await findByIdempotencyKey(context, props.idempotencyKey);
      if (earlier) {
        return replayEarlierRequest(earlier, fingerprint);
      }
    }
    if (request.slotId && isUniqueViolation(error)) {
      throw slotTakenError();
    }
    throw error;
  }
}

/**
 * The checks that need the clock or the database, added to those of the fields: one answer names
 * every problem. The slot is looked up here only when something is already wrong; otherwise the
 * transaction checks it where it counts, under its lock.
 */
async function requireEveryRuleMet(
  context: DomainContext,
  actor: Actor,
  checked: ReturnType<typeof checkScheduleInterviewRequest>,
): Promise<{ request: ScheduleInterviewRequest; workspace: SlackWorkspaceRef | null }> {
  const problems = [...checked.problems, ...explicitTimeProblems(checked.scheduledTime, context.now())];
  const { workspace, problem: workspaceProblem } = await resolveWorkspace(context, actor, checked.slackWorkspace, checked.meantForSlack);
  if (workspaceProblem) problems.push(workspaceProblem);
  if (checked.request && problems.length === 0) {
    return { request: checked.request, workspace };
  }
  if (checked.slotId && !problems.some((problem) => problem.field === 'slotId')) {
    const slot = await context.database.read((manager) => findSlot(manager, checked.slotId!, scopeOfActor(actor)));
    const slotProblems = [
      ...slotAndTimeProblems({ slotId: checked.slotId, scheduledTime: checked.scheduledTime }, slot, context.now()),
      ...(slot && !workspaceProblem ? [workspaceWithSlots(workspace, [slot], 'slotId').problem] : []),
    ];
    // Each field once: an explicit time's own problem is already named above.
    for (const problem of slotProblems) {
      if (problem && !problems.some((named) => named.field === problem.field)) problems.push(problem);
    }
  }
  throw new InputValidationError(problems);
}

/**
 * The body of `scheduleInterview`'s transaction: checks the slot and the time under the
 * transaction, then stores the interview with its key, link, event and outbox jobs. Booking a
 * candidate's pick runs this very function inside its own transaction (R6).
 */
export async function createInterviewInTransaction(
  manager: EntityManager,
  context: DomainContext,
  props: ScheduleInterviewProps,
  request: ScheduleInterviewRequest,
  fingerprint: string | null,
  workspace: SlackWorkspaceRef | null,
  booking?: InterviewFromBooking,
): Promise<Interview> {
  const now = context.now();
  const slot = request.slotId ? await findSlot(manager, request.slotId, scopeOfActor(props.actor)) : null;
  const problems = slotAndTimeProblems(request, slot, now);
  const interviewWorkspace = slot ? workspaceWithSlots(workspace, [slot], 'slotId') : { workspace, problem: null };
  if (interviewWorkspace.problem) problems.push(interviewWorkspace.problem);
  if (problems.length > 0) {
    throw new InputValidationError(problems);
  }
  const { time, source } = resolveScheduledTime({
    explicitTime: request.scheduledTime,
    slotStart: slot?.startsAt,
    now,
    defaultLeadMinutes: context.defaultLeadMinutes,
  });

  const id = booking?.interviewId ?? uuidv4();
  const sessionKey = generateSessionKey();
  const interview = manager.create(Interview, {
    id,
    candidateName: request.candidateName,
    candidateEmail: request.candidateEmail,
    role: request.role ?? null,
    interviewers: slot ? withSlotInterviewer(request.interviewers, slot) : request.interviewers,
    organizerSlackUserId: booking ? booking.organizerSlackUserId : props.actor.kind === 'slack' ? props.actor.userId : null,
    ...workspaceColumns(interviewWorkspace.workspace),
    channelId: request.channelId ?? null,
    slackMessageChannelId: booking?.slackMessage?.channelId ?? null,
    slackMessageTs: booking?.slackMessage?.ts ?? null,
    scheduledTime: time,
    durationMinutes: request.durationMinutes ?? slot?.durationMinutes ?? DEFAULT_DURATION_MINUTES,
    timezone: request.timezone,
    status: InterviewStatus.Scheduled,
    sessionKey,
    joinLink: buildJoinLink(context.publicBaseUrl, sessionKey),
    meetingUrl: request.meetingUrl ?? buildMeetingUrl(context.videoBaseUrl, id),
    notes: request.notes ?? null,
    slotId: slot?.id ?? null,
    calendarSequence: 0,
    idempotencyKey: props.idempotencyKey ?? null,
    requestFingerprint: fingerprint,
    candidateFirstOpenedAt: null,
    cancelledAt: null,
    noShowAlertedAt: null,
    createdAt: now,
    updatedAt: now,
  });
  await insertRows(manager, Interview, interview);
  if (slot) {
    await bookSlot(manager, { slotId: slot.id, interviewId: id, now }, context.expireOffersLeftWithoutSlots);
  }
  await insertRows(manager, InterviewEvent, {
    id: uuidv4(),
    interviewId: id,
    type: InterviewEventType.Scheduled,
    actor: describeActor(props.actor),
    details: { scheduledTime: time.toISOString(), timeSource: source },
    createdAt: now,
  });
  await queueDeliveries(
    manager,
    interview,
    [...planDeliveriesForNewInterview(interview), ...planTimedDeliveries(interview, context.reminders, now)],
    now,
  );
  return interview;
}

/** R1's limits on whichever time applies, and the slot's: free, and matching a time given with it. */
function slotAndTimeProblems(
  request: Pick<ScheduleInterviewRequest, 'slotId' | 'scheduledTime'>,
  slot: AvailabilitySlot | null,
  now: Date,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (request.slotId) {
    const slotProblem = checkSlotIsFree(slot);
    if (slotProblem) problems.push(slotProblem);
  }
  if (request.scheduledTime) {
    const mismatch = slot ? checkTimeMatchesSlot(request.scheduledTime, slot.startsAt) : null;
    const timeProblem = mismatch ?? checkScheduledTimeIsBookable(request.scheduledTime, now);
    if (timeProblem) problems.push(timeProblem);
  } else if (slot && !problems.length) {
    const slotTimeProblem = checkScheduledTimeIsBookable(slot.startsAt, now, 'slotId', 'slot');
    if (slotTimeProblem) problems.push(slotTimeProblem);
  }
  return problems;
}

/** The interviewer who offered the slot takes part in the interview booked into it. */
export function withSlotInterviewer(interviewers: Interviewer[], slot: Pick<AvailabilitySlot, 'interviewer'>): Interviewer[] {
  return includesInterviewer(interviewers, slot.interviewer) ? interviewers : [...interviewers, ...toInterviewers([slot.interviewer])];
}

function findByIdempotencyKey(context: DomainContext, idempotencyKey: string): Promise<Interview | null> {
  return context.database.read((manager) => manager.findOneBy(Interview, { idempotencyKey }));
}

function replayEarlierRequest(earlier: Interview, fingerprint: string | null): ScheduleInterviewResult {
  if (earlier.requestFingerprint !== fingerprint) {
    throw new IdempotencyConflictError(earlier.id);
  }
  return { interview: earlier, created: false };
}
