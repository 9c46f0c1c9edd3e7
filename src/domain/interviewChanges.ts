import { v4 as uuidv4 } from 'uuid';
import type { EntityManager } from 'typeorm';
import type { Database } from '../db/database';
import { AvailabilitySlot } from '../db/entities/AvailabilitySlot';
import { Interview } from '../db/entities/Interview';
import { InterviewEvent, type InterviewEventType } from '../db/entities/InterviewEvent';
import { describeActor, type Actor } from './domainContext';
import { InterviewNotFoundError, NotAllowedError } from './errors';
import { insertRows } from '../db/insertRows';

/** Loads an interview to change it, locking its row on PostgreSQL (SQLite runs one change at a time). */
export async function loadInterviewForChange(manager: EntityManager, database: Database, interviewId: string): Promise<Interview> {
  const interview = await manager.findOne(Interview, {
    where: { id: interviewId },
    ...(database.dialect === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!interview) {
    throw new InterviewNotFoundError();
  }
  return interview;
}

/** Who may change an interview: the API (it holds the token), its organizer, and its interviewers. */
export function mayChangeInterview(interview: Pick<Interview, 'organizerSlackUserId' | 'interviewers'>, actor: Actor): boolean {
  if (actor.kind === 'api') return true;
  if (actor.kind !== 'slack') return false;
  return interview.organizerSlackUserId === actor.userId || interview.interviewers.some((person) => person.slackUserId === actor.userId);
}

export function assertMayChangeInterview(interview: Interview, actor: Actor): void {
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
): Promise<void> {
  await insertRows(manager, InterviewEvent, { id: uuidv4(), interviewId, type, actor: describeActor(actor), details, createdAt: now });
}

/** Frees the slot an interview had booked, so someone else can book it. */
export async function releaseSlot(manager: EntityManager, interview: Interview): Promise<void> {
  if (!interview.slotId) return;
  await manager.update(AvailabilitySlot, { id: interview.slotId, bookedInterviewId: interview.id }, { bookedInterviewId: null });
}

/** How an actor is named in a Slack thread reply. */
export function actorMention(actor: Actor): string {
  return actor.kind === 'slack' ? `<@${actor.userId}>` : actor.kind === 'api' ? 'the API' : 'the candidate';
}
