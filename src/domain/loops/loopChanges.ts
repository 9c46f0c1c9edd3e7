import type { EntityManager } from 'typeorm';
import type { Actor } from '../shared/actor';
import type { DomainContext } from '../shared/domainContext';
import { InterviewCancelledError, LoopNotFoundError, NotAllowedError } from '../shared/errors';
import { checkChangeKey, runKeyedChange, type ChangeRequestKey, type RequestAction } from '../shared/requestKeys';
import { DeliveryKind } from '../deliveries/DeliveryJob';
import type { PlannedDelivery } from '../deliveries/deliveryPayloads';
import { Interview } from '../interviews/Interview';
import { isInterviewId, mayChangeInterview, recordInterviewEvent } from '../interviews/interviewChanges';
import { planInterviewerInvitations, queueDeliveries } from '../interviews/interviewDeliveries';
import type { InterviewEventType } from '../interviews/InterviewEvent';
import { isWithinScope } from '../workspaces/slackWorkspace';
import { Loop, LoopStatus } from './Loop';
import { liveSessionsOf } from './loopState';
import { queueLoopDeliveries } from './loopDeliveries';
import { findLoopSessions } from './loopQueries';
import type { LoopWithSessions } from './scheduleLoop';
import { participantRowsSource, updateParticipants } from '../interviews/interviewParticipants';

/** Who asks to change which loop, under which request key: what both loop changes take. */
export interface LoopChangeRequest extends ChangeRequestKey {
  loopId: string;
  actor: Actor;
}

export interface LoopChangeResult extends LoopWithSessions {
  outcome: 'changed' | 'replayed';
}

/** What a loop change does to each session, and what the sessions' people are told. */
export interface LoopChangeKind {
  action: Extract<RequestAction, 'move_loop' | 'cancel_loop'>;
  refusalWhenCancelled: string;
  event: InterviewEventType;
  /** The candidate's one email and the loop's message: moved or cancelled. */
  loopChange: 'moved' | 'cancelled';
  interviewerEmail: 'update' | 'cancellation';
  interviewerNotice: 'rescheduled' | 'cancelled';
}

/**
 * The shape of every change to a whole loop, in one transaction, as for an interview: load and
 * lock it, check the person may change it (the API; from Slack, the organizer or an interviewer of
 * any session), refuse a key used for another request, answer a repeated one as the first, refuse a
 * cancelled loop (or a move of one whose every session was cancelled on its own), then apply the
 * change to every session not cancelled, each with its event, its interviewers' calendar emails and
 * DMs, and the loop's one candidate email and message update.
 */
export async function changeLoop(
  context: DomainContext,
  target: LoopChangeRequest,
  kind: LoopChangeKind,
  apply: (
    manager: EntityManager,
    loop: Loop,
    /** The sessions not cancelled, in order. */
    sessions: Interview[],
    now: Date,
  ) => Promise<{
    details: (session: Interview) => Record<string, string | number | boolean | null> | null;
    extra: (session: Interview) => PlannedDelivery[];
  }>,
): Promise<LoopChangeResult> {
  return runKeyedChange<LoopChangeResult>(context, target.requestKey, async (manager) => {
    const now = context.now();
    const loop = await loadLoopForChange(manager, context, target.loopId);
    const sessions = await lockLoopSessions(manager, context, loop.id);
    assertMayChangeLoop(sessions, target.actor);
    const key = await checkChangeKey(manager, target, kind.action, loop.id);
    if (key.firstUse) return { result: { loop, sessions, outcome: 'replayed' }, queued: false };
    // A session cancelled on its own (through /api/interviews/:id) stays as it is: not moved, its people not told again.
    const live = liveSessionsOf(sessions);
    if (loop.status === LoopStatus.Cancelled || (live.length === 0 && kind.loopChange === 'moved')) {
      throw new InterviewCancelledError(kind.refusalWhenCancelled);
    }
    await key.record(now);
    const participantsBefore = new Map(live.map((session) => [session.id, participantRowsSource(session)]));
    const change = await apply(manager, loop, live, now);
    loop.updatedAt = now;
    await manager.save(loop);
    for (const session of live) {
      session.updatedAt = now;
      await manager.save(session);
      await updateParticipants(manager, session, participantsBefore.get(session.id)!);
      await recordInterviewEvent(manager, session.id, kind.event, target.actor, now, change.details(session), null);
      const notices: PlannedDelivery[] = session.interviewers.flatMap((person) =>
        person.slackUserId
          ? [{ kind: DeliveryKind.InterviewerNotice, payload: { slackUserId: person.slackUserId, change: kind.interviewerNotice } }]
          : [],
      );
      await queueDeliveries(
        manager,
        session,
        [...planInterviewerInvitations(session, kind.interviewerEmail), ...notices, ...change.extra(session)],
        now,
      );
    }
    await queueLoopDeliveries(manager, sessions[0], kind.loopChange, now);
    return { result: { loop, sessions: await findLoopSessions(manager, loop.id), outcome: 'changed' }, queued: true };
  });
}

async function loadLoopForChange(manager: EntityManager, context: DomainContext, loopId: string): Promise<Loop> {
  if (!isInterviewId(loopId)) throw new LoopNotFoundError();
  const loop = await manager.findOne(Loop, {
    where: { id: loopId.toLowerCase() },
    ...(context.database.dialect === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!loop) throw new LoopNotFoundError();
  return loop;
}

/**
 * The loop's sessions, in order, locked on PostgreSQL as an interview's change locks it: a session
 * changed on its own (PATCH /api/interviews/:id) at the same moment is then read as it was left,
 * not overwritten with what it was before.
 */
function lockLoopSessions(manager: EntityManager, context: DomainContext, loopId: string): Promise<Interview[]> {
  if (context.database.dialect !== 'postgres') return findLoopSessions(manager, loopId);
  return manager.find(Interview, { where: { loopId }, order: { scheduledTime: 'ASC', id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
}

/** Refuses someone who may not change this loop (another workspace; neither its organizer nor an interviewer of a session). */
export function assertMayChangeLoop(sessions: readonly Interview[], actor: Actor): void {
  if (actor.kind === 'slack' && !sessions.every((session) => isWithinScope(session, actor.scope))) {
    throw new NotAllowedError('This loop belongs to another Slack workspace; only people there can change it.');
  }
  if (!sessions.some((session) => mayChangeInterview(session, actor))) {
    throw new NotAllowedError('Only the person who scheduled this loop and its interviewers can change it.');
  }
}
