import { DeliveryKind, DeliveryStatus, type DeliveryJob } from '../../../src/domain/deliveries/DeliveryJob';
import type { Interview } from '../../../src/domain/interviews/Interview';
import { InterviewStatus } from '../../../src/domain/interviews/interviewStatus';
import { describeInvitationState, presentInterviewMessage } from '../../../src/slack/messages/interviewMessage';

const interview = {
  id: 'i1',
  candidateName: '<!channel> Mallory',
  candidateEmail: 'mallory@example.com',
  role: '<https://evil.example|Staff> Engineer',
  interviewers: [{ slackUserId: 'U0ADA' }, { email: 'grace@acme.example' }],
  organizerSlackUserId: 'U0RECRUIT',
  scheduledTime: new Date('2030-01-01T15:00:00Z'),
  durationMinutes: 60,
  status: InterviewStatus.Scheduled,
  joinLink: 'https://hire.example.com/interview/?session_key=0123456789abcdef0123456789abcdef',
} as Interview;

const job = (status: DeliveryStatus, overrides: Partial<DeliveryJob> = {}) =>
  ({ kind: DeliveryKind.CandidateInvitation, status, attempts: 1, lastError: null, ...overrides }) as DeliveryJob;

describe('the interview’s channel message', () => {
  const message = presentInterviewMessage(interview, job(DeliveryStatus.Pending, { attempts: 0 }));
  const everything = JSON.stringify(message);
  const mrkdwnTexts = [message.text, ...[...everything.matchAll(/"type":"mrkdwn","text":"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1])];

  it('pings nobody and links nowhere through user text', () => {
    expect(mrkdwnTexts.length).toBeGreaterThan(3);
    for (const text of mrkdwnTexts) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<https://evil.example');
    }
    expect(everything).toContain('&lt;!channel&gt; Mallory');
  });

  it('shows the time as a Slack date so each reader sees their own zone', () => {
    expect(everything).toContain('<!date^1893510000^');
  });

  it('mentions the Slack interviewers and the organizer', () => {
    expect(everything).toContain('<@U0ADA>, grace@acme.example');
    expect(everything).toContain('<@U0RECRUIT>');
  });

  it('carries the join link as text and as a button', () => {
    const linkSection = message.blocks.find((block) => block.type === 'section' && 'accessory' in block && block.accessory);
    expect(linkSection).toMatchObject({ accessory: { type: 'button', url: interview.joinLink } });
    expect(message.text).toContain(interview.joinLink);
  });
});

describe('where the invitation stands', () => {
  it('is sending before the first attempt', () => {
    expect(describeInvitationState(interview, job(DeliveryStatus.Pending, { attempts: 0 }))).toMatch(/sending/);
  });

  it('says it is retrying, and why, after a failed attempt', () => {
    expect(describeInvitationState(interview, job(DeliveryStatus.Pending, { lastError: 'SendGrid answered 500' }))).toMatch(
      /retrying .*SendGrid answered 500/,
    );
  });

  it('says it was emailed once SendGrid accepted it', () => {
    expect(describeInvitationState(interview, job(DeliveryStatus.Delivered))).toMatch(/emailed to mallory@example.com/);
  });

  it('shows the reason when it failed for good', () => {
    expect(describeInvitationState(interview, job(DeliveryStatus.Failed, { lastError: 'SendGrid answered 400: bad <b>' }))).toBe(
      ':x: Invitation to mallory@example.com failed: SendGrid answered 400: bad &lt;b&gt;',
    );
  });
});
