import type { WebClient } from '@slack/web-api';
import type { PlannedInterview } from '../../domain/interviews/PlannedInterview';
import type { Logger } from '../../logging/logger';
import { presentCannotPostInChannelNote } from '../../slack/messages/channelFallback';
import type { SlackMessage } from '../../slack/messages/interviewMessage';
import { DeliveryError } from '../deliveryError';
import { classifySlackError, slackErrorCode } from './slackErrors';
import { postMessage } from '../../slackApi/blockKitCalls';

/** Answers that mean the app will never be able to post in that channel as things stand. */
const CANNOT_POST_IN_CHANNEL = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'cannot_reply_to_message',
  'ekm_access_denied',
  'method_not_supported_for_channel_type',
  'missing_scope',
  'not_allowed_token_type',
]);

/**
 * What is posted first for an interview or a booking request: what it is called, and what its
 * organizer is told when the channel refuses it.
 */
export interface FirstMessage<Subject> {
  /** What is posted, for errors and logs: "the interview message". */
  what: string;
  /** Why it fails for good when its subject names no channel. */
  noChannel: string;
  /** The private note left in the channel for the organizer, pointing at the DM. */
  sentToYouInsteadNote: (subject: Subject, slackError: string) => string;
  /** Added to the log line when the organizer gets it instead. */
  logContext: (subject: Subject) => Record<string, string>;
}

/** Where the message landed: the channel, or the organizer's DM. */
export interface PostedMessage {
  channel: string;
  ts: string | undefined;
}

/**
 * R5 (docs/rules.md): posts the first message of an interview or a booking request in the channel it
 * was asked for from. If the app is not a member of a public channel it joins and tries again; if
 * it still cannot post there, the organizer gets the message as a DM (and a private note in the
 * channel saying how to invite the app), so nothing is lost. Says where it landed, for the subject
 * to keep.
 */
export async function postFirstMessage<Subject extends Pick<PlannedInterview, 'channelId' | 'organizerSlackUserId'>>(
  deps: { client: WebClient; logger: Logger },
  subject: Subject,
  kind: FirstMessage<Subject>,
  message: SlackMessage,
): Promise<{ providerMessageId?: string; landed: { slackMessageChannelId: string; slackMessageTs: string | null } }> {
  if (!subject.channelId) throw DeliveryError.permanent(kind.noChannel);
  const target: ChannelPostTarget = {
    channelId: subject.channelId,
    organizerSlackUserId: subject.organizerSlackUserId,
    what: kind.what,
    sentToYouInsteadNote: (reason) => kind.sentToYouInsteadNote(subject, reason),
    logContext: kind.logContext(subject),
  };
  const posted = await postInChannelOrToOrganizer(deps, target, message);
  return { providerMessageId: posted.ts, landed: { slackMessageChannelId: posted.channel, slackMessageTs: posted.ts ?? null } };
}

/** Where a message goes, and who gets it instead when the channel refuses it. */
interface ChannelPostTarget {
  channelId: string;
  organizerSlackUserId: string | null;
  what: string;
  sentToYouInsteadNote: (slackError: string) => string;
  logContext: Record<string, string>;
}

async function postInChannelOrToOrganizer(
  deps: { client: WebClient; logger: Logger },
  target: ChannelPostTarget,
  message: SlackMessage,
): Promise<PostedMessage> {
  const channel = target.channelId;
  let failure: unknown;
  try {
    return await postToChannel(deps.client, channel, message);
  } catch (error) {
    failure = error;
  }
  if (slackErrorCode(failure) === 'not_in_channel') {
    try {
      await deps.client.conversations.join({ channel });
      return await postToChannel(deps.client, channel, message);
    } catch (error) {
      failure = error;
    }
  }
  const code = slackErrorCode(failure);
  if (!code || !CANNOT_POST_IN_CHANNEL.has(code)) {
    throw classifySlackError(failure, `posting ${target.what}`);
  }
  deps.logger.warn({ ...target.logContext, channel, slackError: code }, 'Cannot post in the channel; sending the organizer a DM instead');
  return sendToOrganizerInstead(deps, target, message, code);
}

async function sendToOrganizerInstead(
  deps: { client: WebClient; logger: Logger },
  target: ChannelPostTarget,
  message: SlackMessage,
  reason: string,
): Promise<PostedMessage> {
  const organizer = target.organizerSlackUserId;
  if (!organizer) {
    throw DeliveryError.permanent(
      `Slack said ${reason} when posting in <#${target.channelId}>, and there is no organizer to tell instead.`,
    );
  }
  const note = presentCannotPostInChannelNote(target.channelId, reason);
  try {
    const dm = await deps.client.conversations.open({ users: organizer });
    const dmChannel = dm.channel?.id;
    if (!dmChannel) throw DeliveryError.retryable('Slack did not return a DM channel');
    const posted = await postMessage(deps.client, {
      channel: dmChannel,
      text: message.text,
      blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: note }] }, ...message.blocks],
      unfurl_links: false,
      unfurl_media: false,
    });
    await tellOrganizerInChannel(deps, target, organizer, reason);
    return { channel: dmChannel, ts: posted.ts };
  } catch (error) {
    if (error instanceof DeliveryError) throw error;
    throw classifySlackError(error, `sending the organizer ${target.what}`);
  }
}

/** Best effort: a private note where the person typed the command. The DM is what matters. */
async function tellOrganizerInChannel(
  deps: { client: WebClient; logger: Logger },
  target: ChannelPostTarget,
  organizer: string,
  reason: string,
) {
  try {
    await deps.client.chat.postEphemeral({ channel: target.channelId, user: organizer, text: target.sentToYouInsteadNote(reason) });
  } catch (error) {
    deps.logger.debug({ err: error, ...target.logContext }, 'Could not leave an ephemeral note either');
  }
}

async function postToChannel(client: WebClient, channel: string, message: SlackMessage): Promise<PostedMessage> {
  const posted = await postMessage(client, {
    channel,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  return { channel: posted.channel ?? channel, ts: posted.ts };
}
