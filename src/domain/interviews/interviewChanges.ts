import { v4 as uuidv4 } from 'uuid';
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { Interview } from './Interview';
import { InterviewEvent, InterviewEventType } from './InterviewEvent';
import { insertRows } from '../../db/insertRows';
import { participantRowsSource, updateParticipants } from './interviewParticipants';
import { queueDeliveries } from './interviewDeliveries';
import { withWebhooksIfOn } from './interviewWebhooks';
import { type QueuedDelivery } from '../deliveries/insertDeliveryJobs';
import { type DomainContext } from '../shared/domainContext';
import { describeActor, type Actor } from '../shared/actor';
import { IdempotencyConflictError, InterviewCancelledError, InterviewNotFoundError, NotAllowedError } from '../shared/errors';
import { InterviewStatus } from './interviewStatus';
import { checkChangeKey, runKeyedChange, type ChangeRequestKey, type RequestAction } from '../shared/requestKeys';
import { isWithinScope } from '../workspaces/slackWorkspace';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a string that could be an interview's id; anything else names no interview. */
export function isInterviewId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Loads an interview to change it, locking its row on PostgreSQL (SQLite runs one change at a time). */
export async function loadInterviewForChange(manager: EntityManager, database: Database, interviewId: string): Promise<Interview> {
  if (!isInterviewId(interviewId)) {
    throw new InterviewNotFoundError();
  }
  const interview = await manager.findOne(Interview, {
    where: { id: interviewId },
    ...(database.dialect === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!interview) {
    throw new InterviewNotFoundError();
  }
  return interview;
}

/**
 * Who may change an interview: the API (it holds the token), and, from its own Slack workspace, its
 * organizer and its interviewers.
 */
export function mayChangeInterview(
  interview: Pick<Interview, 'organizerSlackUserId' | 'interviewers' | 'slackTeamId' | 'slackEnterpriseId'>,
  actor: Actor,
): boolean {
  if (actor.kind === 'api') return true;
  if (actor.kind !== 'slack' || !isWithinScope(interview, actor.scope)) return false;
  return interview.organizerSlackUserId === actor.userId || interview.interviewers.some((person) => person.slackUserId === actor.userId);
}

export function assertMayChangeInterview(interview: Interview, actor: Actor): void {
  if (actor.kind === 'slack' && !isWithinScope(interview, actor.scope)) {
    throw new NotAllowedError('This interview belongs to another Slack workspace; only people there can change it.');
  }
  if (!mayChangeInterview(interview, actor)) {
    throw new NotAllowedError('Only the person who scheduled this interview and its interviewers can change it.');
  }
}

export async function recordInterviewEvent(
  manager: EntityManager,
  interviewId: string,
  type: InterviewEventType,
  actor: Actor,
  now: Date,
  details: InterviewEvent['details'] = null,
  requestKey: string | null = null,
): Promise<void> {
  await insertRows(manager, InterviewEvent, {
    id: uuidv4(),
    interviewId,
    type,
    actor: describeActor(actor),
    requestKey,
    details,
    createdAt: now,
  });
}

/**
 * Who asks to change which interview: what every change command takes. A second request with the
 * same key is answered with the interview as it stands, without changing it again; the same key
 * sent with a different request is refused (IdempotencyConflictError).
 */
export interface InterviewChangeRequest extends ChangeRequestKey {
  interviewId: string;
  actor: Actor;
}

/** Where a change's event keeps its request's fingerprint, beside the change's own details. */
const REQUEST_FINGERPRINT_DETAIL = 'requestFingerprint';

/** What a change is: how its request key records it, and what it says when the interview is already cancelled. */
export interface InterviewChangeKind {
  /** The change, as its request key records it: a key used for one change of one interview names no other. */
  action: RequestAction;
  /** The refusal, in the change's own words, when the interview was cancelled. */
  refusalWhenCancelled: string;
}

/** What a change did: its audit event, and what it owes the candidate, the channel and the interviewers. */
export interface InterviewChangeOutcome {
  event: InterviewEventType;
  details?: InterviewEvent['details'];
  deliveries: QueuedDelivery[];
  /** True when the interview row itself changed and must be saved. */
  interviewChanged: boolean;
}

export interface InterviewChangeResult {
  interview: Interview;
  /** `changed`; `unchanged` when there was nothing to do; `replayed` for a repeated request key. */
  outcome: 'changed' | 'unchanged' | 'replayed';
}

/**
 * The shape every change to an interview takes, in one transaction: load and lock it, check the
 * person may change it, refuse a request key used for another request, answer a repeated request
 * as the first, refuse a cancelled interview, apply the change, then save it with its event, its
 * deliveries and its request key. Returns null from `apply` when there is nothing to change.
 */
export async function changeInterview(
  context: DomainContext,
  target: InterviewChangeRequest,
  kind: InterviewChangeKind,
  apply: (
    manager: EntityManager,
    interview: Interview,
    now: Date,
  ) => InterviewChangeOutcome | null | Promise<InterviewChangeOutcome | null>,
): Promise<InterviewChangeResult> {
  return runKeyedChange<InterviewChangeResult>(context, target.requestKey, async (manager) => {
    const now = context.now();
    const interview = await loadInterviewForChange(manager, context.database, target.interviewId);
    assertMayChangeInterview(interview, target.actor);
    const key = await checkChangeKey(manager, target, kind.action, interview.id);
    const earlier = target.requestKey
      ? await manager.findOneBy(InterviewEvent, { interviewId: interview.id, requestKey: target.requestKey })
      : null;
    if (earlier) {
      const earlierFingerprint = earlier.details?.[REQUEST_FINGERPRINT_DETAIL];
      if (target.requestFingerprint && earlierFingerprint && earlierFingerprint !== target.requestFingerprint) {
        throw new IdempotencyConflictError(interview.id);
      }
      return { result: { interview, outcome: 'replayed' }, queued: false };
    }
    if (interview.status === InterviewStatus.Cancelled) {
      throw new InterviewCancelledError(kind.refusalWhenCancelled);
    }
    await key.record(now);
    const participantsBefore = participantRowsSource(interview);
    const timeBefore = { scheduledTime: interview.scheduledTime, durationMinutes: interview.durationMinutes };
    const change = await apply(manager, interview, now);
    if (!change) {
      return { result: { interview, outcome: 'unchanged' }, queued: false };
    }
    if (change.interviewChanged && interview.loopId && change.event !== InterviewEventType.Cancelled) {
      await context.keepLoopWhole?.(manager, { ...interview, loopId: interview.loopId, before: timeBefore });
    }
    if (change.interviewChanged) {
      interview.updatedAt = now;
      await manager.save(interview);
      await updateParticipants(manager, interview, participantsBefore);
    }
    const details = target.requestFingerprint
      ? { ...change.details, [REQUEST_FINGERPRINT_DETAIL]: target.requestFingerprint }
      : (change.details ?? null);
    await recordInterviewEvent(manager, interview.id, change.event, target.actor, now, details, target.requestKey ?? null);
    const queued = await queueDeliveries(manager, interview, withWebhooksIfOn(context, change.deliveries), now);
    return { result: { interview, outcome: 'changed' }, queued: queued.length > 0 };
  });
}
