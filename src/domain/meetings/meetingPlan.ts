import type { EntityManager } from 'typeorm';
import { insertRows } from '../../db/insertRows';
import { DeliveryKind } from '../deliveries/DeliveryJob';
import type { PlannedDelivery } from '../deliveries/deliveryPayloads';
import { calendarInterviewerKey } from '../interviews/calendarEventOutcomes';
import { Interview } from '../interviews/Interview';
import { queueDeliveries } from '../interviews/interviewDeliveries';
import type { FollowInterviewWithMeeting, InterviewForMeeting } from '../shared/domainContext';
import { Meeting, MeetingStatus } from './Meeting';
import type { MeetingProvider } from './meetingProvider';

/**
 * How an interview's meeting follows it, for a deployment whose meetings come from `provider`:
 * a new interview gets a pending meeting and a job to make it (unless it was given a link of its
 * own); a reschedule moves it; a cancel deletes it; a new first interviewer (the host) gets it
 * made again on their account, the former host's deleted (Meet and Teams: once the former
 * organizer left the panel; see hostChanged). Each through the outbox, in the
 * transaction of the change, so the invitation never waits for the provider. A meeting replaced
 * by a link set by hand has nothing at the provider left to follow.
 */
export function meetingFollowerFor(provider: MeetingProvider['name']): FollowInterviewWithMeeting {
  return async (manager, interview, change, now, formerInterviewers = []) => {
    if (change === 'scheduled') {
      if (interview.meetingUrl) return;
      await insertRows(manager, Meeting, {
        interviewId: interview.id,
        provider,
        status: MeetingStatus.Pending,
        joinUrl: null,
        providerMeetingId: null,
        host: null,
        reason: null,
        createdAt: now,
        updatedAt: now,
      });
      await queueMeetingJobs(manager, interview, [{ kind: DeliveryKind.MeetingCreate, payload: null }], now);
      return;
    }
    const meeting = await manager.findOneBy(Meeting, { interviewId: interview.id });
    if (!meeting) return;
    // A Meet or Teams meeting replaced by a link set by hand is still the organizer's calendar
    // event for the interview (setMeetingUrl keeps it): it moves and goes with the interview.
    if (meeting.provider === 'url' && (!meeting.providerMeetingId || change === 'interviewers_changed')) return;
    if (change === 'interviewers_changed') {
      if (!hostChanged(provider, meeting, formerInterviewers, interview.interviewers)) return;
      await queueMeetingJobs(manager, interview, await rehostMeeting(manager, interview, meeting, now), now);
      return;
    }
    if (meeting.status === MeetingStatus.Failed) return;
    const kind = change === 'rescheduled' ? DeliveryKind.MeetingMove : DeliveryKind.MeetingDelete;
    await queueMeetingJobs(manager, interview, [{ kind, payload: null }], now);
  };
}

type Person = { slackUserId?: string; email?: string };

/**
 * Whether the interviewers' change gives the meeting another host. Zoom's host is the first
 * interviewer: whenever the first is another. A Meet or Teams meeting is its host's own interview
 * event (the same event id or transactionId as the calendar-event job's): it stays theirs, for
 * them and everyone, while they are on the panel, and is made again as the new first
 * interviewer's (adopting that interviewer's own event for the interview) once they left it. Its
 * host is known by address (`meeting.host`), or, while it is being made, as the former first
 * interviewer.
 */
function hostChanged(provider: MeetingProvider['name'], meeting: Meeting, former: readonly Person[], current: readonly Person[]): boolean {
  const keyOf = (person: Person | undefined) => (person ? calendarInterviewerKey(person) : '');
  const firstChanged = keyOf(former[0]) !== keyOf(current[0]);
  // Zoom's host is always the first; a meeting refused under the former first is tried under the new one.
  if (provider === 'zoom' || meeting.status === MeetingStatus.Failed) return firstChanged;
  const onThePanel = new Set(current.map(keyOf));
  const left = former.filter((person) => !onThePanel.has(keyOf(person)));
  const host = meeting.host?.toLowerCase();
  if (host) {
    if (left.some((person) => person.email?.toLowerCase() === host)) return true;
    if (current.some((person) => person.email?.toLowerCase() === host)) return false;
  }
  // A host known to the panel by Slack id only (or not known yet): taken to be the former first interviewer.
  return former[0] !== undefined && left.some((person) => keyOf(person) === keyOf(former[0]));
}

/**
 * The interview's first interviewer (the meeting's host) changed. Zoom cannot give a meeting
 * another host, and a Meet or Teams meeting is the host's own calendar event, so the meeting made
 * under the former host is deleted and a new one made under the new host: the meeting row goes
 * back to pending (the join page says the call is being prepared, then leads to the new meeting;
 * the candidate's own link never changes). A meeting still being made needs nothing here: its
 * job makes it under whoever is first when it runs, and one that answered under the former host
 * is re-hosted when its outcome is recorded. A meeting refused (the former host unknown to the
 * provider) is tried again under the new host. Returns the jobs to queue.
 */
export async function rehostMeeting(
  manager: EntityManager,
  interview: InterviewForMeeting,
  meeting: Meeting,
  now: Date,
): Promise<PlannedDelivery[]> {
  if (meeting.provider === 'url' || meeting.status === MeetingStatus.Pending) return [];
  const deliveries: PlannedDelivery[] = [];
  if (meeting.status === MeetingStatus.Ready && meeting.providerMeetingId) {
    deliveries.push({ kind: DeliveryKind.MeetingDelete, payload: { meetingId: meeting.providerMeetingId, host: meeting.host } });
  }
  if (meeting.joinUrl && interview.meetingUrl === meeting.joinUrl) {
    interview.meetingUrl = null;
    await manager.update(Interview, { id: interview.id, meetingUrl: meeting.joinUrl }, { meetingUrl: null });
  }
  await manager.update(
    Meeting,
    { interviewId: interview.id },
    { status: MeetingStatus.Pending, joinUrl: null, providerMeetingId: null, host: null, reason: null, updatedAt: now },
  );
  deliveries.push({ kind: DeliveryKind.MeetingCreate, payload: null });
  return deliveries;
}

function queueMeetingJobs(manager: EntityManager, interview: InterviewForMeeting, deliveries: PlannedDelivery[], now: Date) {
  return queueDeliveries(manager, interview, deliveries, now);
}
