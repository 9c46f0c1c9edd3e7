import { createEvent, type EventAttributes } from 'ics';
import type { Interview } from '../domain/interviews/Interview';
import type { Interviewer } from '../domain/shared/participants';
import { InterviewStatus } from '../domain/interviews/interviewStatus';
import { describeInterviewersForCandidate } from './interviewers';

export const CALENDAR_PRODUCT_ID = 'interview-scheduler/ics';

export type CalendarMethod = 'REQUEST' | 'CANCEL';

/** An interviewer on the invitation's guest list: their address, and a name when known. */
export interface CalendarAttendee {
  email: string;
  name?: string;
}

export interface CalendarInvite {
  method: CalendarMethod;
  filename: string;
  content: string;
}

/**
 * The interview as an iCalendar invitation. The UID is stable per interview and SEQUENCE rises
 * with every change, so calendars update the event in place; a cancellation sends METHOD:CANCEL.
 * The candidate and every interviewer whose address is known are its attendees, and each of them
 * gets this same event (same UID and SEQUENCE).
 */
export function buildCalendarInvite(
  interview: Interview,
  organizer: { name: string; email: string },
  interviewerAttendees: CalendarAttendee[] = interviewersWithGivenAddresses(interview.interviewers),
): CalendarInvite {
  const method: CalendarMethod = interview.status === InterviewStatus.Cancelled ? 'CANCEL' : 'REQUEST';
  const interviewers = describeInterviewersForCandidate(interview.interviewers);
  const attributes: EventAttributes = {
    productId: CALENDAR_PRODUCT_ID,
    method,
    uid: calendarUid(interview),
    sequence: interview.calendarSequence,
    start: interview.scheduledTime.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: interview.durationMinutes },
    title: interview.role ? `Interview: ${interview.role}` : 'Interview',
    description: [`Join: ${interview.joinLink}`, interviewers.length > 0 ? `Interviewers: ${interviewers.join(', ')}` : null]
      .filter(Boolean)
      .join('\n'),
    url: interview.joinLink,
    location: interview.joinLink,
    status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    organizer: { name: calendarParameterText(organizer.name), email: organizer.email },
    attendees: [
      {
        name: calendarParameterText(interview.candidateName),
        email: interview.candidateEmail,
        rsvp: true,
        role: 'REQ-PARTICIPANT',
        partstat: 'NEEDS-ACTION',
      },
      ...uniqueAttendees(interviewerAttendees, interview.candidateEmail).map((attendee) => ({
        ...(attendee.name ? { name: calendarParameterText(attendee.name) } : {}),
        email: attendee.email,
        rsvp: true,
        role: 'REQ-PARTICIPANT' as const,
        partstat: 'NEEDS-ACTION' as const,
      })),
    ],
  };
  return { method, filename: method === 'CANCEL' ? 'cancellation.ics' : 'invite.ics', content: createCalendarText(attributes) };
}

/**
 * The ics library checks URL and LOCATION against its own URL pattern, which refuses some valid
 * links (e.g. a one-digit port). The link is also in DESCRIPTION, so an invite without those two
 * is still useful, and a calendar quirk can never hold back the candidate's email.
 */
function createCalendarText(attributes: EventAttributes): string {
  const first = createEvent(attributes);
  if (!first.error && first.value) return first.value;
  const { url: _url, location: _location, ...withoutLinks } = attributes;
  const second = createEvent(withoutLinks);
  if (!second.error && second.value) return second.value;
  throw new Error(`Could not build the calendar invitation: ${(second.error ?? first.error)?.message ?? 'no output'}`);
}

/**
 * A person's name as an iCalendar parameter value (`CN="…"`). RFC 5545 allows no DQUOTE inside a
 * quoted value and no escape for one: the ics library's `\"` makes parsers drop the attendee, and
 * a name like `Eve":mailto:attacker@evil.example` would add one. Double quotes become single ones
 * (readable in every calendar, unlike RFC 6868's `^'`), and control characters go.
 */
export function calendarParameterText(name: string): string {
  return name.replace(/"/g, "'").replace(/\p{Cc}/gu, ' ');
}

/** The interviewers given by address (through the API or a slot): attendees without asking Slack. */
export function interviewersWithGivenAddresses(interviewers: Interviewer[]): CalendarAttendee[] {
  return interviewers.flatMap((interviewer) => (interviewer.email ? [{ email: interviewer.email, name: interviewer.name }] : []));
}

/** Each address once, compared without case, and never the candidate's a second time. */
function uniqueAttendees(attendees: CalendarAttendee[], candidateEmail: string): CalendarAttendee[] {
  const seen = new Set([candidateEmail.toLowerCase()]);
  return attendees.filter((attendee) => {
    const key = attendee.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function calendarUid(interview: Pick<Interview, 'id'>): string {
  return `interview-${interview.id}@interview-scheduler`;
}
