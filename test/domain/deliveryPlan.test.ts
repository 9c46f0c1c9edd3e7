import { DeliveryKind } from '../../src/domain/deliveries/DeliveryJob';
import type { Interview } from '../../src/domain/interviews/Interview';
import {
  planDeliveriesAfterOutcome,
  planDeliveriesForNewInterview,
  shouldInviteCandidate,
} from '../../src/domain/interviews/interviewDeliveries';
import { InterviewStatus } from '../../src/domain/interviews/interviewStatus';

function interview(overrides: Partial<Interview> = {}): Interview {
  return Object.assign(
    { status: InterviewStatus.Scheduled, channelId: null, interviewers: [], organizerSlackUserId: null } as unknown as Interview,
    overrides,
  );
}

describe('when the candidate is invited (R4)', () => {
  it('invites the candidate of a scheduled interview', () => {
    expect(shouldInviteCandidate({ status: InterviewStatus.Scheduled })).toBe(true);
  });

  it('does not invite the candidate of a cancelled interview', () => {
    expect(shouldInviteCandidate({ status: InterviewStatus.Cancelled })).toBe(false);
  });

  it('compares with the enum, so a display string never matches', () => {
    expect(shouldInviteCandidate({ status: 'Scheduled' as InterviewStatus })).toBe(false);
  });
});

describe('what a new interview owes the world', () => {
  it('owes an API-created interview without a channel just the invitation', () => {
    expect(planDeliveriesForNewInterview(interview())).toEqual([{ kind: DeliveryKind.CandidateInvitation, payload: null }]);
  });

  it('owes the channel a message when it came from a channel', () => {
    expect(planDeliveriesForNewInterview(interview({ channelId: 'C123' })).map((d) => d.kind)).toEqual([
      DeliveryKind.CandidateInvitation,
      DeliveryKind.ChannelPost,
    ]);
  });

  it('tells each Slack interviewer except the organizer', () => {
    const planned = planDeliveriesForNewInterview(
      interview({ organizerSlackUserId: 'U1', interviewers: [{ slackUserId: 'U1' }, { slackUserId: 'U2' }, { email: 'x@example.com' }] }),
    );
    expect(planned.filter((d) => d.kind === DeliveryKind.InterviewerNotice)).toEqual([
      { kind: DeliveryKind.InterviewerNotice, payload: { slackUserId: 'U2', change: 'scheduled' } },
    ]);
  });
});

describe('what a finished delivery sets off', () => {
  it('refreshes the channel message when the invitation went out, without a reply in its thread', () => {
    const planned = planDeliveriesAfterOutcome({ kind: DeliveryKind.CandidateInvitation }, { channelId: 'C1' }, 'delivered');
    expect(planned).toEqual([{ kind: DeliveryKind.ChannelMessageUpdate, payload: null }]);
  });

  it('carries the reason when the invitation failed for good', () => {
    const planned = planDeliveriesAfterOutcome(
      { kind: DeliveryKind.CandidateInvitation },
      { channelId: 'C1' },
      'failed',
      'SendGrid answered 400',
    );
    expect(planned[1]?.payload).toEqual({ event: 'email_failed', email: 'invitation', reason: 'SendGrid answered 400' });
  });

  it('sets off nothing for an interview without a channel', () => {
    expect(planDeliveriesAfterOutcome({ kind: DeliveryKind.CandidateInvitation }, { channelId: null }, 'delivered')).toEqual([]);
  });

  it('sets off nothing after a Slack post', () => {
    expect(planDeliveriesAfterOutcome({ kind: DeliveryKind.ChannelPost }, { channelId: 'C1' }, 'delivered')).toEqual([]);
  });
});
