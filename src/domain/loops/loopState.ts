import type { Interview } from '../interviews/Interview';
import { InterviewStatus } from '../interviews/interviewStatus';
import { type Loop, LoopStatus } from './Loop';

/** The sessions not cancelled on their own (through /api/interviews/:id), in order. */
export function liveSessionsOf(sessions: readonly Interview[]): Interview[] {
  return sessions.filter((session) => session.status !== InterviewStatus.Cancelled);
}

export interface LoopState {
  status: LoopStatus;
  cancelledAt: Date | null;
  /** The sessions still on; when none is, every session, so the loop still has a span to show. */
  sessionsShown: Interview[];
}

/**
 * Where a loop stands: cancelled when cancelled as a whole, and also once every session was
 * cancelled on its own (then since the last of those cancellations); else scheduled, spanning the
 * sessions still on.
 */
export function loopStateOf(loop: Loop, sessions: readonly Interview[]): LoopState {
  const live = liveSessionsOf(sessions);
  if (loop.status === LoopStatus.Cancelled) return { status: loop.status, cancelledAt: loop.cancelledAt, sessionsShown: [...sessions] };
  if (live.length > 0 || sessions.length === 0) return { status: loop.status, cancelledAt: null, sessionsShown: live };
  const lastCancelled = Math.max(...sessions.map((session) => session.cancelledAt?.getTime() ?? 0));
  return { status: LoopStatus.Cancelled, cancelledAt: lastCancelled > 0 ? new Date(lastCancelled) : null, sessionsShown: [...sessions] };
}
