import { v4 as uuidv4 } from 'uuid';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../db/database';
import { AvailabilitySlot } from '../db/entities/AvailabilitySlot';
import { Interview } from '../db/entities/Interview';
import { InterviewEvent, InterviewEventType } from '../db/entities/InterviewEvent';
import { describeActor, type Actor, type DomainContext } from './domainContext';
import { planDeliveriesForNewInterview, queueDeliveries } from './deliveryPlan';
import { IdempotencyConflictError, InputValidationError, type FieldProblem } from './errors';
import { DEFAULT_DURATION_MINUTES, fingerprintRequest, type ScheduleInterviewRequest } from './interviewInput';
import { InterviewStatus } from './interviewStatus';
import { buildJoinLink, generateSessionKey } from './joinLink';
import { buildMeetingUrl } from './meetingUrl';
import { checkScheduledTimeIsBookable, checkTimeMatchesSlot, resolveScheduledTime } from './scheduledTime';
import { insertRows } from '../db/insertRows';

export interface ScheduleInterviewProps {
  /** The checked request (see `parseScheduleInterviewRequest`). */
  request: ScheduleInterviewRequest;
  /** Who is scheduling: a Slack user or the API. */
  actor: Actor;
  /**
   * Makes a retried request return the interview it created the first time instead of a second
   * one: the API's Idempotency-Key header, or the Slack view's id.
   */
  idempotencyKey?: string;
  /** The Slack workspace the request came from. */
  slackTeamId?: string;
}

export interface ScheduleInterviewResult {
  interview: Interview;
  /** False when an earlier request with the same idempotency key had already created it. */
  created: boolean;
}

/**
 * The one door through which every interview is created (R6): Slack and the REST API both call it.
 *
 * In one transaction it resolves the time (R1), books the slot if one was chosen, stores the
 * interview with its session key and join link (R2, R3), and queues the candidate's invitation
 * and the channel message in the outbox (R4, R5). Either all of that is stored, or none of it.
 */
export async function scheduleInterview(context: DomainContext, props: ScheduleInterviewProps): Promise<ScheduleInterviewResult> {
  const fingerprint = props.idempotencyKey ? fingerprintRequest(props.request) : null;
  if (props.idempotencyKey) {
    const earlier = await findByIdempotencyKey(context, props.idempotencyKey);
    if (earlier) {
      return replayEarlierRequest(earlier, fingerprint);
    }
  }
  try {
    const interview = await context.database.transaction((manager) =>
      createInterviewInTransaction(manager, context, props, fingerprint),
    );
    context.onDeliveriesQueued();
    return { interview, created: true };
  } catch (error) {
    if (props.idempotencyKey && isUniqueViolation(error)) {
      const earlier = await findByIdempotencyKey(context, props.idempotencyKey);
      if (earlier) {
        return replayEarlierRequest(earlier, fingerprint);
      }
    }
    if (props.request.slotId && isUniqueViolation(error)) {
      throw slotTakenError();
    }
    throw error;
  }
}

async function createInterviewInTransaction(
  manager: EntityManager,
  context: DomainContext,
  props: ScheduleInterviewProps,
  fingerprint: string | null,
): Promise<Interview> {
  const { request } = props;
  const now = context.now();
  const slot = request.slotId ? await findBookableSlot(manager, request.slotId) : null;

  const problems: FieldProblem[] = [];
  if (request.scheduledTime && slot) {
    const mismatch = checkTimeMatchesSlot(request.scheduledTime, slot.startsAt);
    if (mismatch) problems.push(mismatch);
  }
  const { time, source } = resolveScheduledTime({
    explicitTime: request.scheduledTime,
    slotStart: slot?.startsAt,
    now,
    defaultLeadMinutes: context.defaultLeadMinutes,
  });
  const timeProblem = checkScheduledTimeIsBookable(time, now, source === 'slot' ? 'slotId' : 'scheduledTime');
  if (timeProblem) problems.push(timeProblem);
  if (problems.length > 0) {
    throw new InputValidationError(problems);
  }

  const id = uuidv4();
  const sessionKey = generateSessionKey();
  const interview = manager.create(Interview, {
    id,
    candidateName: request.candidateName,
    candidateEmail: request.candidateEmail,
    role: request.role ?? null,
    interviewers: request.interviewers,
    organizerSlackUserId: props.actor.kind === 'slack' ? props.actor.userId : null,
    slackTeamId: props.slackTeamId ?? null,
    channelId: request.channelId ?? null,
    slackMessageChannelId: null,
    slackMessageTs: null,
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
    createdAt: now,
    updatedAt: now,
  });
  await insertRows(manager, Interview, interview);
  if (slot) {
    await bookSlot(manager, slot.id, id);
  }
  await insertRows(manager, InterviewEvent, {
    id: uuidv4(),
    interviewId: id,
    type: InterviewEventType.Scheduled,
    actor: describeActor(props.actor),
    details: { scheduledTime: time.toISOString(), timeSource: source },
    createdAt: now,
  });
  await queueDeliveries(manager, id, planDeliveriesForNewInterview(interview), now);
  return interview;
}

async function findBookableSlot(manager: EntityManager, slotId: string): Promise<AvailabilitySlot> {
  const slot = await manager.findOneBy(AvailabilitySlot, { id: slotId });
  if (!slot) {
    throw InputValidationError.forField('slotId', 'No availability slot with that id.');
  }
  if (slot.bookedInterviewId) {
    throw slotTakenError();
  }
  return slot;
}

/** Claims the slot only if nobody has: the WHERE clause makes two bookings of one slot impossible. */
async function bookSlot(manager: EntityManager, slotId: string, interviewId: string): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(AvailabilitySlot)
    .set({ bookedInterviewId: interviewId })
    .where('id = :slotId AND "bookedInterviewId" IS NULL', { slotId })
    .execute();
  if (result.affected !== 1) {
    throw slotTakenError();
  }
}

function slotTakenError(): InputValidationError {
  return InputValidationError.forField('slotId', 'That slot was just booked by someone else. Pick another slot.');
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
