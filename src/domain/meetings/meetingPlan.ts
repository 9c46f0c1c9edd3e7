import type { EntityManager } from 'typeorm';
import { insertRows } from '../../db/insertRows';
import { DeliveryKind } from '../deliveries/DeliveryJob';
import { queueDeliveries } from '../interviews/interviewDeliveries';
import type { FollowInterviewWithMeeting, InterviewForMeeting } from '../shared/domainContext';
import { Meeting, MeetingStatus } from './Meeting';
import type { MeetingProvider } from './meetingProvider';

/**
 * How an interview's meeting follows it, for a deployment whose meetings come from `provider`:
 * a new interview gets a pending meeting and a job to make it (unless it was given a link of its
 * own); a reschedule moves it; a cancel deletes it. Each through the outbox, in the transaction
 * of the change, so the invitation never waits for the provider. A meeting refused for good, or
 * replaced by a link set by hand, has nothing at the provider left to follow.
 */
export function meetingFollowerFor(provider: MeetingProvider['name']): FollowInterviewWithMeeting {
  return async (manager, interview, change, now) => {
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
      await queueMeetingJob(manager, interview, DeliveryKind.MeetingCreate, now);
      return;
    }
    const meeting = await manager.findOneBy(Meeting, { interviewId: interview.id });
    if (!meeting || meeting.provider === 'url' || meeting.status === MeetingStatus.Failed) return;
    await queueMeetingJob(manager, interview, change === 'rescheduled' ? DeliveryKind.MeetingMove : DeliveryKind.MeetingDelete, now);
  };
}

function queueMeetingJob(
  manager: EntityManager,
  interview: InterviewForMeeting,
  kind: DeliveryKind.MeetingCreate | DeliveryKind.MeetingMove | DeliveryKind.MeetingDelete,
  now: Date,
) {
  return queueDeliveries(manager, interview, [{ kind, payload: null }], now);
}
