import { In, type EntityManager } from 'typeorm';
import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../deliveries/DeliveryJob';
import type { Interview } from './Interview';
import type { PlannedDelivery } from '../deliveries/deliveryPayloads';
import type { QueuedDelivery } from '../deliveries/insertDeliveryJobs';
import { InterviewStatus } from './interviewStatus';
import type { ReminderSettings } from '../../config/reminderSettings';

/** The kinds due at a moment set by the interview's start rather than at once. */
export const TIMED_DELIVERY_KINDS = [DeliveryKind.CandidateReminder, DeliveryKind.InterviewerReminder, DeliveryKind.NoShowAlert] as const;
type TimedDeliveryKind = (typeof TIMED_DELIVERY_KINDS)[number];
type TimedDelivery = Extract<PlannedDelivery, { kind: TimedDeliveryKind }>;

/** The kinds that remind someone of the interview, as App Home and `/schedule-interview list` show them. */
export const REMINDER_KINDS = [DeliveryKind.CandidateReminder, DeliveryKind.InterviewerReminder] as const;

/**
 * The reminders and the no-show alert a scheduled interview owes, each due at its moment: the
 * candidate's emails and the interviewers' DMs before the start, the alert after it (only where
 * there is a channel thread to tell). A reminder whose moment has already passed is left out.
 */
export function planTimedDeliveries(
  interview: Pick<Interview, 'status' | 'scheduledTime' | 'interviewers' | 'channelId'>,
  settings: ReminderSettings,
  now: Date,
): QueuedDelivery[] {
  if (interview.status !== InterviewStatus.Scheduled) return [];
  const start = interview.scheduledTime.getTime();
  const forStart = interview.scheduledTime.toISOString();
  const deliveries: QueuedDelivery[] = [];
  const beforeStart = (milliseconds: number) => new Date(start - milliseconds);
  for (const reminder of settings.candidate) {
    deliveries.push({
      kind: DeliveryKind.CandidateReminder,
      payload: { before: reminder.iso, forStart },
      dueAt: beforeStart(reminder.milliseconds),
    });
  }
  if (settings.interviewer) {
    const before = settings.interviewer;
    for (const slackUserId of new Set(interview.interviewers.map((person) => person.slackUserId).filter((id) => id !== undefined))) {
      deliveries.push({
        kind: DeliveryKind.InterviewerReminder,
        payload: { slackUserId, before: before.iso, forStart },
        dueAt: beforeStart(before.milliseconds),
      });
    }
  }
  if (settings.noShowAlertAfter && interview.channelId) {
    deliveries.push({
      kind: DeliveryKind.NoShowAlert,
      payload: { after: settings.noShowAlertAfter.iso, forStart },
      dueAt: new Date(start + settings.noShowAlertAfter.milliseconds),
    });
  }
  return deliveries.filter((delivery) => delivery.dueAt!.getTime() >= now.getTime());
}

/**
 * Drops the reminders and the alert still waiting for their moment, inside the caller's
 * transaction: the interview was moved (new ones are planned) or cancelled. One that a worker has
 * already taken is checked again when it is sent (`whyTimedDeliveryIsMoot`).
 */
export async function dropPendingTimedDeliveries(manager: EntityManager, interviewId: string): Promise<void> {
  await manager.delete(DeliveryJob, { interviewId, status: DeliveryStatus.Pending, kind: In([...TIMED_DELIVERY_KINDS]) });
}

export function isTimedDelivery(delivery: PlannedDelivery): delivery is TimedDelivery {
  return (TIMED_DELIVERY_KINDS as readonly DeliveryKind[]).includes(delivery.kind);
}

/**
 * Why a reminder or alert that has come due should not be sent after all, or null when it should.
 * Checked when it is sent, not only when it was planned: the interview may have been cancelled or
 * moved meanwhile, and the candidate may already have opened their page.
 */
export function whyTimedDeliveryIsMoot(
  delivery: PlannedDelivery,
  interview: Pick<Interview, 'status' | 'scheduledTime' | 'interviewers' | 'candidateFirstOpenedAt'>,
): string | null {
  if (!isTimedDelivery(delivery)) return null;
  if (interview.status !== InterviewStatus.Scheduled) return 'The interview was cancelled before this was due.';
  if (interview.scheduledTime.getTime() !== Date.parse(delivery.payload.forStart)) {
    return `The interview was moved before this was due (it was planned for the start at ${delivery.payload.forStart}).`;
  }
  if (delivery.kind === DeliveryKind.NoShowAlert && interview.candidateFirstOpenedAt) {
    return `The candidate opened their interview page at ${interview.candidateFirstOpenedAt.toISOString()}.`;
  }
  if (
    delivery.kind === DeliveryKind.InterviewerReminder &&
    !interview.interviewers.some((person) => person.slackUserId === delivery.payload.slackUserId)
  ) {
    return 'This person no longer interviews on it.';
  }
  return null;
}
