import type { EntityManager } from 'typeorm';
import type { BookingRequest } from '../../domain/bookings/BookingRequest';
import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../../domain/deliveries/DeliveryJob';
import { describeOffer, type BookingOffer } from '../../domain/bookings/bookingOffers';
import { BookingRequestStatus } from '../../domain/bookings/bookingRequestStatus';
import { readPlannedDelivery, type BookingRequestThreadEvent } from '../../domain/deliveries/deliveryPayloads';
import { presentBookingRequestMessage } from '../../slack/messages/bookingRequestMessage';
import { presentBookingRequestThreadReply } from '../../slack/messages/bookingRequestThreadReplies';
import { presentBookingRequestSentToYouInsteadNote } from '../../slack/messages/channelFallback';
import type { SlackMessage } from '../../slack/messages/interviewMessage';
import { DeliveryError } from '../deliveryError';
import type { BookingRequestDeliveryResult } from '../../domain/bookings/bookingRequestDeliveryOutcomes';
import type { DeliveryHandlers } from '../deliveryWorker';
import { postFirstMessage, type FirstMessage } from './channelPost';
import { postingFor, type PostingDependencies, type SlackDeliveryDependencies } from './slackDeliveryHandlers';
import { redrawMessageAt, replyInThreadAt, requireMessageLocation } from './messageLocation';

export interface BookingRequestSlackDependencies extends SlackDeliveryDependencies {
  /** The clock that decides which offered slots are still open. */
  now: () => Date;
}

/** What posting one booking request job needs: its workspace's client, and the clock. */
type BookingPostingDependencies = PostingDependencies & { now: () => Date };

/**
 * The outbox handlers that show a booking request in Slack: its "waiting" message, its updates and
 * its thread, each posted with its workspace's bot token.
 */
export function createBookingRequestSlackHandlers(deps: BookingRequestSlackDependencies): DeliveryHandlers {
  const posting = async (job: DeliveryJob): Promise<BookingPostingDependencies> => ({ ...(await postingFor(deps, job)), now: deps.now });
  return {
    [DeliveryKind.BookingRequestPost]: async (job, _payload, request) => postBookingRequestMessage(await posting(job), request),
    [DeliveryKind.BookingRequestMessageUpdate]: async (job, _payload, request) => updateBookingRequestMessage(await posting(job), request),
    [DeliveryKind.BookingRequestThreadReply]: async (job, event, request) => replyInBookingThread(await posting(job), event, request),
  };
}

/** The request's "waiting" message, which the organizer gets as a DM when the channel refuses it (channelPost.ts). */
const BOOKING_REQUEST_MESSAGE: FirstMessage<BookingRequest> = {
  what: 'the booking request message',
  noChannel: 'The booking request has no channel to post to.',
  sentToYouInsteadNote: presentBookingRequestSentToYouInsteadNote,
  logContext: (request) => ({ bookingRequestId: request.id }),
};

/**
 * Posts the "waiting for the candidate" message where the request was made, with the same
 * fallback as an interview's (R5, docs/rules.md). A candidate who booked before it went out has
 * the interview's own message instead, so then nothing is posted.
 */
async function postBookingRequestMessage(deps: BookingPostingDependencies, request: BookingRequest): Promise<BookingRequestDeliveryResult> {
  if (!request.channelId) throw DeliveryError.permanent(BOOKING_REQUEST_MESSAGE.noChannel);
  const { offer, message } = await render(deps, request);
  if (offer.state === BookingRequestStatus.Booked) {
    return { skipped: 'The candidate picked a time before this was posted; the interview’s own message shows it.' };
  }
  const { providerMessageId, landed } = await postFirstMessage(deps, request, BOOKING_REQUEST_MESSAGE, message);
  return { providerMessageId, bookingRequestChanges: landed };
}

/** Redraws the message; once the interview has taken it over, the interview's own updates draw it. */
async function updateBookingRequestMessage(
  deps: BookingPostingDependencies,
  request: BookingRequest,
): Promise<BookingRequestDeliveryResult> {
  const location = await requireMessageLocation(deps.database, request, 'update');
  if (!location) return { skipped: 'The booking request has no message to update.' };
  const { offer, message } = await render(deps, request);
  if (offer.interview?.slackMessageTs === location.ts) {
    return { skipped: 'The interview booked from this request shows its own state in this message now.' };
  }
  return redrawMessageAt(deps.client, location, message, 'updating the booking request message');
}

async function replyInBookingThread(
  deps: BookingPostingDependencies,
  event: BookingRequestThreadEvent,
  request: BookingRequest,
): Promise<BookingRequestDeliveryResult> {
  const location = await requireMessageLocation(deps.database, request, 'reply');
  if (!location) return { skipped: 'The booking request has no message to reply to.' };
  return replyInThreadAt(deps.client, location, presentBookingRequestThreadReply(event, request), 'replying in the booking request thread');
}

async function render(
  deps: Pick<BookingPostingDependencies, 'database' | 'now'>,
  request: BookingRequest,
): Promise<{ offer: BookingOffer; message: SlackMessage }> {
  const now = deps.now();
  return deps.database.read(async (manager: EntityManager) => {
    const offer = await describeOffer(manager, request, now);
    const emails = await manager.findBy(DeliveryJob, { bookingRequestId: request.id, kind: DeliveryKind.BookingLinkEmail });
    return { offer, message: presentBookingRequestMessage(offer, latestLinkEmail(emails, now)) };
  });
}

/**
 * The booking link email the message should speak of: the latest one sent or being sent. A nudge
 * queued for later is not one yet, nor one skipped because it was no longer needed; the first
 * email and its nudge are told apart by when each was due.
 */
function latestLinkEmail(emails: DeliveryJob[], now: Date): DeliveryJob | null {
  const isNudge = (job: DeliveryJob) => {
    const planned = readPlannedDelivery(job.kind, job.payload);
    return planned.kind === DeliveryKind.BookingLinkEmail && planned.payload.reason === 'nudge';
  };
  const started = emails.filter(
    (job) =>
      !(isNudge(job) && job.status === DeliveryStatus.Skipped) &&
      (job.attempts > 0 || job.status !== DeliveryStatus.Pending || job.nextAttemptAt.getTime() <= now.getTime()),
  );
  started.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
  return started.at(-1) ?? null;
}
