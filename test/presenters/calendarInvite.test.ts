import * as ical from 'node-ical';
import type { Interview } from '../../src/domain/interviews/Interview';
import { InterviewStatus } from '../../src/domain/interviews/interviewStatus';
import { buildCalendarInvite } from '../../src/presenters/calendarInvite';

function interviewNamed(candidateName: string): Interview {
  return Object.assign(new Object() as Interview, {
    id: '7d3c1f6e-2a4b-4c5d-8e9f-0a1b2c3d4e5f',
    candidateName,
    candidateEmail: 'jane@example.com',
    role: 'Backend Engineer',
    interviewers: [],
    scheduledTime: new Date('2030-07-01T13:00:00Z'),
    durationMinutes: 45,
    timezone: 'Europe/Berlin',
    status: InterviewStatus.Scheduled,
    sessionKey: '0123456789abcdef0123456789abcdef',
    joinLink: 'https://hire.acme.example/interview/?session_key=0123456789abcdef0123456789abcdef',
    calendarSequence: 0,
  });
}

function attendeesOf(content: string): Array<{ params: Record<string, string>; val: string }> {
  const event = Object.values(ical.sync.parseICS(content)).find((component) => component?.type === 'VEVENT') as ical.VEvent;
  const attendee = event.attendee as unknown;
  if (attendee === undefined) return [];
  return (Array.isArray(attendee) ? attendee : [attendee]) as Array<{ params: Record<string, string>; val: string }>;
}

describe('names in the calendar invitation', () => {
  const organizer = { name: 'Acme "Talent" Team', email: 'hiring@acme.example' };

  it.each([
    ['a nickname in double quotes', 'Jane "JJ" Doe'],
    ['a quote that tries to close the name and add an attendee', 'Eve":mailto:attacker@evil.example'],
    ['a quote, a semicolon and a parameter', 'Eve";ROLE=CHAIR;CN="x'],
  ])('keeps %s from changing who is invited: the one attendee is the candidate', (_case, name) => {
    const { content } = buildCalendarInvite(interviewNamed(name), organizer);
    const attendees = attendeesOf(content);
    expect(attendees).toHaveLength(1);
    expect(attendees[0].val.toLowerCase()).toBe('mailto:jane@example.com');
    expect(content).not.toContain('\\"');
  });

  it('writes a nickname readably, with single quotes, and the organizer’s name likewise', () => {
    const { content } = buildCalendarInvite(interviewNamed('Jane "JJ" Doe'), organizer);
    expect(attendeesOf(content)[0].params.CN).toBe("Jane 'JJ' Doe");
    expect(content).toContain(`ORGANIZER;CN="Acme 'Talent' Team":MAILTO:hiring@acme.example`);
  });
});
