import type { EntityManager } from 'typeorm';
import { DeliveryKind, type DeliveryJob } from '../deliveries/DeliveryJob';
import { readPlannedDelivery, type PlannedDelivery } from '../deliveries/deliveryPayloads';
import type { Interview } from './Interview';
import { CalendarEventStatus, InterviewCalendarEvent } from './InterviewCalendarEvent';
import { EMAIL_INSTEAD_OF_CALENDAR } from './interviewDeliveries';

/** How an interviewer is keyed on their calendar event: their Slack user id, else their address in lower case. */
export function calendarInterviewerKey(interviewer: { slackUserId?: string; email?: string }): string {
  return interviewer.slackUserId ?? interviewer.email?.toLowerCase() ?? '';
}

/**
 * After an interviewer's calendar event job: when their calendar refused it (`refusal`: the
 * provider's reason, or the job's last failure once its retries ran out), they get the calendar
 * email instead, and the interview's thread is told once per interviewer (their event row then
 * says refused, so later moves and the cancellation go by email too, without telling again).
 */
export async function planAfterCalendarEvent(
  manager: EntityManager,
  job: DeliveryJob,
  interview: Pick<Interview, 'id' | 'channelId'>,
  refusal: string | undefined,
  now: Date,
): Promise<PlannedDelivery[]> {
  if (refusal === undefined) return [];
  const planned = readPlannedDelivery(job.kind, job.payload);
  if (planned.kind !== DeliveryKind.CalendarEvent) return [];
  const { interviewer, action } = planned.payload;
  const interviewerKey = calendarInterviewerKey(interviewer);
  const row = await manager.findOneBy(InterviewCalendarEvent, { interviewId: interview.id, interviewerKey });
  const toldBefore = row?.status === CalendarEventStatus.Refused;
  if (!toldBefore) {
    await manager.save(InterviewCalendarEvent, {
      interviewId: interview.id,
      interviewerKey,
      ownerAddress: row?.ownerAddress ?? interviewer.email ?? null,
      eventId: row?.eventId ?? null,
      status: CalendarEventStatus.Refused,
      reason: refusal,
      updatedAt: now,
    });
  }
  const deliveries: PlannedDelivery[] = [
    { kind: DeliveryKind.InterviewerInvitation, payload: { interviewer, email: EMAIL_INSTEAD_OF_CALENDAR[action] } },
  ];
  if (!toldBefore && interview.channelId) {
    deliveries.push({
      kind: DeliveryKind.ThreadReply,
      payload: { event: 'calendar_refused', interviewer: interviewerKey, reason: refusal },
    });
  }
  return deliveries;
}
