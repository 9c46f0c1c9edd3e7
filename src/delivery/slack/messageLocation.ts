import type { KnownBlock, WebClient } from '@slack/web-api';
import type { FindOptionsWhere } from 'typeorm';
import type { Database } from '../../db/database';
import type { BookingRequest } from '../../domain/bookings/BookingRequest';
import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../../domain/deliveries/DeliveryJob';
import { Interview } from '../../domain/interviews/Interview';
import { postMessage, updateMessage } from '../../slackApi/blockKitCalls';
import { DeliveryError } from '../deliveryError';
import { classifySlackError } from './slackErrors';

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

/** What goes in a Slack message: the text (for notifications and clients without blocks), and blocks when it has them. */
export interface MessageContent {
  text: string;
  blocks?: KnownBlock[];
}

/** Replies in the thread of the message at `location`; a refusal is a DeliveryError saying `what` was being done. */
export async function replyInThreadAt(
  client: WebClient,
  location: MessageLocation,
  reply: MessageContent,
  what: string,
): Promise<{ providerMessageId?: string }> {
  try {
    const posted = await postMessage(client, { channel: location.channel, thread_ts: location.ts, ...reply, unfurl_links: false });
    return { providerMessageId: posted.ts };
  } catch (error) {
    throw classifySlackError(error, what);
  }
}

/** Redraws the message at `location`; a refusal is a DeliveryError saying `what` was being done. */
export async function redrawMessageAt(
  client: WebClient,
  location: MessageLocation,
  message: MessageContent,
  what: string,
): Promise<{ providerMessageId: string }> {
  try {
    await updateMessage(client, { channel: location.channel, ts: location.ts, ...message });
    return { providerMessageId: location.ts };
  } catch (error) {
    throw classifySlackError(error, what);
  }
}
