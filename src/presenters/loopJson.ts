import type { LoopWithSessions } from '../domain/loops/scheduleLoop';
import { presentInterviewJson } from './interviewJson';

const MINUTE_MS = 60_000;

/** A loop as the REST API shows it: its state, its span, and each session as an interview (each with its `loopId`). */
export function presentLoopJson({ loop, sessions }: LoopWithSessions) {
  const last = sessions[sessions.length - 1];
  return {
    id: loop.id,
    status: loop.status,
    maxGapMinutes: loop.maxGapMinutes,
    startsAt: sessions[0]?.scheduledTime.toISOString() ?? null,
    endsAt: last ? new Date(last.scheduledTime.getTime() + last.durationMinutes * MINUTE_MS).toISOString() : null,
    cancelledAt: loop.cancelledAt?.toISOString() ?? null,
    createdAt: loop.createdAt.toISOString(),
    sessions: sessions.map(presentInterviewJson),
  };
}
