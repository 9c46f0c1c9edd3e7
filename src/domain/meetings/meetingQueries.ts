import { In } from 'typeorm';
import type { Interview } from '../interviews/Interview';
import type { DomainContext } from '../shared/domainContext';
import { Meeting, MeetingStatus, type MeetingSource } from './Meeting';

/** Where an interview's call stands, as the API, Slack and the join page show it. */
export interface MeetingState {
  provider: MeetingSource;
  status: MeetingStatus;
  /** Once ready: the link participants join by (never a host's start link). */
  joinUrl?: string;
  /** Once failed: why the provider refused, for the organizer. */
  reason?: string;
}

/**
 * The interview's call: its provider meeting when one is made for it; else the link it was given
 * or a room under VIDEO_BASE_URL (`url`, ready); else none.
 */
export function meetingStateOf(interview: Pick<Interview, 'meetingUrl'>, meeting: Meeting | null): MeetingState | null {
  if (meeting) {
    return {
      provider: meeting.provider,
      status: meeting.status,
      ...(meeting.status === MeetingStatus.Ready && meeting.joinUrl ? { joinUrl: meeting.joinUrl } : {}),
      ...(meeting.status === MeetingStatus.Failed && meeting.reason ? { reason: meeting.reason } : {}),
    };
  }
  return interview.meetingUrl ? { provider: 'url', status: MeetingStatus.Ready, joinUrl: interview.meetingUrl } : null;
}

/** The provider meeting made for an interview, if any. */
export function findMeetingOf(context: Pick<DomainContext, 'database'>, interviewId: string): Promise<Meeting | null> {
  return context.database.read((manager) => manager.findOneBy(Meeting, { interviewId }));
}

/** An interview's call, read from the database. */
export async function readMeetingState(context: Pick<DomainContext, 'database'>, interview: Interview): Promise<MeetingState | null> {
  return meetingStateOf(interview, await findMeetingOf(context, interview.id));
}

/** The calls of several interviews, by interview id; those without one are left out. */
export async function readMeetingStates(
  context: Pick<DomainContext, 'database'>,
  interviews: readonly Interview[],
): Promise<Map<string, MeetingState>> {
  const ids = interviews.map((interview) => interview.id);
  const meetings = ids.length === 0 ? [] : await context.database.read((manager) => manager.findBy(Meeting, { interviewId: In(ids) }));
  const byInterview = new Map(meetings.map((meeting) => [meeting.interviewId, meeting]));
  const states = new Map<string, MeetingState>();
  for (const interview of interviews) {
    const state = meetingStateOf(interview, byInterview.get(interview.id) ?? null);
    if (state) states.set(interview.id, state);
  }
  return states;
}
