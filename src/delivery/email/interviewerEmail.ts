import type { Interview } from '../../domain/interviews/Interview';
import type { CandidateEmailReason, UpdateReason } from '../../domain/deliveries/deliveryPayloads';
import { InterviewStatus } from '../../domain/interviews/interviewStatus';
import { buildCalendarInvite, type CalendarAttendee, type CalendarInvite } from '../../presenters/calendarInvite';
import { describeDuration, formatShortTimeInZone, formatTimeInZone } from '../../presenters/interviewTime';
import type { MailAddress } from '../../config/mailAddress';
import { renderEmailHtml } from './emailLayout';

export interface InterviewerEmail {
  subject: string;
  text: string;
  html: string;
  calendar: CalendarInvite;
}

/** The interviewer the email is for: how to greet them and which zone to show the time in. */
export interface InterviewerRecipient {
  email: string;
  name?: string;
  /** Their own zone when Slack says it; else the time is shown in the candidate's. */
  timezone?: string;
}

/**
 * An interviewer's copy of the calendar invitation, update or cancellation: the candidate, the
 * role, the time, the join link in both parts, and the same event the candidate gets (same UID
 * and SEQUENCE), so everyone's calendars agree.
 */
export function presentInterviewerEmail(
  interview: Interview,
  reason: CandidateEmailReason,
  recipient: InterviewerRecipient,
  sender: MailAddress,
  interviewerAttendees: CalendarAttendee[],
  /** For an update: what changed (the time, the link, other details). */
  change: UpdateReason = 'time',
): InterviewerEmail {
  const effectiveReason = interview.status === InterviewStatus.Cancelled ? 'cancellation' : reason;
  const timezone = recipient.timezone ?? interview.timezone;
  const who = interview.role ? `${interview.candidateName} (${interview.role})` : interview.candidateName;
  const whenShort = formatShortTimeInZone(interview.scheduledTime, timezone);
  const subject = {
    invitation: `Interview with ${who}: ${whenShort}`,
    update: {
      time: `Updated: interview with ${who} is now ${whenShort}`,
      link: `New join link: interview with ${who} on ${whenShort}`,
      details: `Updated details: interview with ${who} on ${whenShort}`,
    }[change],
    cancellation: `Cancelled: interview with ${who} on ${whenShort}`,
  }[effectiveReason];
  const opening = {
    invitation: `You're interviewing ${who}.`,
    update: {
      time: `The time of the interview with ${who} has changed. Here is the current plan.`,
      link: `The join link of the interview with ${who} has changed; the old one no longer works. The time is the same.`,
      details: `The details of the interview with ${who} have changed. Here is the current plan.`,
    }[change],
    cancellation: `The interview with ${who} has been cancelled. Your calendar entry is removed with this message.`,
  }[effectiveReason];
  const rows: Array<[string, string]> = [
    ['Candidate', `${interview.candidateName} <${interview.candidateEmail}>`],
    ['When', formatTimeInZone(interview.scheduledTime, timezone)],
    ['Length', describeDuration(interview.durationMinutes)],
  ];
  if (interview.role) rows.push(['Role', interview.role]);
  if (interview.meetingUrl) rows.push(['Call', interview.meetingUrl]);
  if (interview.notes) rows.push(['Notes', interview.notes]);
  const greeting = `Hi ${recipient.name ?? 'there'},`;
  const linkLabel = effectiveReason === 'cancellation' ? 'Interview page:' : "Join link (the candidate's page):";
  const text = [
    greeting,
    '',
    opening,
    '',
    ...rows.map(([label, value]) => `${label}: ${value}`),
    '',
    linkLabel,
    interview.joinLink,
    '',
  ].join('\n');
  return {
    subject,
    text,
    html: renderEmailHtml({
      title: subject,
      greeting,
      opening,
      rows,
      buttonLabel: effectiveReason === 'cancellation' ? 'View interview page' : 'Open the join page',
      link: interview.joinLink,
    }),
    calendar: buildCalendarInvite(interview, { name: sender.name ?? 'Hiring team', email: sender.email }, interviewerAttendees),
  };
}
