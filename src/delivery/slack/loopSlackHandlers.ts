import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../../domain/deliveries/DeliveryJob';
import { Interview } from '../../domain/interviews/Interview';
import type { InterviewDeliveryResult } from '../../domain/interviews/interviewDeliveryOutcomes';
import { findLoopSessions } from '../../domain/loops/loopQueries';
import { presentSentToYouInsteadNote } from '../../slack/messages/channelFallback';
import { presentLoopMessage } from '../../slack/messages/loopMessage';
import { DeliveryError } from '../deliveryError';
import type { DeliveryHandlers } from '../deliveryWorker';
import { postFirstMessage, type FirstMessage } from './channelPost';
import { redrawMessageAt } from './messageLocation';
import { postingFor, type PostingDependencies, type SlackDeliveryDependencies } from './slackDeliveryHandlers';

const LOOP_MESSAGE: FirstMessage<Interview> = {
  what: 'the loop message',
  noChannel: 'The loop has no channel to post to.',
  sentToYouInsteadNote: presentSentToYouInsteadNote,
  logContext: (firstSession) => ({ interviewId: firstSession.id, loopId: firstSession.loopId ?? '' }),
};

/** The loop's one channel message (posted, then redrawn), kept on its first session. */
export function createLoopSlackHandlers(deps: SlackDeliveryDependencies): DeliveryHandlers {
  return {
    [DeliveryKind.LoopChannelPost]: async (job, _payload, firstSession) => postLoopMessage(await postingFor(deps, job), firstSession),
    [DeliveryKind.LoopMessageUpdate]: async (job, _payload, firstSession) => updateLoopMessage(await postingFor(deps, job), firstSession),
  };
}

async function sessionsOf(deps: PostingDependencies, firstSession: Interview): Promise<Interview[]> {
  const loopId = firstSession.loopId;
  if (!loopId) throw DeliveryError.permanent('This interview is not part of a loop.');
  return deps.database.read((manager) => findLoopSessions(manager, loopId));
}

async function postLoopMessage(deps: PostingDependencies, firstSession: Interview): Promise<InterviewDeliveryResult> {
  const message = presentLoopMessage(await sessionsOf(deps, firstSession));
  const { providerMessageId, landed } = await postFirstMessage(deps, firstSession, LOOP_MESSAGE, message);
  // Every session keeps where the loop's message is, so its thread hears of each (a no-show, a change to one session).
  const loopId = firstSession.loopId!;
  await deps.database.transaction((manager) => manager.update(Interview, { loopId }, landed));
  return { providerMessageId, interviewChanges: landed };
}

async function updateLoopMessage(deps: PostingDependencies, firstSession: Interview): Promise<InterviewDeliveryResult> {
  if (!firstSession.slackMessageChannelId || !firstSession.slackMessageTs) {
    const post = await deps.database.read((manager) =>
      manager.findOne(DeliveryJob, {
        where: { interviewId: firstSession.id, kind: DeliveryKind.LoopChannelPost },
        order: { createdAt: 'DESC' },
      }),
    );
    if (post && (post.status === DeliveryStatus.Pending || post.status === DeliveryStatus.InFlight)) {
      throw DeliveryError.retryable('Waiting for the loop message to be posted before updating it');
    }
    return {};
  }
  const location = { channel: firstSession.slackMessageChannelId, ts: firstSession.slackMessageTs };
  return redrawMessageAt(deps.client, location, presentLoopMessage(await sessionsOf(deps, firstSession)), 'updating the loop message');
}
