import type { FindOptionsWhere } from 'typeorm';
import type { Database } from '../../db/database';
import type { BookingRequest } from '../../domain/bookings/BookingRequest';
import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../../domain/deliveries/DeliveryJob';
import { Interview } from '../../domain/interviews/Interview';
import { DeliveryError } from '../deliveryError';

/** Where a Slack message is: its channel (or DM) and timestamp. */
export interface MessageLocation {
  channel: string;
  ts: string;
}

/**
 * Where the message of an interview or a booking request is, for an update or a thread reply.
 * While its first post is still on the way the caller waits (retryable); if there will never be
 * one, there is nothing to update or reply to (null).
 */
export async function requireMessageLocation(
  database: Database,
  subject: Interview | BookingRequest,
  purpose: string,
): Promise<MessageLocation | null> {
  if (subject.slackMessageChannelId && subject.slackMessageTs) {
    return { channel: subject.slackMessageChannelId, ts: subject.slackMessageTs };
  }
  const firstPost: { job: FindOptionsWhere<DeliveryJob>; what: string } =
    subject instanceof Interview
      ? { job: { interviewId: subject.id, kind: DeliveryKind.ChannelPost }, what: 'the channel message' }
      : { job: { bookingRequestId: subject.id, kind: DeliveryKind.BookingRequestPost }, what: 'the booking request message' };
  const post = await database.read((manager) => manager.findOne(DeliveryJob, { where: firstPost.job, order: { createdAt: 'DESC' } }));
  if (post && (post.status === DeliveryStatus.Pending || post.status === DeliveryStatus.InFlight)) {
    throw DeliveryError.retryable(`Waiting for ${firstPost.what} to be posted before the ${purpose}`);
  }
  return null;
}
