import type { Interview } from '../../domain/interviews/Interview';
import type { CandidateEmailReason, UpdateReason } from '../../domain/deliveries/deliveryPayloads';
import { InterviewStatus } from '../../domain/interviews/interviewStatus';
import { describeInterviewersForCandidate } from '../../presenters/interviewers';
import { describeDuration, describeTimeUntil, formatShortTimeInZone, formatTimeInZone } from '../../presenters/interviewTime';
import { buildCalendarInvite, type CalendarAttendee, type CalendarInvite } from '../../presenters/calendarInvite';
import type { MailAddress } from '../../config/mailAddress';
import { renderEmailHtml } from './emailLayout';

export interface CandidateEmail {
  subject: string;
  text: string;
  html: string;
  calendar: CalendarInvite;
}

/** The invitation, update and cancellation, and the reminders before the start. */
type CandidateEmailPurpose = CandidateEmailReason | 'reminder';

/**
 * The email a candidate receives. Every reason carries the join link in both parts (R4, docs/rules.md); the
 * link is a required column, so there is no way to render one without it. `interviewerAttendees`
 * are the interviewers whose addresses are known, on the calendar invitation's guest list.
 */
export function presentCandidateEmail(
  interview: Interview,
  reason: CandidateEmailReason,
  sender: MailAddress,
  interviewerAttendees?: CalendarAttendee[],
  /** For an update: what changed, so the email says so (the time, the link, other details). */
  change: UpdateReason = 'time',
): CandidateEmail {
  const effectiveReason = interview.status === InterviewStatus.Cancelled ? 'cancellation' : reason;
  return presentEmail(interview, effectiveReason, { ...describeInterview(interview), change }, sender, interviewerAttendees);
}

/**
 * A reminder before the start (CANDIDATE_REMINDERS): the join link in both parts, the time in the
 * candidate's zone, how long until it starts as of `now`, and the calendar invitation again.
 */
export function presentCandidateReminderEmail(
  interview: Interview,
  sender: MailAddress,
  now: Date,
  interviewerAttendees?: CalendarAttendee[],
): CandidateEmail {
  const details = { ...describeInterview(interview), startsIn: describeTimeUntil(interview.scheduledTime, now) };
  return presentEmail(interview, 'reminder', details, sender, interviewerAttendees);
}

function presentEmail(
  interview: Interview,
  purpose: CandidateEmailPurpose,
  details: InterviewDetails,
  sender: MailAddress,
  interviewerAttendees: CalendarAttendee[] | undefined,
): CandidateEmail {
  const calendar = buildCalendarInvite(interview, { name: sender.name ?? 'Hiring team', email: sender.email }, interviewerAttendees);
  return {
    subject: subjectFor(purpose, details),
    text: plainText(purpose, interview, details),
    html: html(purpose, interview, details),
    calendar,
  };
}

interface InterviewDetails {
  roleLine: string;
  when: string;
  whenShort: string;
  duration: string;
  interviewers: string[];
  /** "in 1 hour", for a reminder. */
  startsIn?: string;
  /** For an update, what changed. */
  change?: UpdateReason;
}

function describeInterview(interview: Interview): InterviewDetails {
  return {
    roleLine: interview.role ? `your interview for ${interview.role}` : 'your interview',
    when: formatTimeInZone(interview.scheduledTime, interview.timezone),
    whenShort: formatShortTimeInZone(interview.scheduledTime, interview.timezone),
    duration: describeDuration(interview.durationMinutes),
    interviewers: describeInterviewersForCandidate(interview.interviewers),
  };
}

function subjectFor(purpose: CandidateEmailPurpose, details: InterviewDetails): string {
  const what = capitalize(details.roleLine);
  switch (purpose) {
    case 'invitation':
      return `${what}: ${details.whenShort}`;
    case 'update':
      return {
        time: `Updated: ${details.roleLine} is now ${details.whenShort}`,
        link: `New link for ${details.roleLine} on ${details.whenShort}`,
        details: `Updated details: ${details.roleLine} on ${details.whenShort}`,
      }[details.change ?? 'time'];
    case 'cancellation':
      return `Cancelled: ${details.roleLine} on ${details.whenShort}`;
    case 'reminder':
      return `Reminder: ${details.roleLine} starts ${details.startsIn ?? 'soon'}, ${details.whenShort}`;
  }
}

function opening(purpose: CandidateEmailPurpose, details: InterviewDetails): string {
  switch (purpose) {
    case 'invitation':
      return `You're invited to ${details.roleLine}.`;
    case 'update':
      return {
        time: `The time of ${details.roleLine} has changed. Here is the current plan.`,
        link: `The link to join ${details.roleLine} has changed; the old link no longer works. The time is the same.`,
        details: `The details of ${details.roleLine} have changed. Here is the current plan.`,
      }[details.change ?? 'time'];
    case 'cancellation':
      return `We're sorry: ${details.roleLine} has been cancelled. Your calendar entry is removed with this message.`;
    case 'reminder':
      return `A reminder: ${details.roleLine} starts ${details.startsIn ?? 'soon'}.`;
  }
}

function plainText(purpose: CandidateEmailPurpose, interview: Interview, details: InterviewDetails): string {
  const lines = [
    `Hi ${interview.candidateName},`,
    '',
    opening(purpose, details),
    '',
    `When: ${details.when}`,
    `Length: ${details.duration}`,
  ];
  if (interview.role) lines.push(`Role: ${interview.role}`);
  if (details.interviewers.length > 0) lines.push(`With: ${details.interviewers.join(', ')}`);
  lines.push('', purpose === 'cancellation' ? 'Interview page:' : 'Join your interview here:', interview.joinLink, '');
  if (purpose !== 'cancellation') {
    lines.push('The page opens for joining shortly before the start. An invitation for your calendar is attached.', '');
  }
  return lines.join('\n');
}

function html(purpose: CandidateEmailPurpose, interview: Interview, details: InterviewDetails): string {
  const rows: Array<[string, string]> = [
    ['When', details.when],
    ['Length', details.duration],
  ];
  if (interview.role) rows.push(['Role', interview.role]);
  if (details.interviewers.length > 0) rows.push(['With', details.interviewers.join(', ')]);
  return renderEmailHtml({
    title: subjectFor(purpose, details),
    greeting: `Hi ${interview.candidateName},`,
    opening: opening(purpose, details),
    rows,
    buttonLabel: purpose === 'cancellation' ? 'View interview page' : 'Join interview',
    link: interview.joinLink,
  });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
