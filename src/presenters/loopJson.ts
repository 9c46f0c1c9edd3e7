import type { LoopWithSessions } from '../domain/loops/scheduleLoop';
import { loopStateOf } from '../domain/loops/loopState';
import { presentInterviewJson } from './interviewJson';

const MINUTE_MS = 60_000;

/**
 * A loop as the REST API shows it: its state (loopStateOf), its span over the sessions still on,
 * and each session as an interview (each with its `loopId`).
 */
export function presentLoopJson({ loop, sessions }: LoopWithSessions) {
  const { status, cancelledAt, sessionsShown } = loopStateOf(loop, sessions);
  const first = sessionsShown[0];
  const last = sessionsShown[sessionsShown.length - 1];
  return {
    id: loop.id,
    status,
    maxGapMinutes: loop.maxGapMinutes,
    startsAt: first?.scheduledTime.toISOString() ?? null,
    endsAt: last ? new Date(last.scheduledTime.getTime() + last.durationMinutes * MINUTE_MS).toISOString() : null,
    cancelledAt: cancelledAt?.toISOString() ?? null,
    createdAt: loop.createdAt.toISOString(),
    sessions: sessions.map(presentInterviewJson),
  };
}
