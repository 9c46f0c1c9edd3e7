import type { Interview } from '../../domain/interviews/Interview';
import { describeIsoDuration } from '../../presenters/interviewTime';
import { escapeMrkdwn, mentionUser, mrkdwnLink } from './mrkdwn';

/**
 * The thread reply when the candidate has not opened their page by the start plus
 * NO_SHOW_ALERT_AFTER: it mentions the organizer and the interviewers, so someone reaches out,
 * and gives the candidate's address to do it with.
 */
export function presentNoShowAlert(interview: Interview, after: string): string {
  const people = [interview.organizerSlackUserId, ...interview.interviewers.map((person) => person.slackUserId)].filter(
    (id): id is string => Boolean(id),
  );
  const mentions = [...new Set(people)].map(mentionUser).join(' ');
  const email = mrkdwnLink(`mailto:${interview.candidateEmail}`, interview.candidateEmail);
  return `:warning: ${mentions ? `${mentions} ` : ''}*${escapeMrkdwn(interview.candidateName)}* has not opened their interview page ${describeIsoDuration(after)} after the start. Reach them at ${email}.`;
}
