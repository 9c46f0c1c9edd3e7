import { DeliveryKind } from '../../../src/domain/deliveries/DeliveryJob';
import type { Interview } from '../../../src/domain/interviews/Interview';
import { InterviewStatus } from '../../../src/domain/interviews/interviewStatus';
import { describeAttendance, presentInterviewMessage } from '../../../src/slack/messages/interviewMessage';
import { presentInterviewerReminder } from '../../../src/slack/messages/interviewerReminder';
import { presentNoShowAlert } from '../../../src/slack/messages/noShowAlert';
import { presentThreadReply } from '../../../src/slack/messages/threadReplies';
import { describeNextReminder, presentUpcomingInterviews } from '../../../src/slack/messages/upcomingInterviews';

const interview = {
  id: 'i1',
  candidateName: '<!channel> Mallory',
  candidateEmail: 'mallory@example.com',
  role: 'Staff Engineer',
  interviewers: [{ slackUserId: 'U0ADA' }, { email: 'grace@acme.example' }, { slackUserId: 'U0RECRUIT' }],
  organizerSlackUserId: 'U0RECRUIT',
  scheduledTime: new Date('2030-01-01T15:00:00Z'),
  durationMinutes: 60,
  status: InterviewStatus.Scheduled,
  joinLink: 'https://hire.example.com/interview/?session_key=0123456789abcdef0123456789abcdef',
  meetingUrl: null,
  candidateFirstOpenedAt: null,
  noShowAlertedAt: null,
} as unknown as Interview;

describe('the interviewer’s reminder DM', () => {
  const text = presentInterviewerReminder(interview);

  it('names the candidate and the role, and gives the join link', () => {
    expect(text).toContain('*&lt;!channel&gt; Mallory*');
    expect(text).toContain('*Staff Engineer*');
    expect(text).toContain(`<${interview.joinLink}|Join link>`);
    expect(text).toContain('<!date^1893510000^');
    expect(text).not.toContain('<!channel>');
  });
});

describe('the no-show alert', () => {
  const text = presentNoShowAlert(interview, 'PT5M');

  it('mentions the organizer and every Slack interviewer once, and gives the candidate’s address', () => {
    expect(text.match(/<@U0RECRUIT>/g)).toHaveLength(1);
    expect(text).toContain('<@U0ADA>');
    expect(text).toContain('has not opened their interview page 5 minutes after the start');
    expect(text).toContain('<mailto:mallory@example.com|mallory@example.com>');
    expect(text).not.toContain('<!channel>');
  });

  it('says so in the thread when the candidate turns up after it', () => {
    expect(presentThreadReply({ event: 'candidate_opened_page', afterNoShowAlert: true }, interview)).toContain('after the no-show alert');
    expect(presentThreadReply({ event: 'candidate_opened_page' }, interview)).not.toContain('no-show');
  });
});

describe('the channel message after a no-show alert', () => {
  const alerted = { ...interview, noShowAlertedAt: new Date('2030-01-01T15:05:00Z') } as Interview;

  it('shows the no-show, with the candidate’s address, and then that they came late', () => {
    expect(describeAttendance(interview)).toBeNull();
    expect(describeAttendance(alerted)).toMatch(/^:warning: No-show: .* Reach them at mallory@example.com\.$/);
    expect(JSON.stringify(presentInterviewMessage(alerted, null))).toContain('No-show');
    expect(describeAttendance({ ...alerted, candidateFirstOpenedAt: new Date('2030-01-01T15:09:00Z') })).toMatch(/opened their page late/);
  });
});

describe('the next reminder, in App Home and /schedule-interview list', () => {
  it('says whom it reminds and when, or that none is left', () => {
    const dueAt = new Date('2030-01-01T14:00:00Z');
    expect(describeNextReminder({ kind: DeliveryKind.CandidateReminder, dueAt })).toBe(
      ':bell: Next reminder <!date^1893506400^{date_short_pretty} at {time}|2030-01-01T14:00:00.000Z>: the candidate, by email',
    );
    expect(describeNextReminder({ kind: DeliveryKind.InterviewerReminder, dueAt })).toContain('the interviewers, in Slack');
    expect(describeNextReminder(undefined)).toBe(':bell: No reminders left');
    const listed = JSON.stringify(
      presentUpcomingInterviews([interview], new Map([['i1', { kind: DeliveryKind.CandidateReminder, dueAt }]])),
    );
    expect(listed).toContain('Next reminder <!date^1893506400^');
  });
});
