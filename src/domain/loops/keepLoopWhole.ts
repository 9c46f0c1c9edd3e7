import { interviewerNamesOf } from '../interviews/interviewParticipants';
import type { Interview } from '../interviews/Interview';
import type { ChangedLoopSession, KeepLoopWhole } from '../shared/domainContext';
import { InputValidationError, type FieldProblem } from '../shared/errors';
import { findLoopSessions } from './loopQueries';
import { liveSessionsOf } from './loopState';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const MOVE_THE_LOOP = 'or move the whole loop with PATCH /api/loops/:id';

/**
 * A session of a loop changed on its own (PATCH /api/interviews/:id, its reschedule, a slot) must
 * leave the loop whole, as making it did: the candidate in one session at a time, the sessions
 * within one day, each person in one session. The other sessions are those still on; how far
 * apart they are (`maxGapMinutes`) is the search's rule for laying a loop out, not one a
 * recruiter's hand-made change must keep.
 */
export const keepLoopWhole: KeepLoopWhole = async (manager, session) => {
  const others = liveSessionsOf(await findLoopSessions(manager, session.loopId)).filter((other) => other.id !== session.id);
  if (others.length === 0) return;
  const timeField = session.scheduledTime.getTime() !== session.before.scheduledTime.getTime() ? 'scheduledTime' : 'durationMinutes';
  const problems: FieldProblem[] = [];
  const timeProblem = overlapProblem(session, others) ?? daySpanProblem(session, others);
  if (timeProblem) problems.push({ field: timeField, message: timeProblem });
  const sharedProblem = sharedPersonProblem(session, others);
  if (sharedProblem) problems.push({ field: 'interviewers', message: sharedProblem });
  if (problems.length > 0) throw new InputValidationError(problems);
};

function overlapProblem(session: ChangedLoopSession, others: readonly Interview[]): string | null {
  const { start, end } = spanOf(session);
  const overlapped = others.find((other) => start < spanOf(other).end && spanOf(other).start < end);
  if (!overlapped) return null;
  return (
    `It would overlap ${nameOf(overlapped)} of the same loop (${spanText(overlapped)}): the candidate cannot be in two sessions at once. ` +
    `Pick a time clear of the other sessions, ${MOVE_THE_LOOP}.`
  );
}

function daySpanProblem(session: ChangedLoopSession, others: readonly Interview[]): string | null {
  const spans = [session, ...others].map(spanOf);
  const first = Math.min(...spans.map((span) => span.start));
  const last = Math.max(...spans.map((span) => span.end));
  if (last - first <= DAY_MS) return null;
  return `The loop's sessions would then span ${Math.round((last - first) / (60 * MINUTE_MS))} hours; a loop happens on one day. Pick a time near the other sessions, ${MOVE_THE_LOOP}.`;
}

function sharedPersonProblem(session: ChangedLoopSession, others: readonly Interview[]): string | null {
  const names = new Set(interviewerNamesOf({ interviewers: [...session.interviewers] }));
  for (const other of others) {
    const shared = interviewerNamesOf(other).find((name) => names.has(name));
    if (shared) return `${shared} is already in ${nameOf(other)} of the same loop; a person takes one session of a loop.`;
  }
  return null;
}

function spanOf(session: Pick<Interview, 'scheduledTime' | 'durationMinutes'>): { start: number; end: number } {
  const start = session.scheduledTime.getTime();
  return { start, end: start + session.durationMinutes * MINUTE_MS };
}

function nameOf(session: Interview): string {
  return session.sessionTitle ? `the session “${session.sessionTitle}”` : 'another session';
}

function spanText(session: Interview): string {
  const { start, end } = spanOf(session);
  return `${new Date(start).toISOString()} to ${new Date(end).toISOString()}`;
}
