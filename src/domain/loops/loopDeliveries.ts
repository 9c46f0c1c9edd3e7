import type { EntityManager } from 'typeorm';
import { DeliveryKind } from '../deliveries/DeliveryJob';
import type { PlannedDelivery } from '../deliveries/deliveryPayloads';
import type { Interview } from '../interviews/Interview';
import { queueDeliveries } from '../interviews/interviewDeliveries';

/**
 * A loop's own deliveries: one candidate email and one channel message for all its sessions.
 * They are queued on its first session (the outbox's jobs are about an interview), whose row then
 * holds where the loop's message landed; their handlers read every session of the loop.
 */
export function queueLoopDeliveries(
  manager: EntityManager,
  firstSession: Interview,
  change: 'scheduled' | 'moved' | 'cancelled',
  now: Date,
): Promise<unknown> {
  const email: PlannedDelivery = {
    kind:
      change === 'scheduled' ? DeliveryKind.LoopInvitation : change === 'moved' ? DeliveryKind.LoopUpdate : DeliveryKind.LoopCancellation,
    payload: null,
  };
  const deliveries: PlannedDelivery[] = [email];
  if (firstSession.channelId) {
    deliveries.push({
      // A loop booked from a booking link takes over that request's message instead of posting another.
      kind: change === 'scheduled' && !firstSession.slackMessageTs ? DeliveryKind.LoopChannelPost : DeliveryKind.LoopMessageUpdate,
      payload: null,
    });
  }
  return queueDeliveries(manager, firstSession, deliveries, now);
}
