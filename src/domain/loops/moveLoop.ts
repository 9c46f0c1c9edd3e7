import { type InterviewersBusyError, InputValidationError, type FieldProblem } from '../shared/errors';
import type { DomainContext } from '../shared/domainContext';
import { checkScheduledTimeIsBookable, MAX_DAYS_AHEAD } from '../shared/scheduledTime';
import { readTimeInZone, TIME_FORMAT_MESSAGE } from '../shared/timeInput';
import type { Interview } from '../interviews/Interview';
import { InterviewEventType } from '../interviews/InterviewEvent';
import { dropPendingTimedDeliveries, planTimedDeliveries } from '../interviews/reminderPlan';
import { busyTimesOf, planNameOf } from './busyTimes';
import { bookInterviewers, isInterviewerOverlap, releaseInterviewerBookings } from './interviewerBookings';
import { changeLoop, type LoopChangeRequest, type LoopChangeResult } from './loopChanges';
import { busyError } from './scheduleWithPools';

const MINUTE_MS = 60_000;

export interface MoveLoopProps extends LoopChangeRequest {
  /** The body: `{"startsAt"}`, the first session's new start. */
  input: unknown;
}

/**
 * Moves the whole loop (PATCH /api/loops/:id {"startsAt"}): every session by the same amount, so
 * their order and gaps stay; each keeps its join link. The new first start obeys R1; anyone busy
 * at their session's new time (another interview of theirs) → 409 interviewers_busy, nothing moved.
 * The candidate gets one update email for the loop; each interviewer, their session's calendar update.
 */
export async function moveLoop(context: DomainContext, props: MoveLoopProps): Promise<LoopChangeResult> {
  try {
    return await changeLoop(
      context,
      props,
      {
        action: 'move_loop',
        refusalWhenCancelled: 'This loop is cancelled, so it cannot be moved.',
        event: InterviewEventType.Rescheduled,
        loopChange: 'moved',
        interviewerEmail: 'update',
        interviewerNotice: 'rescheduled',
      },
      async (manager, _loop, sessions, now) => {
        const firstStart = readNewStart(props.input, sessions[0].timezone, now);
        const shift = firstStart.getTime() - sessions[0].scheduledTime.getTime();
        const previous = new Map(sessions.map((session) => [session.id, session.scheduledTime.toISOString()]));
        const moved = sessions.map((session) => ({ session, startsAt: new Date(session.scheduledTime.getTime() + shift) }));
        // R1 for every session, as when the loop was made, not only the first.
        const tooLate = moved.findIndex(({ startsAt }) => checkScheduledTimeIsBookable(startsAt, now) !== null);
        if (tooLate > 0) {
          throw InputValidationError.forField(
            'startsAt',
            `Session ${tooLate + 1} would then start more than ${MAX_DAYS_AHEAD} days ahead. Pick an earlier start.`,
          );
        }
        const busy = await busyAtNewTimes(manager, moved);
        if (busy.length > 0) throw busyError(busy);
        await releaseInterviewerBookings(
          manager,
          sessions.map((session) => session.id),
        );
        for (const { session, startsAt } of moved) {
          await dropPendingTimedDeliveries(manager, session.id);
          session.scheduledTime = startsAt;
          session.calendarSequence += 1;
          await bookInterviewers(manager, session);
          await context.followInterviewWithMeeting?.(manager, session, 'rescheduled', now);
        }
        return {
          details: (session) => ({ from: previous.get(session.id) ?? null, to: session.scheduledTime.toISOString() }),
          extra: (session) => planTimedDeliveries(session, context.reminders, now),
        };
      },
    );
  } catch (error) {
    if (isInterviewerOverlap(error)) throw busyError([]);
    throw error;
  }
}

function readNewStart(input: unknown, zone: string, now: Date): Date {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw InputValidationError.forField('body', 'Send a JSON object with startsAt: the first session’s new start.');
  }
  const body = input as Record<string, unknown>;
  const problems: FieldProblem[] = Object.keys(body)
    .filter((key) => key !== 'startsAt')
    .map((key) => ({ field: key, message: 'A loop moves by its first start only: send startsAt alone.' }));
  let startsAt: Date | undefined;
  if (typeof body.startsAt !== 'string' || body.startsAt.trim() === '') {
    problems.push({ field: 'startsAt', message: `The first session’s new start is required. ${TIME_FORMAT_MESSAGE}` });
  } else {
    const reading = readTimeInZone(body.startsAt, zone);
    if ('problem' in reading) problems.push({ field: 'startsAt', message: reading.problem });
    else {
      const problem = checkScheduledTimeIsBookable(reading.instant, now, 'startsAt');
      if (problem) problems.push(problem);
      else startsAt = reading.instant;
    }
  }
  if (problems.length > 0 || !startsAt) throw new InputValidationError(problems);
  return startsAt;
}

/** Everyone busy at their session's new time: their other interviews, the loop's own left out. */
async function busyAtNewTimes(
  manager: Parameters<typeof busyTimesOf>[0],
  moved: ReadonlyArray<{ session: Interview; startsAt: Date }>,
): Promise<InterviewersBusyError['busy']> {
  const people = [...new Set(moved.flatMap(({ session }) => session.interviewers.map(planNameOf).filter((name) => name !== null)))];
  const from = moved[0].startsAt;
  const last = moved[moved.length - 1];
  const to = new Date(last.startsAt.getTime() + last.session.durationMinutes * MINUTE_MS);
  const busyTimes = await busyTimesOf(
    manager,
    people,
    { from, to },
    moved.map(({ session }) => session.id),
  );
  const busy: InterviewersBusyError['busy'] = [];
  for (const { session, startsAt } of moved) {
    const endsAt = new Date(startsAt.getTime() + session.durationMinutes * MINUTE_MS);
    for (const person of session.interviewers.map(planNameOf)) {
      if (person === null) continue;
      for (const period of busyTimes.get(person) ?? []) {
        const start = Math.max(period.startsAt.getTime(), startsAt.getTime());
        const end = Math.min(period.endsAt.getTime(), endsAt.getTime());
        if (start < end) busy.push({ interviewer: person, startsAt: new Date(start), endsAt: new Date(end) });
      }
    }
  }
  return busy;
}
