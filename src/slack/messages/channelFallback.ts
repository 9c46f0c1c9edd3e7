import type { BookingRequest } from '../../domain/bookings/BookingRequest';
import type { Interview } from '../../domain/interviews/Interview';
import { escapeMrkdwn } from './mrkdwn';

const INVITE_COMMAND = '`/invite @Interview Scheduler`';

/** Above the interview message when it goes to the organizer as a DM because the channel refused it (R5, docs/rules.md). */
export function presentCannotPostInChannelNote(channelId: string, slackError: string): string {
  return `I couldn't post in <#${channelId}> (${escapeMrkdwn(slackError)}). Type ${INVITE_COMMAND} there so future interviews appear in the channel. Here is this one:`;
}

/** The private note left in that channel for the organizer, pointing at the DM. */
export function presentSentToYouInsteadNote(interview: Pick<Interview, 'candidateName'>, slackError: string): string {
  return `I couldn't post the interview with ${escapeMrkdwn(interview.candidateName)} here (${escapeMrkdwn(slackError)}), so I sent it to you in a DM with its join link. Invite me with ${INVITE_COMMAND} to post here next time.`;
}

/** The same note for a booking request's "waiting" message. */
export function presentBookingRequestSentToYouInsteadNote(request: Pick<BookingRequest, 'candidateName'>, slackError: string): string {
  return `I couldn't post the booking request for ${escapeMrkdwn(request.candidateName)} here (${escapeMrkdwn(slackError)}), so I sent it to you in a DM with its booking link. Invite me with ${INVITE_COMMAND} to post here next time.`;
}
