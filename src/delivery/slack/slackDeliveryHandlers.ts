import type { WebClient } from '@slack/web-api';
import { In } from 'typeorm';
import type { Database } from '../../db/database';
import { DeliveryJob, DeliveryKind } from '../../domain/deliveries/DeliveryJob';
import type { Interview } from '../../domain/interviews/Interview';
import type { DeliveryPayloadOf, InterviewThreadEvent } from '../../domain/deliveries/deliveryPayloads';
import { isCandidateEmail } from '../../domain/deliveries/deliveryKinds';
import type { Logger } from '../../logging/logger';
import { presentInterviewMessage, type SlackMessage } from '../../slack/messages/interviewMessage';
import { readMeetingState } from '../../domain/meetings/meetingQueries';
import { postFirstMessage, type FirstMessage } from './channelPost';
import { presentSentToYouInsteadNote } from '../../slack/messages/channelFallback';
import { presentInterviewerNotice } from '../../slack/messages/interviewerNotice';
import { presentInterviewerReminder } from '../../slack/messages/interviewerReminder';
import { presentNoShowAlert } from '../../slack/messages/noShowAlert';
import { presentThreadReply } from '../../slack/messages/threadReplies';
import { presentLoopMessage } from '../../slack/messages/loopMessage';
import { findLoopSessions } from '../../domain/loops/loopQueries';
import { DeliveryError } from '../deliveryError';
import type { InterviewDeliveryResult } from '../../domain/interviews/interviewDeliveryOutcomes';
import type { DeliveryHandlers } from '../deliveryWorker';
import type { SlackClients } from '../../slackApi/slackClients';
import { classifySlackError, slackClientFor } from './slackErrors';
import { redrawMessageAt, replyInThreadAt, requireMessageLocation } from './messageLocation';

export interface SlackDeliveryDependencies {
  /** The client for each job's workspace. */
  clients: SlackClients;
  database: Database;
  logger: Logger;
  /** The clock the no-show alert is recorded by. */
  now?: () => Date;
}

/** What posting one job needs: the client with its workspace's bot token. */
export interface PostingDependencies extends Omit<SlackDeliveryDependencies, 'clients'> {
  client: WebClient;
}

/** The dependencies for posting `job`, with its workspace's client. */
export async function postingFor(deps: SlackDeliveryDependencies, job: DeliveryJob): Promise<PostingDependencies> {
  return { ...deps, client: await slackClientFor(deps.clients, job) };
}

/**
 * The outbox handlers that talk to Slack: the channel message (R5 in docs/rules.md, with its fallbacks), its
 * updates, replies in its thread (the no-show alert among them), and interviewers' DMs and
 * reminders. Each posts with its workspace's bot token.
 */
export function createSlackDeliveryHandlers(deps: SlackDeliveryDependencies): DeliveryHandlers {
  const posting = (job: DeliveryJob) => postingFor(deps, job);
  return {
    [DeliveryKind.ChannelPost]: async (job, _payload, interview) => postInterviewMessage(await posting(job), interview),
    [DeliveryKind.ChannelMessageUpdate]: async (job, _payload, interview) => updateInterviewMessage(await posting(job), interview),
    [DeliveryKind.ThreadReply]: async (job, event, interview) => replyInThread(await posting(job), event, interview),
    [DeliveryKind.InterviewerNotice]: async (job, notice, interview) =>
      sendDirectMessage(
        await posting(job),
        notice.slackUserId,
        presentInterviewerNotice(interview, notice.change),
        'messaging an interviewer',
      ),
    [DeliveryKind.InterviewerReminder]: async (job, reminder, interview) =>
      sendDirectMessage(await posting(job), reminder.slackUserId, presentInterviewerReminder(interview), 'reminding an interviewer'),
    [DeliveryKind.NoShowAlert]: async (job, alert, interview) => alertNoShow(await posting(job), alert, interview),
  };
}

/** The interview's message, which the organizer gets as a DM when the channel refuses it (channelPost.ts). */
const INTERVIEW_MESSAGE: FirstMessage<Interview> = {
  what: 'the interview message',
  noChannel: 'The interview has no channel to post to.',
  sentToYouInsteadNote: presentSentToYouInsteadNote,
  logContext: (interview) => ({ interviewId: interview.id }),
};

/** R5 (docs/rules.md): the interview's message in its channel, or the organizer's DM when the channel refuses it. */
async function postInterviewMessage(deps: PostingDependencies, interview: Interview): Promise<InterviewDeliveryResult> {
  const message = await renderInterviewMessage(deps.database, interview);
  const { providerMessageId, landed } = await postFirstMessage(deps, interview, INTERVIEW_MESSAGE, message);
  return { providerMessageId, interviewChanges: landed };
}

async function updateInterviewMessage(deps: PostingDependencies, interview: Interview): Promise<InterviewDeliveryResult> {
  const location = await requireMessageLocation(deps.database, interview, 'update');
  if (!location) return {};
  return redrawMessageAt(deps.client, location, await renderInterviewMessage(deps.database, interview), 'updating the interview message');
}

async function replyInThread(
  deps: PostingDependencies,
  event: InterviewThreadEvent,
  interview: Interview,
): Promise<InterviewDeliveryResult> {
  const location = await requireMessageLocation(deps.database, interview, 'reply');
  if (!location) return {};
  return replyInThreadAt(deps.client, location, { text: presentThreadReply(event, interview) }, 'replying in the interview thread');
}

async function sendDirectMessage(
  deps: PostingDependencies,
  slackUserId: string,
  text: string,
  what: string,
): Promise<InterviewDeliveryResult> {
  try {
    const dm = await deps.client.conversations.open({ users: slackUserId });
    if (!dm.channel?.id) throw DeliveryError.retryable('Slack did not return a DM channel');
    const posted = await deps.client.chat.postMessage({ channel: dm.channel.id, text, unfurl_links: false });
    return { providerMessageId: posted.ts };
  } catch (error) {
    if (error instanceof DeliveryError) throw error;
    throw classifySlackError(error, what);
  }
}

/**
 * The candidate has not opened their page (the worker checked, as it was due): say so in the
 * thread, mentioning the organizer and the interviewers, and mark the interview, so its message
 * shows it (the worker queues the update).
 */
async function alertNoShow(
  deps: PostingDependencies,
  alert: DeliveryPayloadOf<DeliveryKind.NoShowAlert>,
  interview: Interview,
): Promise<InterviewDeliveryResult> {
  const location = await requireMessageLocation(deps.database, interview, 'no-show alert');
  if (!location) return {};
  const alerted = await replyInThreadAt(
    deps.client,
    location,
    { text: presentNoShowAlert(interview, alert.after) },
    'telling the thread the candidate has not turned up',
  );
  return { ...alerted, interviewChanges: { noShowAlertedAt: deps.now?.() ?? new Date() } };
}

/** The candidate's email kinds, whose latest delivery the message shows. */
const CANDIDATE_EMAIL_KINDS = Object.values(DeliveryKind).filter(isCandidateEmail);

async function renderInterviewMessage(database: Database, interview: Interview): Promise<SlackMessage> {
  // A loop's sessions share the loop's one message: a change to any of them redraws the loop.
  const loopId = interview.loopId;
  if (loopId) return presentLoopMessage(await database.read((manager) => findLoopSessions(manager, loopId)));
  const latestCandidateEmail = await database.read((manager) =>
    manager.findOne(DeliveryJob, {
      where: { interviewId: interview.id, kind: In(CANDIDATE_EMAIL_KINDS) },
      order: { createdAt: 'DESC' },
    }),
  );
  return presentInterviewMessage(interview, latestCandidateEmail, await readMeetingState({ database }, interview));
}
