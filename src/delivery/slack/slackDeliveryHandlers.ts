import type { WebClient } from '@slack/web-api';
import type { Database } from '../../db/database';
import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../../db/entities/DeliveryJob';
import type { Interview } from '../../db/entities/Interview';
import type { InterviewerNotice, InterviewThreadEvent } from '../../domain/deliveryPayloads';
import { isCandidateEmail } from '../../domain/deliveryPlan';
import type { Logger } from '../../logger';
import { presentInterviewMessage, type SlackMessage } from '../../slack/messages/interviewMessage';
import { presentCannotPostInChannelNote, presentSentToYouInsteadNote } from '../../slack/messages/channelFallback';
import { presentInterviewerNotice } from '../../slack/messages/interviewerNotice';
import { presentThreadReply } from '../../slack/messages/threadReplies';
import { DeliveryError } from '../deliveryError';
import type { DeliveryHandlers, DeliveryResult } from '../deliveryWorker';
import type { SlackClients } from './slackClients';
import { classifySlackError, slackErrorCode } from './slackErrors';

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

export interface SlackDeliveryDependencies {
  /** The client for each job's workspace. */
  clients: SlackClients;
  database: Database;
  logger: Logger;
}

/** What posting one job needs: the client with its workspace's token. */
interface PostingDependencies extends Omit<SlackDeliveryDependencies, 'clients'> {
  client: WebClient;
}

/**
 * The outbox handlers that talk to Slack: the channel message (R5, with its fallbacks), its
 * updates, replies in its thread, and interviewers' DMs. Each posts with its workspace's bot token.
 */
export function createSlackDeliveryHandlers(deps: SlackDeliveryDependencies): DeliveryHandlers {
  const posting = async (job: DeliveryJob): Promise<PostingDependencies> => ({ ...deps, client: await deps.clients.forJob(job) });
  return {
    [DeliveryKind.ChannelPost]: async (job, _payload, interview) => postInterviewMessage(await posting(job), interview),
    [DeliveryKind.ChannelMessageUpdate]: async (job, _payload, interview) => updateInterviewMessage(await posting(job), interview),
    [DeliveryKind.ThreadReply]: async (job, event, interview) => replyInThread(await posting(job), event, interview),
    [DeliveryKind.InterviewerNotice]: async (job, notice, interview) => notifyInterviewer(await posting(job), notice, interview),
  };
}

/**
 * R5: post in the channel the command came from. If the app is not a member of a public channel
 * it joins and tries again; if it still cannot post there, the organizer gets the message as a
 * DM (and a private note in the channel saying how to invite the app), so the link is never lost.
 */
async function postInterviewMessage(deps: PostingDependencies, interview: Interview): Promise<DeliveryResult> {
  if (!interview.channelId) {
    throw DeliveryError.permanent('The interview has no channel to post to.');
  }
  const message = await renderInterviewMessage(deps.database, interview);
  const channel = interview.channelId;
  let failure: unknown;
  try {
    return await postMessage(deps.client, channel, message);
  } catch (error) {
    failure = error;
  }
  if (slackErrorCode(failure) === 'not_in_channel') {
    try {
      await deps.client.conversations.join({ channel });
      return await postMessage(deps.client, channel, message);
    } catch (error) {
      failure = error;
    }
  }
  const code = slackErrorCode(failure);
  if (!code || !CANNOT_POST_IN_CHANNEL.has(code)) {
    throw classifySlackError(failure, 'posting the interview message');
  }
  deps.logger.warn(
    { interviewId: interview.id, channel, slackError: code },
    'Cannot post in the channel; sending the organizer a DM instead',
  );
  return sendToOrganizerInstead(deps, interview, message, code);
}

async function sendToOrganizerInstead(
  deps: PostingDependencies,
  interview: Interview,
  message: SlackMessage,
  reason: string,
): Promise<DeliveryResult> {
  const organizer = interview.organizerSlackUserId;
  if (!organizer) {
    throw DeliveryError.permanent(
      `Slack said ${reason} when posting in <#${interview.channelId}>, and there is no organizer to tell instead.`,
    );
  }
  const note = presentCannotPostInChannelNote(interview.channelId!, reason);
  try {
    const dm = await deps.client.conversations.open({ users: organizer });
    const dmChannel = dm.channel?.id;
    if (!dmChannel) throw DeliveryError.retryable('Slack did not return a DM channel');
    const posted = await deps.client.chat.postMessage({
      channel: dmChannel,
      text: message.text,
      blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: note }] }, ...message.blocks],
      unfurl_links: false,
      unfurl_media: false,
    });
    await tellOrganizerInChannel(deps, interview, organizer, reason);
    return {
      providerMessageId: posted.ts,
      interviewChanges: { slackMessageChannelId: dmChannel, slackMessageTs: posted.ts ?? null },
    };
  } catch (error) {
    if (error instanceof DeliveryError) throw error;
    throw classifySlackError(error, 'sending the organizer the interview message');
  }
}

/** Best effort: a private note where the person typed the command. The DM is what matters. */
async function tellOrganizerInChannel(deps: PostingDependencies, interview: Interview, organizer: string, reason: string) {
  try {
    await deps.client.chat.postEphemeral({
      channel: interview.channelId!,
      user: organizer,
      text: presentSentToYouInsteadNote(interview, reason),
    });
  } catch (error) {
    deps.logger.debug({ err: error, interviewId: interview.id }, 'Could not leave an ephemeral note either');
  }
}

async function postMessage(client: WebClient, channel: string, message: SlackMessage): Promise<DeliveryResult> {
  const posted = await client.chat.postMessage({
    channel,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  return {
    providerMessageId: posted.ts,
    interviewChanges: { slackMessageChannelId: posted.channel ?? channel, slackMessageTs: posted.ts ?? null },
  };
}

async function updateInterviewMessage(deps: PostingDependencies, interview: Interview): Promise<DeliveryResult> {
  const location = await requireMessageLocation(deps.database, interview, 'update');
  if (!location) return {};
  const message = await renderInterviewMessage(deps.database, interview);
  try {
    await deps.client.chat.update({ channel: location.channel, ts: location.ts, text: message.text, blocks: message.blocks });
    return { providerMessageId: location.ts };
  } catch (error) {
    throw classifySlackError(error, 'updating the interview message');
  }
}

async function replyInThread(deps: PostingDependencies, event: InterviewThreadEvent, interview: Interview): Promise<DeliveryResult> {
  const location = await requireMessageLocation(deps.database, interview, 'reply');
  if (!location) return {};
  try {
    const posted = await deps.client.chat.postMessage({
      channel: location.channel,
      thread_ts: location.ts,
      text: presentThreadReply(event, interview),
      unfurl_links: false,
    });
    return { providerMessageId: posted.ts };
  } catch (error) {
    throw classifySlackError(error, 'replying in the interview thread');
  }
}

async function notifyInterviewer(deps: PostingDependencies, notice: InterviewerNotice, interview: Interview): Promise<DeliveryResult> {
  try {
    const dm = await deps.client.conversations.open({ users: notice.slackUserId });
    if (!dm.channel?.id) throw DeliveryError.retryable('Slack did not return a DM channel');
    const text = presentInterviewerNotice(interview, notice.change);
    const posted = await deps.client.chat.postMessage({ channel: dm.channel.id, text, unfurl_links: false });
    return { providerMessageId: posted.ts };
  } catch (error) {
    if (error instanceof DeliveryError) throw error;
    throw classifySlackError(error, 'messaging an interviewer');
  }
}

/**
 * Where the interview's message is. While its first post is still on the way the caller waits
 * (retryable); if there will never be one, there is nothing to update and the job is done.
 */
async function requireMessageLocation(
  database: Database,
  interview: Interview,
  purpose: string,
): Promise<{ channel: string; ts: string } | null> {
  if (interview.slackMessageChannelId && interview.slackMessageTs) {
    return { channel: interview.slackMessageChannelId, ts: interview.slackMessageTs };
  }
  const post = await database.read((manager) =>
    manager.findOne(DeliveryJob, { where: { interviewId: interview.id, kind: DeliveryKind.ChannelPost }, order: { createdAt: 'DESC' } }),
  );
  if (post && (post.status === DeliveryStatus.Pending || post.status === DeliveryStatus.InFlight)) {
    throw DeliveryError.retryable(`Waiting for the channel message to be posted before the ${purpose}`);
  }
  return null;
}

async function renderInterviewMessage(database: Database, interview: Interview): Promise<SlackMessage> {
  const jobs = await database.read((manager) =>
    manager.find(DeliveryJob, { where: { interviewId: interview.id }, order: { createdAt: 'DESC' } }),
  );
  const latestCandidateEmail = jobs.find((job) => isCandidateEmail(job.kind)) ?? null;
  return presentInterviewMessage(interview, latestCandidateEmail);
}
