import type { EntityManager } from 'typeorm';
import { insertRows } from '../../db/insertRows';
import type { Interview } from './Interview';
import { InterviewParticipant } from './InterviewParticipant';
import { InterviewInterviewer } from './InterviewInterviewer';

type ParticipantColumns = Pick<Interview, 'id' | 'organizerSlackUserId' | 'interviewers' | 'createdAt' | 'scheduledTime'>;

/** What an interview's participant rows copy from it, to tell after a change whether they must be written again. */
export interface ParticipantRowsSource {
  slackUserIds: string[];
  interviewerNames: string[];
  scheduledTime: Date;
}

/** Each name the interview gives its interviewers (Slack user id, lowercase address), once each: its interview_interviewer rows. */
export function interviewerNamesOf(interview: Pick<Interview, 'interviewers'>): string[] {
  const names = interview.interviewers.flatMap((person) => [person.slackUserId, person.email?.toLowerCase()]);
  return [...new Set(names.filter((name): name is string => Boolean(name)))];
}

/** The Slack users an interview's participant rows name: its organizer and its interviewers, once each. */
export function participantSlackUserIds(interview: Pick<Interview, 'organizerSlackUserId' | 'interviewers'>): string[] {
  const ids = [interview.organizerSlackUserId, ...interview.interviewers.map((person) => person.slackUserId)];
  return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}

/** Writes a new interview's participant rows (and its interviewers' by name), in the transaction that stores it. */
export async function insertParticipants(manager: EntityManager, interview: ParticipantColumns): Promise<void> {
  await insertInterviewerRows(manager, interview);
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

async function insertInterviewerRows(manager: EntityManager, interview: ParticipantColumns): Promise<void> {
  await insertRows(
    manager,
    InterviewInterviewer,
    interviewerNamesOf(interview).map((interviewer) => ({
      interviewId: interview.id,
      interviewer,
      scheduledTime: interview.scheduledTime,
    })),
  );
}

/** What the interview's participant rows copy from it now: pass to `updateParticipants` after changing it. */
export function participantRowsSource(interview: ParticipantColumns): ParticipantRowsSource {
  return {
    slackUserIds: participantSlackUserIds(interview),
    interviewerNames: interviewerNamesOf(interview),
    scheduledTime: interview.scheduledTime,
  };
}

/** Brings an interview's participant rows up to date after a change: other participants (a slot with another interviewer), or a new time. */
export async function updateParticipants(
  manager: EntityManager,
  interview: ParticipantColumns,
  before: ParticipantRowsSource,
): Promise<void> {
  const moved = interview.scheduledTime.getTime() !== before.scheduledTime.getTime();
  const after = participantSlackUserIds(interview);
  if (!sameNames(after, before.slackUserIds)) {
    await manager.delete(InterviewParticipant, { interviewId: interview.id });
    await insertRows(
      manager,
      InterviewParticipant,
      after.map((slackUserId) => ({
        interviewId: interview.id,
        slackUserId,
        createdAt: interview.createdAt,
        scheduledTime: interview.scheduledTime,
      })),
    );
  } else if (moved) {
    await manager.update(InterviewParticipant, { interviewId: interview.id }, { scheduledTime: interview.scheduledTime });
  }
  if (!sameNames(interviewerNamesOf(interview), before.interviewerNames)) {
    await manager.delete(InterviewInterviewer, { interviewId: interview.id });
    await insertInterviewerRows(manager, interview);
  } else if (moved) {
    await manager.update(InterviewInterviewer, { interviewId: interview.id }, { scheduledTime: interview.scheduledTime });
  }
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name) => b.includes(name));
}
