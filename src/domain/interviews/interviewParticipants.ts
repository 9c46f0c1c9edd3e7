import type { EntityManager } from 'typeorm';
import { insertRows } from '../../db/insertRows';
import type { Interview } from './Interview';
import { InterviewParticipant } from './InterviewParticipant';

type ParticipantColumns = Pick<Interview, 'id' | 'organizerSlackUserId' | 'interviewers' | 'createdAt'>;

/** The Slack users an interview's participant rows name: its organizer and its interviewers, once each. */
export function participantSlackUserIds(interview: Pick<Interview, 'organizerSlackUserId' | 'interviewers'>): string[] {
  const ids = [interview.organizerSlackUserId, ...interview.interviewers.map((person) => person.slackUserId)];
  return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}

/** Writes a new interview's participant rows, in the transaction that stores it. */
export async function insertParticipants(manager: EntityManager, interview: ParticipantColumns): Promise<void> {
  await insertRows(
    manager,
    InterviewParticipant,
    participantSlackUserIds(interview).map((slackUserId) => ({ interviewId: interview.id, slackUserId, createdAt: interview.createdAt })),
  );
}

/** Rewrites an interview's participant rows when a change gave it other participants (a slot with another interviewer). */
export async function updateParticipants(manager: EntityManager, interview: ParticipantColumns, before: string[]): Promise<void> {
  const after = participantSlackUserIds(interview);
  if (after.length === before.length && after.every((id) => before.includes(id))) return;
  await manager.delete(InterviewParticipant, { interviewId: interview.id });
  await insertParticipants(manager, interview);
}
