import { In } from 'typeorm';
import type { DeliveryResult, DeliverySubjects } from '../deliveries/deliverySubjects';
import { Interview } from './Interview';
import { planDeliveriesAfterOutcome } from './interviewDeliveries';
import { isTimedDelivery, whyTimedDeliveryIsMoot } from './reminderPlan';
import { isNoShowWebhook, planInvitationWebhook, whyNoShowWebhookIsMoot } from './interviewWebhooks';

/** What a handler of an interview's delivery reports, with what it learned of the interview. */
export interface InterviewDeliveryResult extends DeliveryResult {
  /** Stored on the interview in the same transaction that marks the job delivered. */
  interviewChanges?: Partial<Pick<Interview, 'slackMessageChannelId' | 'slackMessageTs' | 'noShowAlertedAt'>>;
}

/**
 * The outbox's jobs about an interview: a reminder or the no-show alert is looked at again, with
 * the interview read afresh, when it falls due; a delivered job stores what its handler learned
 * (where the channel message landed, when the no-show alert went), and an outcome the channel
 * should hear of (the candidate's email delivered or failed) plans the message's update.
 */
export const INTERVIEW_DELIVERIES: DeliverySubjects<Interview, InterviewDeliveryResult> = {
  idOf: (job) => job.interviewId,
  missingReason: 'The interview no longer exists.',

  async load(manager, ids) {
    const interviews = await manager.findBy(Interview, { id: In(ids) });
    return new Map(interviews.map((interview) => [interview.id, interview]));
  },

  async recheck(database, delivery, interview) {
    if (!isTimedDelivery(delivery) && !isNoShowWebhook(delivery)) return { subject: interview, moot: null };
    // Read again just before it goes: the interview may have been cancelled or moved since the claim.
    const current = (await database.read((manager) => manager.findOneBy(Interview, { id: interview.id }))) ?? interview;
    const moot = isNoShowWebhook(delivery) ? whyNoShowWebhookIsMoot(delivery, current) : whyTimedDeliveryIsMoot(delivery, current);
    return { subject: current, moot };
  },

  async recordOutcome(manager, job, interview, outcome, now) {
    if (outcome.status === 'failed') {
      return [...planDeliveriesAfterOutcome(job, interview, 'failed', outcome.reason), ...planInvitationWebhook(job, interview, outcome, now)];
    }
    const changes = outcome.result.interviewChanges;
    if (changes && Object.keys(changes).length > 0) await manager.update(Interview, { id: interview.id }, changes);
    return [...planDeliveriesAfterOutcome(job, interview, 'delivered'), ...planInvitationWebhook(job, interview, outcome, now)];
  },
};
