/** What an interviewer's calendar event says about the interview. */
export interface InterviewEventDetails {
  candidateName: string;
  role?: string;
  /** The link this interviewer joins by (their own join link, or the meeting's). */
  joinUrl?: string;
  /** Everyone else in the interview, by name: the other interviewers, then the candidate. */
  otherParticipants: string[];
}

/**
 * The title and body of an interviewer's calendar event: `Interview: Ada Lovelace (Staff
 * Engineer)`, then the join link and who else takes part. People are named in the text, never
 * added as attendees, so the calendar provider sends nobody an invitation of its own.
 */
export function interviewEventText(details: InterviewEventDetails): { title: string; description: string } {
  const candidate = singleLine(details.candidateName);
  const role = details.role ? singleLine(details.role) : '';
  const title = role ? `Interview: ${candidate} (${role})` : `Interview: ${candidate}`;
  const lines: string[] = [];
  if (details.joinUrl) lines.push(`Join: ${details.joinUrl}`);
  const others = details.otherParticipants.map(singleLine).filter((name) => name !== '');
  if (others.length > 0) lines.push(`With: ${others.join(', ')}`);
  lines.push('Scheduled with Interview Scheduler.');
  return { title, description: lines.join('\n') };
}

/** Line breaks and control characters in a name would break a title or forge a line of the body. */
function singleLine(text: string): string {
  return text.replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ').trim();
}
