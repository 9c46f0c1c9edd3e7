import { In, type EntityManager } from 'typeorm';
import { v4 as uuidv4 } from 'uuid';
import { insertRows } from '../../db/insertRows';
import type { Interview } from '../interviews/Interview';
import { InterviewerBooking } from './InterviewerBooking';
import { planNameOf } from './busyTimes';
import { InterviewStatus } from '../interviews/interviewStatus';

const MINUTE_MS = 60_000;
/** PostgreSQL's exclusion_violation: the schema refused two overlapping bookings of one interviewer. */
const EXCLUSION_VIOLATION = '23P01';

/** Records the time each of the interview's interviewers is now booked for. */
export async function bookInterviewers(
  manager: EntityManager,
  interview: Pick<Interview, 'id' | 'interviewers' | 'scheduledTime' | 'durationMinutes'>,
): Promise<void> {
  const names = [...new Set(interview.interviewers.map(planNameOf).filter((name) => name !== null))];
  if (names.length === 0) return;
  await dropStaleBookings(manager, names);
  const startsAt = interview.scheduledTime;
  const endsAt = new Date(startsAt.getTime() + interview.durationMinutes * MINUTE_MS);
  await insertRows(
    manager,
    InterviewerBooking,
    names.map((interviewer) => ({ id: uuidv4(), interviewId: interview.id, interviewer, startsAt, endsAt })),
  );
}

/**
 * Drops these people's bookings whose interview no longer holds that time: cancelled or moved one
 * by one (through /api/interviews/:id), which the interview commands do not tell this table of.
 */
async function dropStaleBookings(manager: EntityManager, names: readonly string[]): Promise<void> {
  await manager
    .createQueryBuilder()
    .delete()
    .from(InterviewerBooking)
    .where('"interviewer" IN (:...names)', { names })
    .andWhere(
      `NOT EXISTS (SELECT 1 FROM "interview" WHERE "interview"."id" = "interviewer_booking"."interviewId"
         AND "interview"."status" = :scheduled AND "interview"."scheduledTime" = "interviewer_booking"."startsAt")`,
      { scheduled: InterviewStatus.Scheduled },
    )
    .execute();
}

/** Frees the interviewers' time the interviews held (cancelled, or about to be booked again at another time). */
export async function releaseInterviewerBookings(manager: EntityManager, interviewIds: readonly string[]): Promise<void> {
  if (interviewIds.length > 0) await manager.delete(InterviewerBooking, { interviewId: In([...interviewIds]) });
}

/** True when PostgreSQL refused a booking that overlaps another of the same interviewer. */
export function isInterviewerOverlap(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current && typeof current === 'object'; depth += 1) {
    if ((current as { code?: unknown }).code === EXCLUSION_VIOLATION) return true;
    current = (current as { driverError?: unknown; cause?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}
