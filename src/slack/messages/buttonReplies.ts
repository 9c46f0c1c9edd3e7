import { escapeMrkdwn } from './mrkdwn';

/** What the person who clicked an interview's button is told, privately. */
export const ButtonReplies = {
  resending: (candidateEmail: string) => `:envelope: Sending the invitation to ${escapeMrkdwn(candidateEmail)} again.`,
  linkRotated: ':key: The old join link no longer works; the candidate is being sent the new one.',
  notAllowed: (reason: string) => `:lock: ${reason}`,
  interviewGone: 'That interview no longer exists.',
} as const;
