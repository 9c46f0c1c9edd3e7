import * as ical from 'node-ical';
import type { Interview } from '../../src/domain/interviews/Interview';
import { presentCandidateEmail, presentCandidateReminderEmail } from '../../src/delivery/email/candidateEmail';
import { presentInterviewerEmail } from '../../src/delivery/email/interviewerEmail';
import { InterviewStatus } from '../../src/domain/interviews/interviewStatus';

const sender = { name: 'Acme Hiring', email: 'hiring@acme.example' };
const attendees = [{ email: 'grace@acme.example' }, { email: 'ada@acme.example', name: 'Ada "Countess" Lovelace' }];

function interview(overrides: Partial<Interview> = {}): Interview {
  return Object.assign(
    {
      id: '7d3c1f6e-2a4b-4c5d-8e9f-0a1b2c3d4e5f',
      candidateName: 'Jane Doe',
      candidateEmail: 'jane@example.com',
      role: 'Backend Engineer',
      interviewers: [{ slackUserId: 'U1' }, { email: 'grace@acme.example' }],
      scheduledTime: new Date('2030-07-01T13:00:00Z'),
      durationMinutes: 45,
      timezone: 'Europe/Berlin',
      status: InterviewStatus.Scheduled,
      joinLink: 'https://hire.acme.example/interview/?session_key=0123456789abcdef0123456789abcdef',
      meetingUrl: null,
      notes: 'Ask about queues',
      calendarSequence: 2,
    } as Interview,
    overrides,
  );
}

function parseEvent(content: string): ical.VEvent {
  return Object.values(ical.sync.parseICS(content)).find((component) => component?.type === 'VEVENT') as ical.VEvent;
}

function attendeeAddresses(event: ical.VEvent): string[] {
  const list = Array.isArray(event.attendee) ? event.attendee : [event.attendee];
  return list.map((attendee) => String(typeof attendee === 'string' ? attendee : attendee?.val).replace(/^mailto:/i, '')).sort();
}

describe('the candidate’s reminder email', () => {
  const email = presentCandidateReminderEmail(interview(), sender, new Date('2030-07-01T12:00:00Z'), attendees);

  it('says Reminder in its subject, with how soon and the time in the candidate’s zone', () => {
    expect(email.subject).toBe('Reminder: your interview for Backend Engineer starts in 1 hour, Mon, Jul 1, 3:00 PM (Berlin time)');
  });

  it('carries the join link in both parts and the time in the candidate’s zone', () => {
    expect(email.text).toContain(interview().joinLink);
    expect(email.html).toContain(`href="${interview().joinLink}"`);
    expect(email.text).toContain('A reminder: your interview for Backend Engineer starts in 1 hour.');
    expect(email.text).toContain('When: Monday, July 1, 2030 at 3:00 PM (Berlin time)');
  });

  it('attaches the calendar invitation again: same UID and SEQUENCE, every known attendee', () => {
    expect(email.calendar.method).toBe('REQUEST');
    const event = parseEvent(email.calendar.content);
    expect(event.uid).toBe('interview-7d3c1f6e-2a4b-4c5d-8e9f-0a1b2c3d4e5f@interview-scheduler');
    expect(Number(event.sequence)).toBe(2);
    expect(attendeeAddresses(event)).toEqual(['ada@acme.example', 'grace@acme.example', 'jane@example.com']);
  });
});

describe('an interviewer’s calendar email', () => {
  const recipient = { email: 'ada@acme.example', name: 'Ada Lovelace', timezone: 'America/New_York' };

  it('invites them with the candidate, the role, the time in their own zone and the join link in both parts', () => {
    const email = presentInterviewerEmail(interview(), 'invitation', recipient, sender, attendees);
    expect(email.subject).toBe('Interview with Jane Doe (Backend Engineer): Mon, Jul 1, 9:00 AM (New York time)');
    expect(email.text).toContain('Hi Ada Lovelace,');
    expect(email.text).toContain('Candidate: Jane Doe <jane@example.com>');
    expect(email.text).toContain(interview().joinLink);
    expect(email.html).toContain(`href="${interview().joinLink}"`);
    expect(email.text).toContain('Notes: Ask about queues');
  });

  it('carries the very event the candidate gets: same UID and SEQUENCE, organizer MAIL_FROM, everyone as attendees', () => {
    const mine = parseEvent(presentInterviewerEmail(interview(), 'update', recipient, sender, attendees).calendar.content);
    const candidates = parseEvent(presentCandidateEmail(interview(), 'update', sender, attendees).calendar.content);
    expect(mine.uid).toBe(candidates.uid);
    expect(Number(mine.sequence)).toBe(Number(candidates.sequence));
    expect(String((mine.organizer as { val: string }).val)).toMatch(/hiring@acme\.example$/i);
    expect(attendeeAddresses(mine)).toEqual(attendeeAddresses(candidates));
    expect(attendeeAddresses(mine)).toEqual(['ada@acme.example', 'grace@acme.example', 'jane@example.com']);
  });

  it('cancels with METHOD:CANCEL once the interview is cancelled', () => {
    const email = presentInterviewerEmail(interview({ status: InterviewStatus.Cancelled }), 'cancellation', recipient, sender, attendees);
    expect(email.subject).toMatch(/^Cancelled: interview with Jane Doe/);
    expect(email.calendar.content).toContain('METHOD:CANCEL');
  });

  it('shows the time in the candidate’s zone when theirs is unknown', () => {
    const email = presentInterviewerEmail(interview(), 'invitation', { email: 'grace@acme.example' }, sender, attendees);
    expect(email.subject).toContain('3:00 PM (Berlin time)');
    expect(email.text).toContain('Hi there,');
  });
});

describe('the calendar invitation’s attendees', () => {
  it('lists the interviewers given by address even without a lookup, and never the candidate twice', () => {
    const email = presentCandidateEmail(
      interview({ interviewers: [{ email: 'grace@acme.example' }, { email: 'JANE@example.com' }] }),
      'invitation',
      sender,
    );
    expect(attendeeAddresses(parseEvent(email.calendar.content))).toEqual(['grace@acme.example', 'jane@example.com']);
  });
});
