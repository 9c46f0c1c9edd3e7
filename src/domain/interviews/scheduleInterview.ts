import { v4 as uuidv4 } from 'uuid';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../db/database';
import { insertRows } from '../../db/insertRows';
import { describeActor, scopeOfActor, type Actor } from '../shared/actor';
import { deliveriesQueued, inTransaction, interviewerCopiesOf, type DomainContext } from '../shared/domainContext';
import { IdempotencyConflictError, InputValidationError, type FieldProblem } from '../shared/errors';
import { DEFAULT_DURATION_MINUTES } from '../shared/interviewDuration';
import { includesInterviewer, normalizedEmailAddress, toInterviewers, type Interviewer } from '../shared/participants';
import { insertParticipants } from './interviewParticipants';
import { recordRequestKeyUse, requireKeyNamesThisCreation, requireKeyNamesThisRequest, type KeyedRequest } from '../shared/requestKeys';
import { checkScheduledTimeIsBookable, checkTimeMatchesSlot, resolveScheduledTime } from '../shared/scheduledTime';
import type { SlackWorkspaceRef } from '../shared/slackWorkspaces';
import type { AvailabilitySlot } from '../slots/AvailabilitySlot';
import { bookSlot, checkSlotIsFree, findSlot, isSlotTakenError, slotTakenError } from '../slots/slotBooking';
import { resolveWorkspace, workspaceColumns, workspaceWithSlots, type WorkspaceResolution } from '../workspaces/slackWorkspace';
import { Interview } from './Interview';
import { InterviewEvent, InterviewEventType } from './InterviewEvent';
import { planDeliveriesForNewInterview, queueDeliveries } from './interviewDeliveries';
import {
  checkScheduleInterviewRequest,
  explicitTimeProblems,
  fingerprintRequest,
  type ScheduleInterviewRequest,
  type ScheduleInterviewRequestCheck,
} from './interviewInput';
import { InterviewStatus } from './interviewStatus';
import { buildJoinLink, generateSessionKey } from './joinLink';
import { buildMeetingUrl } from './meetingUrl';
import { planTimedDeliveries } from './reminderPlan';
import type { StoredPoolPick } from './poolPicks';
import { DeliveryKind } from '../deliveries/DeliveryJob';
import { planInterviewWebhook, planNoShowWebhook, withWebhooksIfOn } from './interviewWebhooks';
import { refuseWhenInterviewersBusy } from '../availability/calendarConflictCheck';

export interface ScheduleInterviewProps {
  /**
   * What the person asked for, unchecked: an API body, or a modal's values read into the same
   * shape. It is checked here, whichever door it came in by, and every problem is named at once.
   */
  input: unknown;
  /** Who is scheduling: a Slack user (whose workspace the interview then belongs to), the API, or a candidate booking a slot. */
  actor: Actor;
  /**
   * Makes a retried request return the interview it created the first time instead of a second
   * one: the API's Idempotency-Key header, or the Slack view's id.
   */
  idempotencyKey?: string;
  /**
   * Set when a candidate's pick of a booking link makes the interview: what the booking request
   * already fixed. Booking runs this command inside its own transaction (the context's).
   */
  booking?: InterviewFromBooking;
  /**
   * Set when a plan (pools, a loop) made the interview: what it picked, and the loop it belongs to.
   * The plan read its people's calendars when it picked them, so they are not read again here.
   */
  plan?: InterviewFromPlan;
  /** The workspace, when the caller resolved it before its own transaction (a plan's): nothing is looked up inside it. */
  workspace?: WorkspaceResolution;
}

/** What a plan fixes for one of its interviews (src/domain/loops/). */
export interface InterviewFromPlan {
  poolPicks: StoredPoolPick[] | null;
  /** A loop's session: the loop sends one candidate email and one channel message for all its sessions, so this one sends neither. */
  loop: { loopId: string; sessionTitle: string } | null;
  /** The hash of the plan's own request (with its pools, before the picks), which a retry is compared by. */
  requestFingerprint?: string;
}

/** What a booking request fixes for the interview its candidate's pick makes. */
export interface InterviewFromBooking {
  /** Chosen before the interview exists, so the request can be marked booked first. */
  interviewId: string;
  /** The recruiter who sent the link; the candidate who picked is the actor. */
  organizerSlackUserId: string | null;
  /** The request's "waiting" message, which the interview takes over instead of posting its own. */
  slackMessage: { channelId: string; ts: string } | null;
  /** The request's workspace, which the interview keeps: nothing is looked up again. */
  workspace: SlackWorkspaceRef | null;
  /** How the request named its interviewers and the picked slot's, by Slack id or address, for the candidate to read. */
  interviewerNames: ReadonlyMap<string, string>;
  /**
   * A plan's free time the candidate picked (its first session's start): booked by this interview
   * and recorded as its slot, but its holder is not added to the interviewers (the plan picked them).
   */
  pickedPlanSlotId?: string;
}

export interface ScheduleInterviewResult {
  interview: Interview;
  /** False when an earlier request with the same idempotency key had already created it. */
  created: boolean;
}

/** The request as read before its transaction: its fields checked, and the workspace it names looked up. */
interface ReadRequest {
  checked: ScheduleInterviewRequestCheck;
  /** The request's hash, when it carries an idempotency key: a retry is told from another request by it. */
  fingerprint: string | null;
  workspace: WorkspaceResolution;
}

/**
 * The one door through which every interview is created (R6, docs/rules.md): Slack, the REST API
 * and a candidate's pick of a booking link all call it.
 *
 * In one transaction (the context's, when the caller runs it inside its own) it answers a retry of
 * a keyed request as the first time, checks everything once, naming every problem in one answer
 * (the fields, the time against the clock (R1), the slot against its bookings, the workspace),
 * then resolves the time (R1), books the slot if one was chosen, stores the interview with its
 * session key and join link (R2, R3), and queues the candidate's invitation and the channel
 * message in the outbox (R4, R5), with the reminders and the no-show alert due at their moments.
 * Either all of that is stored, or none of it. A retry with the same idempotency key gets the
 * first answer, even if the clock or the slot has moved on since; the key used before for any
 * other request (another body, or a change to any interview or booking request) is refused.
 */
export async function scheduleInterview(context: DomainContext, props: ScheduleInterviewProps): Promise<ScheduleInterviewResult> {
  const read = await readRequest(context, props);
  try {
    const result = await inTransaction(context, (manager) => scheduleInTransaction(manager, context, props, read));
    if (result.created) deliveriesQueued(context);
    return result;
  } catch (error) {
    // Inside a caller's transaction, the caller answers: that transaction is undone whatever happened here.
    if (context.transaction) throw error;
    return answerAfterLosingARace(context, props, read, error);
  }
}

/**
 * Reads the request: each field on its own (no clock, no database), and the workspace it names,
 * which the installations decide (a read of its own, so before the transaction).
 */
async function readRequest(context: DomainContext, props: ScheduleInterviewProps): Promise<ReadRequest> {
  const checked = checkScheduleInterviewRequest(props.input);
  const fingerprint =
    checked.request && props.idempotencyKey ? (props.plan?.requestFingerprint ?? fingerprintRequest(checked.request)) : null;
  const workspace = props.booking
    ? { workspace: props.booking.workspace, problem: null }
    : (props.workspace ?? (await resolveWorkspace(context, props.actor, checked.slackWorkspace, checked.meantForSlack)));
  if (!props.booking && !props.plan) await refuseAChosenTimeThatClashes(context, props, { checked, fingerprint, workspace });
  return { checked, fingerprint, workspace };
}

/**
 * A time the person chose, at which a calendar shows an interviewer busy, is refused unless the
 * request allows conflicts. Read before the transaction (the providers answer over the network);
 * skipped when the request has other problems (they are answered first) and for a retry of a
 * keyed request that already made its interview (its own event is on those calendars now).
 */
async function refuseAChosenTimeThatClashes(context: DomainContext, props: ScheduleInterviewProps, read: ReadRequest): Promise<void> {
  const request = read.checked.request;
  if (!context.calendars?.provider) return;
  if (!request?.scheduledTime || request.allowConflicts || request.interviewers.length === 0 || read.workspace.problem) return;
  if (explicitTimeProblems(request.scheduledTime, context.now()).length > 0) return;
  if (props.idempotencyKey) {
    const key = props.idempotencyKey;
    // Inside a plan's transaction, read there: on SQLite a read beside it waits for it, which never ends.
    const exists = (manager: EntityManager) => manager.existsBy(Interview, { idempotencyKey: key });
    const earlier = context.transaction ? await exists(context.transaction) : await context.database.read(exists);
    if (earlier) return;
  }
  const durationMinutes = request.durationMinutes ?? DEFAULT_DURATION_MINUTES;
  await refuseWhenInterviewersBusy(context, {
    interviewers: request.interviewers,
    workspace: workspaceColumns(read.workspace.workspace),
    proposed: { startsAt: request.scheduledTime, endsAt: new Date(request.scheduledTime.getTime() + durationMinutes * 60_000) },
  });
}

async function scheduleInTransaction(
  manager: EntityManager,
  context: DomainContext,
  props: ScheduleInterviewProps,
  read: ReadRequest,
): Promise<ScheduleInterviewResult> {
  const key = read.checked.request ? props.idempotencyKey : undefined;
  const keyedRequest: KeyedRequest = { action: 'schedule_interview', fingerprint: read.fingerprint };
  if (key) {
    await requireKeyNamesThisRequest(manager, key, keyedRequest);
    const earlier = await manager.findOneBy(Interview, { idempotencyKey: key });
    if (earlier) return replayEarlierRequest(earlier, read.fingerprint);
  }
  const now = context.now();
  const slot = read.checked.slotId ? await findSlot(manager, read.checked.slotId, scopeOfActor(props.actor)) : null;
  const problems = everyProblem(read, slot, now);
  if (!read.checked.request || problems.length > 0) throw new InputValidationError(problems);
  const interview = await storeInterview(manager, context, props, read, slot, now);
  if (key) await recordRequestKeyUse(manager, key, { ...keyedRequest, targetId: interview.id }, now);
  return { interview, created: true };
}

/**
 * Every problem with the request, each field named once: its fields, an explicit time against
 * R1's limits, the workspace, and the chosen slot (free, not begun, of the same workspace, and
 * matching a time given with it).
 */
function everyProblem(read: ReadRequest, slot: AvailabilitySlot | null, now: Date): FieldProblem[] {
  const { checked, workspace } = read;
  const problems = [...checked.problems, ...explicitTimeProblems(checked.scheduledTime, now)];
  if (workspace.problem) problems.push(workspace.problem);
  const named = (field: string) => problems.some((problem) => problem.field === field);
  if (checked.slotId && !named('slotId')) {
    const slotProblems = [
      ...slotAndTimeProblems({ slotId: checked.slotId, scheduledTime: checked.scheduledTime }, slot, now),
      ...(slot && !workspace.problem ? [workspaceWithSlots(workspace.workspace, [slot], 'slotId').problem] : []),
    ];
    for (const problem of slotProblems) if (problem && !named(problem.field)) problems.push(problem);
  }
  return problems;
}

/** Stores the checked request as the interview, with its key, link, event and outbox jobs, booking its slot. */
async function storeInterview(
  manager: EntityManager,
  context: DomainContext,
  props: ScheduleInterviewProps,
  read: ReadRequest,
  slot: AvailabilitySlot | null,
  now: Date,
): Promise<Interview> {
  const request = read.checked.request!;
  const { booking } = props;
  const { time, source } = resolveScheduledTime({
    explicitTime: request.scheduledTime,
    slotStart: slot?.startsAt,
    now,
    defaultLeadMinutes: context.defaultLeadMinutes,
  });
  const id = booking?.interviewId ?? uuidv4();
  const sessionKey = generateSessionKey();
  const interviewers = slot ? withSlotInterviewer(request.interviewers, slot) : request.interviewers;
  const interview = manager.create(Interview, {
    id,
    candidateName: request.candidateName,
    candidateEmail: request.candidateEmail,
    candidateEmailNormalized: normalizedEmailAddress(request.candidateEmail),
    role: request.role ?? null,
    interviewers: booking ? withNames(interviewers, booking.interviewerNames) : interviewers,
    organizerSlackUserId: booking ? booking.organizerSlackUserId : props.actor.kind === 'slack' ? props.actor.userId : null,
    ...workspaceColumns(slot ? workspaceWithSlots(read.workspace.workspace, [slot], 'slotId').workspace : read.workspace.workspace),
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
    slotId: slot?.id ?? booking?.pickedPlanSlotId ?? null,
    calendarSequence: 0,
    idempotencyKey: props.idempotencyKey ?? null,
    requestFingerprint: read.fingerprint,
    candidateFirstOpenedAt: null,
    cancelledAt: null,
    noShowAlertedAt: null,
    loopId: props.plan?.loop?.loopId ?? null,
    sessionTitle: props.plan?.loop?.sessionTitle ?? null,
    poolPicks: props.plan?.poolPicks ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await insertRows(manager, Interview, interview);
  await insertParticipants(manager, interview);
  const slotToBook = slot?.id ?? booking?.pickedPlanSlotId;
  if (slotToBook) {
    await bookSlot(manager, { slotId: slotToBook, interviewId: id, now }, context.expireOffersLeftWithoutSlots);
  }
  await insertRows(manager, InterviewEvent, {
    id: uuidv4(),
    interviewId: id,
    type: InterviewEventType.Scheduled,
    actor: describeActor(props.actor),
    details: { scheduledTime: time.toISOString(), timeSource: source },
    createdAt: now,
  });
  const ownDeliveries = planDeliveriesForNewInterview(interview, interviewerCopiesOf(context)).filter(
    (delivery) => !props.plan?.loop || (delivery.kind !== DeliveryKind.CandidateInvitation && delivery.kind !== DeliveryKind.ChannelPost),
  );
  await queueDeliveries(
    manager,
    interview,
    withWebhooksIfOn(context, [
      ...ownDeliveries,
      ...planTimedDeliveries(interview, context.reminders, now),
      planInterviewWebhook('interview.scheduled', interview, now),
      ...planNoShowWebhook(interview, context.reminders, now),
    ]),
    now,
  );
  await context.followInterviewWithMeeting?.(manager, interview, 'scheduled', now);
  return interview;
}

/**
 * The transaction failed: a retry that raced its first attempt, which holds the key (and the
 * slot) now, is answered as that first attempt; another request that took the key first refuses
 * this one; a slot someone else booked meanwhile is named as taken.
 */
async function answerAfterLosingARace(
  context: DomainContext,
  props: ScheduleInterviewProps,
  read: ReadRequest,
  error: unknown,
): Promise<ScheduleInterviewResult> {
  if (read.checked.request && props.idempotencyKey && (isUniqueViolation(error) || isSlotTakenError(error))) {
    const keyedRequest: KeyedRequest = { action: 'schedule_interview', fingerprint: read.fingerprint };
    await requireKeyNamesThisCreation(context, props.idempotencyKey, keyedRequest);
    const earlier = await context.database.read((manager) => manager.findOneBy(Interview, { idempotencyKey: props.idempotencyKey }));
    if (earlier) return replayEarlierRequest(earlier, read.fingerprint);
  }
  if (read.checked.slotId && isUniqueViolation(error)) throw slotTakenError();
  throw error;
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

function replayEarlierRequest(earlier: Interview, fingerprint: string | null): ScheduleInterviewResult {
  if (earlier.requestFingerprint !== fingerprint) {
    throw new IdempotencyConflictError(earlier.id);
  }
  return { interview: earlier, created: false };
}

/** The interviewers, each with the name the booking request knew them by, when it knew one. */
function withNames(interviewers: Interviewer[], names: ReadonlyMap<string, string>): Interviewer[] {
  return interviewers.map((person) => {
    const name = names.get(person.slackUserId ?? person.email ?? '');
    return name ? { ...person, name } : person;
  });
}
