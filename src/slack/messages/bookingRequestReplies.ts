import { escapeMrkdwn } from './mrkdwn';

/** What the person who clicked a booking request's button is told, privately. */
export const BookingRequestReplies = {
  resending: (candidateEmail: string) => `:envelope: Sending the booking link to ${escapeMrkdwn(candidateEmail)} again.`,
  requestGone: 'That booking request no longer exists.',
} as const;
