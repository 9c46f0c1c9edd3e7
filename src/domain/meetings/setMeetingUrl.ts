import { z } from 'zod';
import { DeliveryKind } from '../deliveries/DeliveryJob';
import type { PlannedDelivery } from '../deliveries/deliveryPayloads';
import { InterviewEventType } from '../interviews/InterviewEvent';
import {
  changeInterview,
  type InterviewChangeKind,
  type InterviewChangeRequest,
  type InterviewChangeResult,
} from '../interviews/interviewChanges';
import { meetingUrlSchema } from '../interviews/interviewInput';
import { recordedActor } from '../shared/actor';
import type { DomainContext } from '../shared/domainContext';
import { InputValidationError } from '../shared/errors';
import { Meeting, MeetingStatus } from './Meeting';

export interface SetMeetingUrlProps extends InterviewChangeRequest {
  /** The new link, unchecked: an http(s) URL, from the API's `meetingUrl` or the Slack form. */
  meetingUrl: unknown;
}

/** Setting the call link, as its request key records it and as it is refused once the interview is cancelled. */
const SET_MEETING_URL: InterviewChangeKind = {
  action: 'set_meeting_url',
  refusalWhenCancelled: 'This interview was cancelled; it needs no call link.',
};

/**
 * Sets the interview's call link by hand: after the video provider refused to make the meeting,
 * or instead of its meeting. The candidate's join page leads there from then on (their own link
 * does not change, so nobody is emailed); the channel message shows it and the thread says who set
 * it. A provider meeting not yet made is not made any more, and a Zoom meeting made (or being
 * made) is deleted at Zoom through the outbox, so no stray meeting is left; the meeting then shows
 * provider `url` with the link set. A Meet or Teams meeting is the organizer's own calendar event
 * for the interview (see deletedWhenReplaced).
 */
export function setMeetingUrl(context: DomainContext, props: SetMeetingUrlProps): Promise<InterviewChangeResult> {
  return changeInterview(context, props, SET_MEETING_URL, async (manager, interview, now) => {
    const parsed = z.safeParse(meetingUrlSchema, props.meetingUrl);
    if (!parsed.success) {
      throw InputValidationError.forField('meetingUrl', parsed.error.issues[0]?.message ?? 'Meeting URL must be an http(s) link.');
    }
    const meetingUrl = parsed.data;
    const meeting = await manager.findOneBy(Meeting, { interviewId: interview.id });
    if (interview.meetingUrl === meetingUrl && (!meeting || meeting.joinUrl === meetingUrl)) return null;
    interview.meetingUrl = meetingUrl;
    const replaced: PlannedDelivery[] =
      meeting && deletedWhenReplaced(meeting)
        ? [{ kind: DeliveryKind.MeetingDelete, payload: { meetingId: meeting.providerMeetingId, host: meeting.host } }]
        : [];
    if (meeting) {
      await manager.update(
        Meeting,
        { interviewId: interview.id },
        {
          provider: 'url',
          status: MeetingStatus.Ready,
          joinUrl: meetingUrl,
          reason: null,
          updatedAt: now,
          // A Zoom meeting is deleted (its id goes with the job); a Meet or Teams event is kept, and followed by its id.
          ...(deletedWhenReplaced(meeting) ? { providerMeetingId: null, host: null } : {}),
        },
      );
    }
    const deliveries: PlannedDelivery[] = replaced;
    if (interview.channelId) {
      deliveries.push(
        { kind: DeliveryKind.ChannelMessageUpdate, payload: null },
        { kind: DeliveryKind.ThreadReply, payload: { event: 'meeting_url_set', by: recordedActor(props.actor) } },
      );
    }
    return { event: InterviewEventType.MeetingUrlSet, details: { meetingUrl }, deliveries, interviewChanged: true };
  });
}

/**
 * Whether a meeting replaced by a link set by hand is deleted at the provider: a Zoom meeting is
 * only a meeting, so yes. A Meet or Teams meeting is the first interviewer's own calendar event
 * for the interview (the calendar-event job leaves that event to the meeting job): deleting it
 * would take the interview off their calendar, so it stays, and its conference with it.
 */
export function deletedWhenReplaced(meeting: Pick<Meeting, 'provider' | 'status'>): boolean {
  return meeting.provider === 'zoom' && meeting.status !== MeetingStatus.Failed;
}
