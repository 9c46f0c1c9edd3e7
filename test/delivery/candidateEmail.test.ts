import * as ical from 'node-ical';
import type { Interview } from '../../src/domain/interviews/Interview';
import { presentCandidateEmail } from '../../src/delivery/email/candidateEmail';
import { InterviewStatus } from '../../src/domain/interviews/interviewStatus';

const sender = { name: 'Acme Hiring', email: 'hiring@acme.example' };

function interview(overrides: Partial<Interview> = {}): Interview {
  return Object.assign(
    {
      id: '7d3c1f6e-2a4b-4c5d-8e9f-0a1b2c3d4e5f',
      candidateName: 'Jane <script>alert(1)</script> Doe',
      candidateEmail: 'jane@example.com',
      role: 'Backend Engineer & Friends',
      interviewers: [{ slackUserId: 'U1', name: 'Ada Lovelace' }, { email: 'grace@acme.example' }, { slackUserId: 'U2' }],
      scheduledTime: new Date('2030-07-01T13:00:00Z'),
      durationMinutes: 45,
      timezone: 'Europe/Berlin',
      status: InterviewStatus.Scheduled,
      sessionKey: '0123456789abcdef0123456789abcdef',
      joinLink: 'https://hire.acme.example/interview/?session_key=0123456789abcdef0123456789abcdef',
      calendarSequence: 0,
    } as Interview,
    overrides,
  );
}

describe('the candidate’s invitation email', () => {
  const email = presentCandidateEmail(interview(), 'invitation', sender);

  it('carries the join link in both the plain-text and the HTML part (R4)', () => {
    expect(email.text).toContain(interview().joinLink);
    expect(email.html).toContain(`href="${interview().joinLink}"`);
  });

  it('shows the time in the candidate’s own zone, naming the zone once', () => {
    expect(email.text).toContain('When: Monday, July 1, 2030 at 3:00 PM (Berlin time)\n');
    expect(email.html).toContain('Monday, July 1, 2030 at 3:00 PM (Berlin time)</td>');
  });

  it('names UTC once for an interview in UTC', () => {
    const utc = presentCandidateEmail(interview({ timezone: 'UTC' }), 'invitation', sender);
    expect(utc.text).toContain('When: Monday, July 1, 2030 at 1:00 PM (UTC)\n');
    expect(utc.subject).toBe('Your interview for Backend Engineer & Friends: Mon, Jul 1, 1:00 PM (UTC)');
  });

  it('gives a zone with no city its offset, not a misleading name', () => {
    expect(presentCandidateEmail(interview({ timezone: 'Etc/GMT-2' }), 'invitation', sender).text).toContain('at 3:00 PM (UTC+2)\n');
  });

  it('names the role, the length and the interviewers, never a raw Slack id', () => {
    expect(email.text).toContain('Role: Backend Engineer & Friends');
    expect(email.text).toContain('Length: 45 minutes');
    expect(email.text).toContain('With: Ada Lovelace, grace@acme.example');
    expect(email.text).not.toContain('U2');
  });

  it('escapes the candidate’s text in the HTML part', () => {
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('Jane &lt;script&gt;alert(1)&lt;/script&gt; Doe');
    expect(email.html).toContain('Backend Engineer &amp; Friends');
  });

  it('has a subject with the role and the local time, naming its zone', () => {
    expect(email.subject).toBe('Your interview for Backend Engineer & Friends: Mon, Jul 1, 3:00 PM (Berlin time)');
    expect(presentCandidateEmail(interview(), 'update', sender).subject).toBe(
      'Updated: your interview for Backend Engineer & Friends is now Mon, Jul 1, 3:00 PM (Berlin time)',
    );
    expect(presentCandidateEmail(interview({ status: InterviewStatus.Cancelled }), 'cancellation', sender).subject).toBe(
      'Cancelled: your interview for Backend Engineer & Friends on Mon, Jul 1, 3:00 PM (Berlin time)',
    );
  });

  it('writes subject times in plain ASCII, whatever spaces the formatter uses', () => {
    for (const timezone of ['Europe/Berlin', 'UTC', 'Asia/Kolkata', 'America/Los_Angeles']) {
      expect(presentCandidateEmail(interview({ timezone }), 'invitation', sender).subject).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('lays the details out as a data table a screen reader reads label by label, styled inline', () => {
    expect(email.html).not.toContain('role="presentation"');
    expect(email.html).not.toMatch(/\salign=/);
    expect(email.html).toMatch(/<table [^>]*><tbody><tr><th scope="row" style="[^"]*text-align:left[^"]*">When<\/th><td style="[^"]*">/);
    expect(email.html.match(/<th scope="row"/g)).toHaveLength(4);
  });
});

describe('the calendar invitation', () => {
  /** node-ical gives a property as text, or as {params, val} when it carried parameters. */
  const textOf = (value: unknown) => (typeof value === 'string' ? value : ((value as { val?: string } | undefined)?.val ?? ''));

  function parseEvent(content: string) {
    const parsed = ical.sync.parseICS(content);
    const events = Object.values(parsed).filter((component) => component?.type === 'VEVENT');
    expect(events).toHaveLength(1);
    return events[0];
  }

  it('parses, with a stable UID, UTC start and end, and the link in URL and DESCRIPTION', () => {
    const { calendar } = presentCandidateEmail(interview(), 'invitation', sender);
    expect(calendar.method).toBe('REQUEST');
    expect(calendar.content).toContain('METHOD:REQUEST');
    const event = parseEvent(calendar.content);
    expect(event.uid).toBe('interview-7d3c1f6e-2a4b-4c5d-8e9f-0a1b2c3d4e5f@interview-scheduler');
    expect(new Date(event.start as unknown as Date).toISOString()).toBe('2030-07-01T13:00:00.000Z');
    expect(new Date(event.end as unknown as Date).toISOString()).toBe('2030-07-01T13:45:00.000Z');
    expect(calendar.content).toMatch(/DTSTART:20300701T130000Z/);
    expect(String(event.url)).toBe(interview().joinLink);
    expect(textOf(event.description)).toContain(interview().joinLink);
  });

  it('keeps the UID and raises SEQUENCE when the interview changes', () => {
    const first = parseEvent(presentCandidateEmail(interview(), 'invitation', sender).calendar.content);
    const moved = parseEvent(
      presentCandidateEmail(interview({ calendarSequence: 1, scheduledTime: new Date('2030-07-02T13:00:00Z') }), 'update', sender).calendar
        .content,
    );
    expect(moved.uid).toBe(first.uid);
    expect(Number(moved.sequence)).toBe(1);
  });

  it('still builds, with the link in DESCRIPTION, when the calendar library rejects the link as a URL', () => {
    const oddLink = 'http://127.0.0.1:9/interview/?session_key=0123456789abcdef0123456789abcdef';
    const event = parseEvent(presentCandidateEmail(interview({ joinLink: oddLink }), 'invitation', sender).calendar.content);
    expect(textOf(event.description)).toContain(oddLink);
  });

  it('sends METHOD:CANCEL when the interview is cancelled', () => {
    const { calendar, subject } = presentCandidateEmail(
      interview({ status: InterviewStatus.Cancelled, calendarSequence: 2 }),
      'cancellation',
      sender,
    );
    expect(calendar.method).toBe('CANCEL');
    expect(calendar.content).toContain('METHOD:CANCEL');
    expect(calendar.content).toContain('STATUS:CANCELLED');
    expect(subject).toMatch(/^Cancelled:/);
  });
});
