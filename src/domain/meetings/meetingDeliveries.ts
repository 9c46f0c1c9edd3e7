import { In, IsNull } from 'typeorm';
import { DeliveryKind } from '../deliveries/DeliveryJob';
import type { PlannedDelivery } from '../deliveries/deliveryPayloads';
import type { DeliveryResult, DeliverySubjects } from '../deliveries/deliverySubjects';
import { Interview } from '../interviews/Interview';
import { InterviewStatus } from '../interviews/interviewStatus';
import { calendarInterviewerKey } from '../interviews/calendarEventOutcomes';
import { Meeting, MeetingStatus } from './Meeting';
import { rehostMeeting } from './meetingPlan';
import { deletedWhenReplaced } from './setMeetingUrl';

/** What a meeting job is about: the meeting, and the interview it is for. */
export interface MeetingSubject {
  meeting: Meeting;
  interview: Interview;
}

/** What a meeting handler reports. */
export interface MeetingDeliveryResult extends DeliveryResult {
  /**
   * The meeting the provider made (or had made already), on whose account, and for which first
   * interviewer (`calendarInterviewerKey`), to tell whether the host changed while it was made.
   */
  made?: { meetingId: string; joinUrl: string; host: string; hostInterviewerKey: string };
}

const MEETING_ACTIONS = {
  [DeliveryKind.MeetingCreate]: 'create',
  [DeliveryKind.MeetingMove]: 'move',
  [DeliveryKind.MeetingDelete]: 'delete',
} as const;

/**
 * The outbox's jobs about an interview's meeting. Each is looked at again when it falls due, with
 * the meeting and the interview read afresh: a meeting not yet made for an interview cancelled
 * since, or replaced by a link set by hand, is not made. A meeting made is stored as ready, its
 * join link becomes the interview's call link, and the channel message is redrawn; a refusal for
 * good marks it failed with the reason and tells the interview's thread, so the organizer can set
 * a link by hand.
 */
export const MEETING_DELIVERIES: DeliverySubjects<MeetingSubject, MeetingDeliveryResult> = {
  idOf: (job) => job.interviewId,
  missingReason: 'The interview has no meeting to make.',

  async load(manager, ids) {
    const meetings = await manager.findBy(Meeting, { interviewId: In(ids) });
    const interviews = new Map((await manager.findBy(Interview, { id: In(ids) })).map((interview) => [interview.id, interview]));
    const subjects = new Map<string, MeetingSubject>();
    for (const meeting of meetings) {
      const interview = interviews.get(meeting.interviewId);
      if (interview) subjects.set(meeting.interviewId, { meeting, interview });
    }
    return subjects;
  },

  async recheck(database, delivery, subject) {
    const current = await database.read(async (manager) => ({
      meeting: await manager.findOneBy(Meeting, { interviewId: subject.meeting.interviewId }),
      interview: await manager.findOneBy(Interview, { id: subject.interview.id }),
    }));
    const fresh = current.meeting && current.interview ? { meeting: current.meeting, interview: current.interview } : subject;
    return { subject: fresh, moot: whyMeetingJobIsMoot(delivery, fresh) };
  },

  async recordOutcome(manager, job, { meeting, interview }, outcome, now) {
    const action = MEETING_ACTIONS[job.kind as keyof typeof MEETING_ACTIONS];
    const fromProvider = { interviewId: meeting.interviewId, provider: meeting.provider };
    if (outcome.status === 'failed') {
      if (action === 'create') {
        await manager.update(Meeting, fromProvider, { status: MeetingStatus.Failed, reason: outcome.reason });
      }
      return tellChannel(interview, {
        kind: DeliveryKind.ThreadReply,
        payload: { event: 'meeting_failed', action, reason: outcome.reason },
      });
    }
    const made = outcome.result.made;
    if (action !== 'create' || !made) return [];
    // Read again in this transaction: the interview may have been cancelled, given a link by hand,
    // or given another first interviewer while the provider was making the meeting.
    const current = await manager.findOneBy(Interview, { id: interview.id });
    const currentMeeting = await manager.findOneBy(Meeting, { interviewId: meeting.interviewId });
    if (currentMeeting?.providerMeetingId === made.meetingId) return [];
    const deleteMade: PlannedDelivery[] = [{ kind: DeliveryKind.MeetingDelete, payload: { meetingId: made.meetingId, host: made.host } }];
    if (!current || current.status === InterviewStatus.Cancelled || !currentMeeting) return deleteMade;
    // Replaced by a link set by hand meanwhile: deleted as setMeetingUrl would have (a Meet or Teams event stays).
    if (currentMeeting.provider !== meeting.provider) return deletedWhenReplaced(meeting) ? deleteMade : [];
    if (currentMeeting.status !== MeetingStatus.Pending) return deleteMade;
    await manager.update(Meeting, fromProvider, {
      status: MeetingStatus.Ready,
      joinUrl: made.joinUrl,
      providerMeetingId: made.meetingId,
      host: made.host,
      reason: null,
    });
    await manager.update(Interview, { id: interview.id, meetingUrl: IsNull() }, { meetingUrl: made.joinUrl });
    const first = current.interviewers[0];
    const hostChanged = (first ? calendarInterviewerKey(first) : '') !== made.hostInterviewerKey;
    // A Meet or Teams meeting stays the former organizer's event while they are on the panel (meetingPlan.ts).
    const hostStillOnThePanel = current.interviewers.some((person) => calendarInterviewerKey(person) === made.hostInterviewerKey);
    if (hostChanged && (meeting.provider === 'zoom' || !hostStillOnThePanel)) {
      current.meetingUrl ??= made.joinUrl;
      const ready = {
        ...currentMeeting,
        status: MeetingStatus.Ready,
        joinUrl: made.joinUrl,
        providerMeetingId: made.meetingId,
        host: made.host,
      };
      return [...(await rehostMeeting(manager, current, ready, now)), ...tellChannel(interview)];
    }
    return tellChannel(interview);
  },
};

/** The channel message shows the meeting's state: redrawn, with a thread reply when someone must act. */
function tellChannel(interview: Interview, reply?: PlannedDelivery): PlannedDelivery[] {
  if (!interview.channelId) return [];
  return [{ kind: DeliveryKind.ChannelMessageUpdate, payload: null }, ...(reply ? [reply] : [])];
}

/** Why a meeting job need not run now, or null while it must. */
export function whyMeetingJobIsMoot(delivery: PlannedDelivery, { meeting, interview }: MeetingSubject): string | null {
  // A meeting no longer the interview's own (replaced by a link set by hand, or left on a former host) is deleted whatever the row says now.
  if (delivery.kind === DeliveryKind.MeetingDelete && delivery.payload) return null;
  // A link set by hand: nothing at the provider to follow, but a Meet or Teams organizer's event kept (it has its id).
  if (meeting.provider === 'url' && (delivery.kind === DeliveryKind.MeetingCreate || !meeting.providerMeetingId)) {
    return 'The meeting’s link was set by hand; nothing at the provider to change.';
  }
  switch (delivery.kind) {
    case DeliveryKind.MeetingCreate:
      if (interview.status === InterviewStatus.Cancelled) return 'The interview was cancelled before its meeting was made.';
      if (meeting.status === MeetingStatus.Ready) return 'The meeting was already made.';
      return null;
    case DeliveryKind.MeetingMove:
      if (interview.status === InterviewStatus.Cancelled) return 'The interview was cancelled; its meeting is deleted instead.';
      if (meeting.status === MeetingStatus.Failed) return 'The meeting was never made: the provider refused it.';
      return null;
    case DeliveryKind.MeetingDelete:
      if (meeting.status === MeetingStatus.Failed) return 'The meeting was never made: the provider refused it.';
      return null;
    default:
      return null;
  }
}
