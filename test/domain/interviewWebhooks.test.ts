import { parseReminderOffset, type ReminderSettings } from '../../src/config/reminderSettings';
import { DeliveryKind } from '../../src/domain/deliveries/DeliveryJob';
import type { PlannedDelivery } from '../../src/domain/deliveries/deliveryPayloads';
import type { Interview } from '../../src/domain/interviews/Interview';
import {
  planInterviewWebhook,
  planInvitationWebhook,
  planNoShowWebhook,
  whyNoShowWebhookIsMoot,
  withWebhooksIfOn,
} from '../../src/domain/interviews/interviewWebhooks';
import { InterviewStatus } from '../../src/domain/interviews/interviewStatus';

const start = new Date('2030-03-05T15:00:00Z');
const fiveMinutes = (() => {
  const parsed = parseReminderOffset('PT5M');
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.offset;
})();
const settings: ReminderSettings = { candidate: [], interviewer: null, noShowAlertAfter: fiveMinutes };

function interview(overrides: Partial<Interview> = {}): Interview {
  return Object.assign(
    {
      id: '6f1c2f0e-8d55-4c1b-9f3a-0d6f3f2d9b10',
      status: InterviewStatus.Scheduled,
      scheduledTime: start,
      durationMinutes: 45,
      timezone: 'Europe/Berlin',
      candidateName: 'Jane Doe',
      candidateEmail: 'jane@example.com',
      role: 'Engineer',
      interviewers: [{ email: 'grace@example.com' }],
      meetingUrl: null,
      slotId: null,
      channelId: null,
      slackTeamId: null,
      sessionKey: '0123456789abcdef0123456789abcdef',
      joinLink: 'https://hire.example/interview/?session_key=0123456789abcdef0123456789abcdef',
      candidateFirstOpenedAt: null,
    } as unknown as Interview,
    overrides,
  );
}

describe('webhook events about an interview', () => {
  it('describe the interview as it stands, without its join link or session key', () => {
    const event = planInterviewWebhook('interview.scheduled', interview(), new Date('2030-03-01T10:00:00Z'));
    expect(event.payload).toMatchObject({
      type: 'interview.scheduled',
      timestamp: '2030-03-01T10:00:00.000Z',
      data: { interview: { id: interview().id, scheduledTime: start.toISOString(), durationMinutes: 45, status: 'scheduled' } },
    });
    expect(JSON.stringify(event)).not.toMatch(/0123456789abcdef|session_key/);
  });

  it('are dropped from what a command queues while webhooks are off, and kept while on', () => {
    const deliveries: PlannedDelivery[] = [
      { kind: DeliveryKind.CandidateInvitation, payload: null },
      planInterviewWebhook('interview.cancelled', interview(), start),
    ];
    expect(withWebhooksIfOn({}, deliveries).map((delivery) => delivery.kind)).toEqual([DeliveryKind.CandidateInvitation]);
    expect(withWebhooksIfOn({ webhooksOn: false }, deliveries)).toHaveLength(1);
    expect(withWebhooksIfOn({ webhooksOn: true }, deliveries)).toEqual(deliveries);
  });

  it('tell of the invitation email only: delivered, or failed with the reason', () => {
    const now = new Date('2030-03-01T10:00:00Z');
    expect(
      planInvitationWebhook({ kind: DeliveryKind.CandidateInvitation }, interview(), { status: 'delivered' }, now)[0].payload.type,
    ).toBe('invitation.delivered');
    const [failed] = planInvitationWebhook(
      { kind: DeliveryKind.CandidateInvitation },
      interview(),
      { status: 'failed', reason: 'bounced' },
      now,
    );
    expect(failed.payload).toMatchObject({ type: 'invitation.failed', data: { reason: 'bounced' } });
    expect(planInvitationWebhook({ kind: DeliveryKind.CandidateUpdate }, interview(), { status: 'delivered' }, now)).toEqual([]);
  });
});

describe('interview.no_show', () => {
  it('is due NO_SHOW_ALERT_AFTER past the start, with or without a Slack channel, and not at all when that is off or already past', () => {
    const [planned] = planNoShowWebhook(interview(), settings, new Date('2030-03-01T00:00:00Z'));
    expect(planned.dueAt).toEqual(new Date('2030-03-05T15:05:00Z'));
    expect(planned.payload).toMatchObject({ type: 'interview.no_show', forStart: start.toISOString(), data: { after: 'PT5M' } });
    expect(planNoShowWebhook(interview(), { ...settings, noShowAlertAfter: null }, new Date('2030-03-01T00:00:00Z'))).toEqual([]);
    expect(planNoShowWebhook(interview(), settings, new Date('2030-03-05T15:06:00Z'))).toEqual([]);
    expect(planNoShowWebhook(interview({ status: InterviewStatus.Cancelled }), settings, new Date('2030-03-01T00:00:00Z'))).toEqual([]);
  });

  it('is not sent when it falls due after the candidate came, or the interview moved or was cancelled', () => {
    const [planned] = planNoShowWebhook(interview(), settings, new Date('2030-03-01T00:00:00Z'));
    if (planned.kind !== DeliveryKind.Webhook) throw new Error('expected a webhook');
    expect(whyNoShowWebhookIsMoot(planned, interview())).toBeNull();
    expect(whyNoShowWebhookIsMoot(planned, interview({ candidateFirstOpenedAt: new Date('2030-03-05T14:58:00Z') }))).toMatch(/opened/);
    expect(whyNoShowWebhookIsMoot(planned, interview({ scheduledTime: new Date('2030-03-06T15:00:00Z') }))).toMatch(/moved/);
    expect(whyNoShowWebhookIsMoot(planned, interview({ status: InterviewStatus.Cancelled }))).toMatch(/cancelled/);
  });
});
