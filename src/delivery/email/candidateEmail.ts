import escapeHtml from 'escape-html';
import type { Interview } from '../../db/entities/Interview';
import type { CandidateEmailReason } from '../../domain/deliveryPayloads';
import { InterviewStatus } from '../../domain/interviewStatus';
import { describeInterviewersForCandidate } from '../../presenters/interviewers';
import { describeDuration, formatShortTimeInZone, formatTimeInZone } from '../../presenters/interviewTime';
import { buildCalendarInvite, type CalendarInvite } from '../../presenters/calendarInvite';
import type { MailAddress } from '../../mailAddress';

export interface CandidateEmail {
  subject: string;
  text: string;
  html: string;
  calendar: CalendarInvite;
}

/**
 * The email a candidate receives. Every reason carries the join link in both parts (R4); the
 * link is a required column, so there is no way to render one without it.
 */
export function presentCandidateEmail(interview: Interview, reason: CandidateEmailReason, sender: MailAddress): CandidateEmail {
  const details = describeInterview(interview);
  const calendar = buildCalendarInvite(interview, { name: sender.name ?? 'Hiring team', email: sender.email });
  const effectiveReason = interview.status === InterviewStatus.Cancelled ? 'cancellation' : reason;
  return {
    subject: subjectFor(effectiveReason, details),
    text: plainText(effectiveReason, interview, details),
    html: html(effectiveReason, interview, details),
    calendar,
  };
}

interface InterviewDetails {
  roleLine: string;
  when: string;
  whenShort: string;
  duration: string;
  interviewers: string[];
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

function subjectFor(reason: CandidateEmailReason, details: InterviewDetails): string {
  const what = capitalize(details.roleLine);
  switch (reason) {
    case 'invitation':
      return `${what}: ${details.whenShort}`;
    case 'update':
      return `Updated: ${details.roleLine} is now ${details.whenShort}`;
    case 'cancellation':
      return `Cancelled: ${details.roleLine} on ${details.whenShort}`;
  }
}

function opening(reason: CandidateEmailReason, details: InterviewDetails): string {
  switch (reason) {
    case 'invitation':
      return `You're invited to ${details.roleLine}.`;
    case 'update':
      return `The details of ${details.roleLine} have changed. Here is the current plan.`;
    case 'cancellation':
      return `We're sorry: ${details.roleLine} has been cancelled. Your calendar entry is removed with this message.`;
  }
}

function plainText(reason: CandidateEmailReason, interview: Interview, details: InterviewDetails): string {
  const lines = [
    `Hi ${interview.candidateName},`,
    '',
    opening(reason, details),
    '',
    `When: ${details.when}`,
    `Length: ${details.duration}`,
  ];
  if (interview.role) lines.push(`Role: ${interview.role}`);
  if (details.interviewers.length > 0) lines.push(`With: ${details.interviewers.join(', ')}`);
  lines.push('', reason === 'cancellation' ? 'Interview page:' : 'Join your interview here:', interview.joinLink, '');
  if (reason !== 'cancellation') {
    lines.push('The page opens for joining shortly before the start. An invitation for your calendar is attached.', '');
  }
  return lines.join('\n');
}

function html(reason: CandidateEmailReason, interview: Interview, details: InterviewDetails): string {
  const link = escapeHtml(interview.joinLink);
  const rows: Array<[string, string]> = [
    ['When', details.when],
    ['Length', details.duration],
  ];
  if (interview.role) rows.push(['Role', interview.role]);
  if (details.interviewers.length > 0) rows.push(['With', details.interviewers.join(', ')]);
  // A real data table, each label a row header, so a screen reader says "When: …" for each value;
  // inline styles rather than classes or align attributes, because mail clients drop the rest.
  const rowHtml = rows
    .map(
      ([label, value]) =>
        `<tr><th scope="row" style="text-align:left;vertical-align:top;font-weight:600;padding:4px 16px 4px 0;color:#555">${label}</th><td style="text-align:left;vertical-align:top;padding:4px 0">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  const buttonLabel = reason === 'cancellation' ? 'View interview page' : 'Join interview';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subjectFor(reason, details))}</title></head>
<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1d1c1d;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">
<p>Hi ${escapeHtml(interview.candidateName)},</p>
<p>${escapeHtml(opening(reason, details))}</p>
<table aria-label="Interview details" style="border-collapse:collapse;margin:16px 0"><tbody>${rowHtml}</tbody></table>
<p style="margin:24px 0"><a href="${link}" style="background:#2b6cb0;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${buttonLabel}</a></p>
<p style="font-size:14px;color:#555">If the button does not work, copy this link into your browser:<br><a href="${link}">${link}</a></p>
</body></html>`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
