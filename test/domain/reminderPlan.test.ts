import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../../src/domain/deliveries/DeliveryJob';
import { EVERY_WORKSPACE } from '../../src/domain/shared/slackWorkspaces';
import type { Interview } from '../../src/domain/interviews/Interview';
import { cancelInterview } from '../../src/domain/interviews/cancelInterview';
import { InterviewStatus } from '../../src/domain/interviews/interviewStatus';
import { recordCandidateVisit } from '../../src/domain/interviews/recordCandidateVisit';
import { planTimedDeliveries, whyTimedDeliveryIsMoot } from '../../src/domain/interviews/reminderPlan';
import { findNextReminders } from '../../src/domain/interviews/interviewQueries';
import { parseReminderOffset, type ReminderOffset, type ReminderSettings } from '../../src/config/reminderSettings';
import { rescheduleInterview } from '../../src/domain/interviews/rescheduleInterview';
import { scheduleInterview } from '../../src/domain/interviews/scheduleInterview';
import { openTestDomain, type TestDomain } from '../support/testDatabase';

function offset(iso: string): ReminderOffset {
  const parsed = parseReminderOffset(iso);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.offset;
}

const settings: ReminderSettings = {
  candidate: [offset('P1D'), offset('PT1H')],
  interviewer: offset('PT10M'),
  noShowAlertAfter: offset('PT5M'),
};
const start = new Date('2030-03-05T15:00:00Z');

function interview(overrides: Partial<Interview> = {}): Interview {
  return Object.assign(
    {
      status: InterviewStatus.Scheduled,
      scheduledTime: start,
      channelId: 'C0CHANNEL',
      interviewers: [{ slackUserId: 'U0ADA' }, { email: 'grace@example.com' }, { slackUserId: 'U0BOB' }],
      candidateFirstOpenedAt: null,
    } as unknown as Interview,
    overrides,
  );
}

describe('reading a reminder offset', () => {
  it('takes ISO 8601 durations in days, hours, minutes and seconds', () => {
    expect(parseReminderOffset('P1D')).toEqual({ offset: { iso: 'P1D', milliseconds: 86_400_000 } });
    expect(parseReminderOffset('pt2m58s')).toEqual({ offset: { iso: 'PT2M58S', milliseconds: 178_000 } });
  });

  it('refuses what is not a duration, zero, months and more than 30 days, saying why', () => {
    const problemOf = (text: string) => {
      const parsed = parseReminderOffset(text);
      return 'problem' in parsed ? parsed.problem : null;
    };
    expect(problemOf('1h')).toBe('"1h" is not an ISO 8601 duration like P1D, PT1H or PT10M');
    expect(problemOf('PT0S')).toBe('"PT0S" must be longer than zero');
    expect(problemOf('P1M')).toBe('"P1M" uses months or years; use weeks, days, hours or minutes (e.g. P30D)');
    expect(problemOf('P31D')).toBe('"P31D" is longer than 30 days');
  });
});

describe('the reminders and the no-show alert an interview owes', () => {
  it('plans each candidate reminder, each Slack interviewer’s DM and the alert, due at their moments', () => {
    const planned = planTimedDeliveries(interview(), settings, new Date('2030-03-01T00:00:00Z'));
    expect(planned.map((delivery) => [delivery.kind, delivery.dueAt?.toISOString(), delivery.payload])).toEqual([
      [DeliveryKind.CandidateReminder, '2030-03-04T15:00:00.000Z', { before: 'P1D', forStart: start.toISOString() }],
      [DeliveryKind.CandidateReminder, '2030-03-05T14:00:00.000Z', { before: 'PT1H', forStart: start.toISOString() }],
      [
        DeliveryKind.InterviewerReminder,
        '2030-03-05T14:50:00.000Z',
        { slackUserId: 'U0ADA', before: 'PT10M', forStart: start.toISOString() },
      ],
      [
        DeliveryKind.InterviewerReminder,
        '2030-03-05T14:50:00.000Z',
        { slackUserId: 'U0BOB', before: 'PT10M', forStart: start.toISOString() },
      ],
      [DeliveryKind.NoShowAlert, '2030-03-05T15:05:00.000Z', { after: 'PT5M', forStart: start.toISOString() }],
    ]);
  });

  it('skips a reminder whose moment has already passed when the interview is scheduled', () => {
    const planned = planTimedDeliveries(interview(), settings, new Date('2030-03-05T10:00:00Z'));
    expect(planned.filter((delivery) => delivery.kind === DeliveryKind.CandidateReminder).map((delivery) => delivery.payload)).toEqual([
      { before: 'PT1H', forStart: start.toISOString() },
    ]);
  });

  it('plans no alert without a channel thread to tell, and nothing once cancelled or switched off', () => {
    const now = new Date('2030-03-01T00:00:00Z');
    expect(planTimedDeliveries(interview({ channelId: null }), settings, now).map((delivery) => delivery.kind)).not.toContain(
      DeliveryKind.NoShowAlert,
    );
    expect(planTimedDeliveries(interview({ status: InterviewStatus.Cancelled }), settings, now)).toEqual([]);
    expect(planTimedDeliveries(interview(), { candidate: [], interviewer: null, noShowAlertAfter: null }, now)).toEqual([]);
  });
});

describe('a reminder or alert that has come due', () => {
  const reminder = { kind: DeliveryKind.CandidateReminder, payload: { before: 'PT1H', forStart: start.toISOString() } } as const;
  const alert = { kind: DeliveryKind.NoShowAlert, payload: { after: 'PT5M', forStart: start.toISOString() } } as const;

  it('goes out while the interview still starts when it was planned for', () => {
    expect(whyTimedDeliveryIsMoot(reminder, interview())).toBeNull();
    expect(whyTimedDeliveryIsMoot(alert, interview())).toBeNull();
  });

  it('is not sent for an interview cancelled or moved meanwhile', () => {
    expect(whyTimedDeliveryIsMoot(reminder, interview({ status: InterviewStatus.Cancelled }))).toMatch(/cancelled/);
    expect(whyTimedDeliveryIsMoot(reminder, interview({ scheduledTime: new Date('2030-03-06T15:00:00Z') }))).toMatch(/moved/);
  });

  it('raises no alert once the candidate has opened their page', () => {
    expect(whyTimedDeliveryIsMoot(alert, interview({ candidateFirstOpenedAt: new Date('2030-03-05T15:01:00Z') }))).toMatch(
      /opened their interview page/,
    );
  });

  it('does not remind someone who no longer interviews', () => {
    const dm = {
      kind: DeliveryKind.InterviewerReminder,
      payload: { slackUserId: 'U0GONE', before: 'PT10M', forStart: start.toISOString() },
    } as const;
    expect(whyTimedDeliveryIsMoot(dm, interview())).toMatch(/no longer interviews/);
  });

  it('leaves every other kind to its handler', () => {
    expect(
      whyTimedDeliveryIsMoot({ kind: DeliveryKind.CandidateInvitation, payload: null }, interview({ status: InterviewStatus.Cancelled })),
    ).toBeNull();
  });
});

describe('reminders as the interview changes', () => {
  let domain: TestDomain;
  let interviewId: string;
  const pending = (kind: DeliveryKind) =>
    domain.database.read((manager) =>
      manager.find(DeliveryJob, { where: { interviewId, kind, status: DeliveryStatus.Pending }, order: { nextAttemptAt: 'ASC' } }),
    );

  beforeEach(async () => {
    domain = await openTestDomain({ now: new Date('2030-03-04T16:00:00Z'), reminders: settings });
    ({
      interview: { id: interviewId },
    } = await scheduleInterview(domain.context, {
      input: {
        candidateName: 'Jane',
        candidateEmail: 'jane@example.com',
        channelId: 'C0CHANNEL',
        interviewers: ['U0ADA'],
        scheduledTime: start.toISOString(),
      },
      actor: { kind: 'slack', userId: 'U0RECRUIT', scope: EVERY_WORKSPACE },
    }));
  });
  afterEach(async () => {
    await domain.close();
  });

  it('queues them with the interview, in the same transaction, leaving out the day-before one already past', async () => {
    expect((await pending(DeliveryKind.CandidateReminder)).map((job) => job.nextAttemptAt.toISOString())).toEqual([
      '2030-03-05T14:00:00.000Z',
    ]);
    expect(await pending(DeliveryKind.InterviewerReminder)).toHaveLength(1);
    expect(await pending(DeliveryKind.NoShowAlert)).toHaveLength(1);
  });

  it('moves them when the interview is rescheduled', async () => {
    await rescheduleInterview(domain.context, { interviewId, input: { scheduledTime: '2030-03-07T09:00:00Z' }, actor: { kind: 'api' } });
    expect((await pending(DeliveryKind.CandidateReminder)).map((job) => job.nextAttemptAt.toISOString())).toEqual([
      '2030-03-06T09:00:00.000Z',
      '2030-03-07T08:00:00.000Z',
    ]);
    expect((await pending(DeliveryKind.NoShowAlert)).map((job) => job.nextAttemptAt.toISOString())).toEqual(['2030-03-07T09:05:00.000Z']);
  });

  it('drops them when the interview is cancelled', async () => {
    await cancelInterview(domain.context, { interviewId, actor: { kind: 'api' } });
    expect(await pending(DeliveryKind.CandidateReminder)).toEqual([]);
    expect(await pending(DeliveryKind.InterviewerReminder)).toEqual([]);
    expect(await pending(DeliveryKind.NoShowAlert)).toEqual([]);
  });

  it('finds each interview’s next reminder, and none once they are gone', async () => {
    expect(await findNextReminders(domain.context, [interviewId])).toEqual(
      new Map([[interviewId, { kind: DeliveryKind.CandidateReminder, dueAt: new Date('2030-03-05T14:00:00Z') }]]),
    );
    await cancelInterview(domain.context, { interviewId, actor: { kind: 'api' } });
    expect(await findNextReminders(domain.context, [interviewId])).toEqual(new Map());
  });

  it('after a no-show alert, a late visit is told as such and the channel message redrawn', async () => {
    await domain.database.transaction((manager) =>
      manager.update('interview', { id: interviewId }, { noShowAlertedAt: new Date('2030-03-05T15:05:00Z') }),
    );
    const { sessionKey } = await domain.database.read(
      (manager) => manager.findOneByOrFail('interview', { id: interviewId }) as Promise<Interview>,
    );
    expect(await recordCandidateVisit(domain.context, sessionKey)).toBe(true);
    const replies = await domain.database.read((manager) =>
      manager.find(DeliveryJob, { where: { interviewId, kind: DeliveryKind.ThreadReply } }),
    );
    expect(replies.map((job) => job.payload)).toEqual([{ event: 'candidate_opened_page', afterNoShowAlert: true }]);
    expect(
      await domain.database.read((manager) => manager.countBy(DeliveryJob, { interviewId, kind: DeliveryKind.ChannelMessageUpdate })),
    ).toBe(1);
  });
});
