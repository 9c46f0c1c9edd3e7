import type { FindOptionsWhere } from 'typeorm';
import type { Database } from '../../db/database';
import { DeliveryJob, DeliveryStatus } from '../../db/entities/DeliveryJob';
import { DeliveryError } from '../deliveryError';

/** Where a Slack message is: its channel (or DM) and timestamp. */
export interface MessageLocation {
  channel: string;
  ts: string;
}

/** An interview or booking request, with where its message landed once posted. */
interface WithSlackMessage {
  slackMessageChannelId: string | null;
  slackMessageTs: string | null;
}

/**
 * Where the subject's message is, for an update or a thread reply. While its first post is still
 * on the way the caller waits (retryable); if there will never be one, there is nothing to update
 * or reply to (null).
 */
export async function requireMessageLocation(
  database: Database,
  subject: WithSlackMessage,
  firstPost: { job: FindOptionsWhere<DeliveryJob>; what: string },
  purpose: string,
): Promise<MessageLocation | null> {
  if (subject.slackMessageChannelId && subject.slackMessageTs) {
    return { channel: subject.slackMessageChannelId, ts: subject.slackMessageTs };
  }
  const post = await database.read((manager) => manager.findOne(DeliveryJob, { where: firstPost.job, order: { createdAt: 'DESC' } }));
  if (post && (post.status === DeliveryStatus.Pending || post.status === DeliveryStatus.InFlight)) {
    throw DeliveryError.retryable(`Waiting for ${firstPost.what} to be posted before the ${purpose}`);
  }
  return null;
}
