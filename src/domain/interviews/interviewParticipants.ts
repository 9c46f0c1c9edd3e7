import type { EntityManager } from 'typeorm';
import { insertRows } from '../../db/insertRows';
import type { Interview } from './Interview';
import { InterviewParticipant } from './InterviewParticipant';

type ParticipantColumns = Pick<Interview, 'id' | 'organizerSlackUserId' | 'interviewers' | 'createdAt' | 'scheduledTime'>;

/** What an interview's participant rows copy from it, to tell after a change whether they must be written again. */
export interface ParticipantRowsSource {
  slackUserIds: string[];
  scheduledTime: Date;
}

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
    participantSlackUserIds(interview).map((slackUserId) => ({
      interviewId: interview.id,
      slackUserId,
      createdAt: interview.createdAt,
      scheduledTime: interview.scheduledTime,
    })),
  );
}

/** What the interview's participant rows copy from it now: pass to `updateParticipants` after changing it. */
export function participantRowsSource(interview: ParticipantColumns): ParticipantRowsSource {
  return { slackUserIds: participantSlackUserIds(interview), scheduledTime: interview.scheduledTime };
}

/** Brings an interview's participant rows up to date after a change: other participants (a slot with another interviewer), or a new time. */
export async function updateParticipants(
  manager: EntityManager,
  interview: ParticipantColumns,
  before: ParticipantRowsSource,
): Promise<void> {
  const after = participantSlackUserIds(interview);
  if (after.length !== before.slackUserIds.length || after.some((id) => !before.slackUserIds.includes(id))) {
    await manager.delete(InterviewParticipant, { interviewId: interview.id });
    await insertParticipants(manager, interview);
  } else if (interview.scheduledTime.getTime() !== before.scheduledTime.getTime()) {
    await manager.update(InterviewParticipant, { interviewId: interview.id }, { scheduledTime: interview.scheduledTime });
  }
}
