import { liveSessionsOf } from '../../domain/loops/loopState';
import { createEvents, type EventAttributes } from 'ics';
import escapeHtml from 'escape-html';
import type { MailAddress } from '../../config/mailAddress';
import type { Interview } from '../../domain/interviews/Interview';
import { InterviewStatus } from '../../domain/interviews/interviewStatus';
import { CALENDAR_PRODUCT_ID, calendarParameterText, calendarUid, type CalendarInvite } from '../../presenters/calendarInvite';
import { describeInterviewersForCandidate } from '../../presenters/interviewers';
import { describeDuration, formatClockTimeInZone, formatShortTimeInZone, formatTimeInZone } from '../../presenters/interviewTime';
import type { CandidateEmail } from './candidateEmail';

/** Why the candidate hears about their loop. */
export type LoopEmailReason = 'invitation' | 'update' | 'cancellation';

/**
 * The loop's one email to the candidate: the agenda (each session's time, title, interviewers and
 * join link, in both parts), and one calendar file with an event per session, each under the
 * session's own UID and SEQUENCE, so a later change to one session updates that event.
 */
export function presentLoopEmail(sessions: readonly Interview[], reason: LoopEmailReason, sender: MailAddress): CandidateEmail {
  const first = sessions[0];
  const zone = first.timezone;
  const effective = liveSessionsOf(sessions).length === 0 ? 'cancellation' : reason;
  const what = first.role ? `your interviews for ${first.role}` : 'your interviews';
  const whenShort = formatShortTimeInZone(first.scheduledTime, zone);
  const subject =
    effective === 'invitation'
      ? `${capitalize(what)}: ${sessions.length} sessions, ${whenShort}`
      : effective === 'update'
        ? `Updated: ${what} now start ${whenShort}`
        : `Cancelled: ${what} on ${whenShort}`;
  const opening =
    effective === 'invitation'
      ? `You're invited to ${what}: ${sessions.length} sessions on ${formatTimeInZone(first.scheduledTime, zone)}, one after another. Each has its own join link.`
      : effective === 'update'
        ? `The times of ${what} have changed. Here is the current agenda; your join links stay the same.`
        : `We're sorry: ${what} have been cancelled. Your calendar entries are removed with this message.`;
  const agenda = sessions.map((session) => ({
    time: `${formatClockTimeInZone(session.scheduledTime, zone)}–${formatClockTimeInZone(endOf(session), zone)}`,
    title: session.sessionTitle ?? 'Interview',
    length: describeDuration(session.durationMinutes),
    interviewers: describeInterviewersForCandidate(session.interviewers),
    link: session.joinLink,
  }));
  const text = [
    `Hi ${first.candidateName},`,
    '',
    opening,
    '',
    ...agenda.flatMap((item, index) => [
      `${index + 1}. ${item.time}: ${item.title} (${item.length})`,
      ...(item.interviewers.length > 0 ? [`   With: ${item.interviewers.join(', ')}`] : []),
      `   Join: ${item.link}`,
    ]),
    '',
    effective === 'cancellation'
      ? ''
      : 'Each page opens for joining shortly before its session. The calendar file attached holds every session.',
    '',
  ].join('\n');
  const rows = agenda
    .map(
      (item) =>
        `<tr><th scope="row" style="text-align:left;vertical-align:top;font-weight:600;padding:6px 16px 6px 0;color:#555">${escapeHtml(item.time)}</th>` +
        `<td style="text-align:left;vertical-align:top;padding:6px 0">${escapeHtml(item.title)} (${escapeHtml(item.length)})` +
        (item.interviewers.length > 0 ? `<br>With ${escapeHtml(item.interviewers.join(', '))}` : '') +
        `<br><a href="${escapeHtml(item.link)}">${escapeHtml(item.link)}</a></td></tr>`,
    )
    .join('');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1d1c1d;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">
<p>${escapeHtml(`Hi ${first.candidateName},`)}</p>
<p>${escapeHtml(opening)}</p>
<table aria-label="Agenda" style="border-collapse:collapse;margin:16px 0"><tbody>${rows}</tbody></table>
</body></html>`;
  return { subject, text, html, calendar: loopCalendar(sessions, effective === 'cancellation', sender) };
}

function loopCalendar(sessions: readonly Interview[], cancelled: boolean, sender: MailAddress): CalendarInvite {
  const method = cancelled ? 'CANCEL' : 'REQUEST';
  const events: EventAttributes[] = sessions.map((session) => {
    const interviewers = describeInterviewersForCandidate(session.interviewers);
    const title = session.sessionTitle ?? 'Interview';
    return {
      productId: CALENDAR_PRODUCT_ID,
      method,
      uid: calendarUid(session),
      sequence: session.calendarSequence,
      start: session.scheduledTime.getTime(),
      startInputType: 'utc',
      startOutputType: 'utc',
      duration: { minutes: session.durationMinutes },
      title: session.role ? `${title}: ${session.role}` : title,
      description: [`Join: ${session.joinLink}`, interviewers.length > 0 ? `Interviewers: ${interviewers.join(', ')}` : null]
        .filter(Boolean)
        .join('\n'),
      status: cancelled || session.status === InterviewStatus.Cancelled ? 'CANCELLED' : 'CONFIRMED',
      organizer: { name: calendarParameterText(sender.name ?? 'Hiring team'), email: sender.email },
      attendees: [
        {
          name: calendarParameterText(session.candidateName),
          email: session.candidateEmail,
          rsvp: true,
          role: 'REQ-PARTICIPANT',
          partstat: 'NEEDS-ACTION',
        },
      ],
    };
  });
  const built = createEvents(events);
  if (built.error || !built.value) throw new Error(`Could not build the loop's calendar file: ${built.error?.message ?? 'no output'}`);
  return { method, filename: cancelled ? 'cancellation.ics' : 'invite.ics', content: built.value };
}

function endOf(session: Interview): Date {
  return new Date(session.scheduledTime.getTime() + session.durationMinutes * 60_000);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
