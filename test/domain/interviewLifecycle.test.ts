import { DeliveryJob, DeliveryKind } from '../../src/domain/deliveries/DeliveryJob';
import { AvailabilitySlot } from '../../src/domain/slots/AvailabilitySlot';
import { Interview } from '../../src/domain/interviews/Interview';
import { InterviewEvent, InterviewEventType } from '../../src/domain/interviews/InterviewEvent';
import { addAvailabilitySlots } from '../../src/domain/slots/addAvailabilitySlots';
import { cancelInterview } from '../../src/domain/interviews/cancelInterview';
import { InterviewCancelledError, InterviewNotFoundError, NotAllowedError, RepeatedTooSoonError } from '../../src/domain/shared/errors';
import { findInterviewBySessionKey, listUpcomingInterviewsFor } from '../../src/domain/interviews/interviewQueries';
import { InterviewStatus } from '../../src/domain/interviews/interviewStatus';
import { recordCandidateVisit } from '../../src/domain/interviews/recordCandidateVisit';
import { rescheduleInterview } from '../../src/domain/interviews/rescheduleInterview';
import { resendInvitation } from '../../src/domain/interviews/resendInvitation';
import { rotateJoinLink } from '../../src/domain/interviews/rotateJoinLink';
import { scheduleInterview } from '../../src/domain/interviews/scheduleInterview';
import { EVERY_WORKSPACE } from '../../src/domain/shared/slackWorkspaces';
import { openTestDomain, type TestDomain } from '../support/testDatabase';

const organizer = { kind: 'slack' as const, userId: 'U0RECRUIT', scope: EVERY_WORKSPACE };
const interviewer = { kind: 'slack' as const, userId: 'U0ADA', scope: EVERY_WORKSPACE };
const stranger = { kind: 'slack' as const, userId: 'U0STRANGER', scope: EVERY_WORKSPACE };

let domain: TestDomain;
let interview: Interview;
let jobsAtCreation: number;

beforeEach(async () => {
  domain = await openTestDomain({ now: new Date('2030-03-04T10:00:00Z') });
  ({ interview } = await scheduleInterview(domain.context, {
    input: {
      candidateName: 'Jane',
      candidateEmail: 'jane@example.com',
      channelId: 'C0CHANNEL',
      interviewers: ['U0ADA'],
      scheduledTime: '2030-03-05T15:00:00Z',
    },
    actor: organizer,
  }));
  jobsAtCreation = await domain.database.read((manager) => manager.countBy(DeliveryJob, { interviewId: interview.id }));
});
afterEach(async () => {
  await domain.close();
});

const jobsAfterCreation = () =>
  domain.database
    .read((manager) => manager.find(DeliveryJob, { where: { interviewId: interview.id }, order: { createdAt: 'ASC' } }))
    .then((jobs) => jobs.slice(jobsAtCreation));
const reload = () => domain.database.read((manager) => manager.findOneByOrFail(Interview, { id: interview.id }));
const events = () => domain.database.read((manager) => manager.findBy(InterviewEvent, { interviewId: interview.id }));

describe('rescheduling', () => {
  it('lists the interview among its organizer’s and interviewer’s upcoming ones at its new time, soonest first, and not once cancelled', async () => {
    const { interview: sooner } = await scheduleInterview(domain.context, {
      input: { candidateName: 'Sam', candidateEmail: 'sam@example.com', interviewers: ['U0ADA'], scheduledTime: '2030-03-05T18:00:00Z' },
      actor: interviewer,
    });
    const upcomingFor = async (slackUserId: string) =>
      (await listUpcomingInterviewsFor(domain.context, slackUserId, EVERY_WORKSPACE, 10)).map((each) => [
        each.id,
        each.scheduledTime.toISOString(),
      ]);
    expect(await upcomingFor('U0ADA')).toEqual([
      [interview.id, '2030-03-05T15:00:00.000Z'],
      [sooner.id, '2030-03-05T18:00:00.000Z'],
    ]);

    await rescheduleInterview(domain.context, {
      interviewId: interview.id,
      input: { scheduledTime: '2030-03-06T09:00:00Z' },
      actor: interviewer,
    });

    expect(await upcomingFor('U0ADA')).toEqual([
      [sooner.id, '2030-03-05T18:00:00.000Z'],
      [interview.id, '2030-03-06T09:00:00.000Z'],
    ]);
    expect(await upcomingFor('U0RECRUIT')).toEqual([[interview.id, '2030-03-06T09:00:00.000Z']]);
    domain.setNow(new Date('2030-03-06T09:30:00Z'));
    expect(await upcomingFor('U0ADA')).toEqual([[interview.id, '2030-03-06T09:00:00.000Z']]);
    await cancelInterview(domain.context, { interviewId: interview.id, actor: organizer });
    expect(await upcomingFor('U0ADA')).toEqual([]);
  });

  it('moves the time, keeps the link, raises the calendar sequence and tells everyone', async () => {
    await rescheduleInterview(domain.context, {
      interviewId: interview.id,
      input: { scheduledTime: '2030-03-06T09:00:00Z' },
      actor: interviewer,
    });
    const moved = await reload();
    expect(moved.scheduledTime).toEqual(new Date('2030-03-06T09:00:00Z'));
    expect(moved.joinLink).toBe(interview.joinLink);
    expect(moved.calendarSequence).toBe(1);
    expect((await jobsAfterCreation()).map((job) => job.kind)).toEqual([
      DeliveryKind.CandidateUpdate,
      DeliveryKind.InterviewerInvitation,
      DeliveryKind.ChannelMessageUpdate,
      DeliveryKind.ThreadReply,
      DeliveryKind.InterviewerNotice,
    ]);
    expect((await events()).find((event) => event.type === InterviewEventType.Rescheduled)).toMatchObject({ actor: 'slack:U0ADA' });
  });

  it('refuses a time in the past under the same rule as scheduling', async () => {
    await expect(
      rescheduleInterview(domain.context, {
        interviewId: interview.id,
        input: { scheduledTime: '2030-03-01T09:00:00Z' },
        actor: organizer,
      }),
    ).rejects.toThrow(/in the past/);
    expect((await reload()).calendarSequence).toBe(0);
  });

  it('moves into an open slot and frees it again when moved out', async () => {
    const [slot] = await addAvailabilitySlots(domain.context, {
      slots: [{ startsAt: new Date('2030-03-07T09:00:00Z'), durationMinutes: 30, interviewer: 'U0ADA' }],
      actor: organizer,
    });
    await rescheduleInterview(domain.context, { interviewId: interview.id, input: { slotId: slot.id }, actor: organizer });
    expect(await reload()).toMatchObject({ slotId: slot.id, durationMinutes: 30 });
    await rescheduleInterview(domain.context, {
      interviewId: interview.id,
      input: { scheduledTime: '2030-03-08T09:00:00Z' },
      actor: organizer,
    });
    const freed = await domain.database.read((manager) => manager.findOneByOrFail(AvailabilitySlot, { id: slot.id }));
    expect(freed.bookedInterviewId).toBeNull();
  });

  it('holds a new length to the same rule as scheduling (5 minutes to 8 hours), and names every problem at once', async () => {
    for (const durationMinutes of [99_999_999, 4, 0, -5, 30.5, 'abc', true]) {
      await expect(
        rescheduleInterview(domain.context, { interviewId: interview.id, input: { durationMinutes }, actor: organizer }),
      ).rejects.toMatchObject({
        problems: [{ field: 'durationMinutes', message: expect.stringMatching(/^Duration must be/) }],
      });
    }
    await expect(
      rescheduleInterview(domain.context, {
        interviewId: interview.id,
        input: { scheduledTime: '2001-01-01T00:00:00Z', durationMinutes: 481, slotId: 'nope' },
        actor: organizer,
      }),
    ).rejects.toMatchObject({ problems: [{ field: 'slotId' }, { field: 'durationMinutes' }, { field: 'scheduledTime' }] });
    expect(await reload()).toMatchObject({ durationMinutes: 45, calendarSequence: 0 });
  });

  it('changes only the length when that is all that was asked, keeping the time', async () => {
    await rescheduleInterview(domain.context, { interviewId: interview.id, input: { durationMinutes: 60 }, actor: organizer });
    expect(await reload()).toMatchObject({ durationMinutes: 60, scheduledTime: interview.scheduledTime, calendarSequence: 1 });
  });

  it('changes nothing and tells nobody when asked for the timing it already has', async () => {
    const result = await rescheduleInterview(domain.context, {
      interviewId: interview.id,
      input: { scheduledTime: '2030-03-05T15:00:00Z', durationMinutes: 45 },
      actor: organizer,
    });
    expect(result.outcome).toBe('unchanged');
    expect(await jobsAfterCreation()).toEqual([]);
    expect((await reload()).calendarSequence).toBe(0);
  });

  it('reads a new time without an offset in the candidate’s zone, and refuses one that zone skips', async () => {
    const { interview: berlin } = await scheduleInterview(domain.context, {
      input: { candidateName: 'B', candidateEmail: 'b@example.com', timezone: 'Europe/Berlin', scheduledTime: '2030-03-20T10:00' },
      actor: organizer,
    });
    await rescheduleInterview(domain.context, { interviewId: berlin.id, input: { scheduledTime: '2030-03-21T10:00' }, actor: organizer });
    expect((await domain.database.read((manager) => manager.findOneByOrFail(Interview, { id: berlin.id }))).scheduledTime).toEqual(
      new Date('2030-03-21T09:00:00Z'),
    );
    await expect(
      rescheduleInterview(domain.context, { interviewId: berlin.id, input: { scheduledTime: '2030-03-31T02:30' }, actor: organizer }),
    ).rejects.toMatchObject({
      problems: [{ field: 'scheduledTime', message: expect.stringContaining('does not exist in Europe/Berlin') }],
    });
  });

  it('moving into a slot makes its interviewer an interviewer', async () => {
    const [slot] = await addAvailabilitySlots(domain.context, {
      slots: [{ startsAt: new Date('2030-03-07T09:00:00Z'), durationMinutes: 30, interviewer: 'grace@example.com' }],
      actor: organizer,
    });
    await rescheduleInterview(domain.context, { interviewId: interview.id, input: { slotId: slot.id }, actor: organizer });
    expect((await reload()).interviewers).toEqual([{ slackUserId: 'U0ADA' }, { email: 'grace@example.com' }]);
  });

  it('applies a repeated request (the same modal submitted twice) once', async () => {
    const move = () =>
      rescheduleInterview(domain.context, {
        interviewId: interview.id,
        input: { scheduledTime: '2030-03-06T09:00:00Z' },
        actor: organizer,
        requestKey: 'slack-view:V1',
      });
    expect((await move()).outcome).toBe('changed');
    expect((await move()).outcome).toBe('replayed');
    expect((await reload()).calendarSequence).toBe(1);
  });

  it('refuses anyone who is neither the organizer nor an interviewer', async () => {
    await expect(
      rescheduleInterview(domain.context, { interviewId: interview.id, input: { scheduledTime: '2030-03-06T09:00:00Z' }, actor: stranger }),
    ).rejects.toBeInstanceOf(NotAllowedError);
  });
});

describe('cancelling', () => {
  it('cancels, tells the candidate with a cancellation and the interviewers with a DM', async () => {
    await cancelInterview(domain.context, { interviewId: interview.id, actor: organizer });
    expect(await reload()).toMatchObject({ status: InterviewStatus.Cancelled, calendarSequence: 1 });
    expect((await jobsAfterCreation()).map((job) => job.kind)).toEqual([
      DeliveryKind.CandidateCancellation,
      DeliveryKind.InterviewerInvitation,
      DeliveryKind.ChannelMessageUpdate,
      DeliveryKind.ThreadReply,
      DeliveryKind.InterviewerNotice,
    ]);
  });

  it('cannot cancel twice', async () => {
    await cancelInterview(domain.context, { interviewId: interview.id, actor: organizer });
    await expect(cancelInterview(domain.context, { interviewId: interview.id, actor: organizer })).rejects.toBeInstanceOf(
      InterviewCancelledError,
    );
  });

  it('refuses a stranger', async () => {
    await expect(cancelInterview(domain.context, { interviewId: interview.id, actor: stranger })).rejects.toBeInstanceOf(NotAllowedError);
    expect((await reload()).status).toBe(InterviewStatus.Scheduled);
  });
});

describe('resending and rotating', () => {
  it('resends the invitation with the same link', async () => {
    await resendInvitation(domain.context, { interviewId: interview.id, actor: organizer });
    expect((await jobsAfterCreation())[0]?.kind).toBe(DeliveryKind.CandidateInvitation);
    expect((await reload()).joinLink).toBe(interview.joinLink);
  });

  it('sends one email for one click however often Slack delivers it', async () => {
    for (let delivery = 0; delivery < 3; delivery += 1) {
      await resendInvitation(domain.context, {
        interviewId: interview.id,
        actor: organizer,
        requestKey: 'slack-action:U0RECRUIT:1800000000.1',
      });
    }
    expect((await jobsAfterCreation()).filter((job) => job.kind === DeliveryKind.CandidateInvitation)).toHaveLength(1);
  });

  it('refuses a second resend within a minute, saying when it can be sent again, and allows it after', async () => {
    await resendInvitation(domain.context, { interviewId: interview.id, actor: organizer, requestKey: 'click-1' });
    domain.setNow(new Date('2030-03-04T10:00:20Z'));
    const second = resendInvitation(domain.context, { interviewId: interview.id, actor: interviewer, requestKey: 'click-2' });
    await expect(second).rejects.toBeInstanceOf(RepeatedTooSoonError);
    await expect(second).rejects.toMatchObject({ retryAfterSeconds: 40, message: expect.stringContaining('in 40 seconds') });
    domain.setNow(new Date('2030-03-04T10:01:01Z'));
    await resendInvitation(domain.context, { interviewId: interview.id, actor: interviewer, requestKey: 'click-3' });
    expect((await jobsAfterCreation()).filter((job) => job.kind === DeliveryKind.CandidateInvitation)).toHaveLength(2);
  });

  it('answers a repeated cancel or rotate with the interview as it stands, without doing it twice', async () => {
    const first = await rotateJoinLink(domain.context, { interviewId: interview.id, actor: organizer, requestKey: 'rotate-1' });
    const again = await rotateJoinLink(domain.context, { interviewId: interview.id, actor: organizer, requestKey: 'rotate-1' });
    expect(again).toMatchObject({ outcome: 'replayed', interview: { sessionKey: first.interview.sessionKey } });
    await cancelInterview(domain.context, { interviewId: interview.id, actor: organizer, requestKey: 'cancel-1' });
    expect((await cancelInterview(domain.context, { interviewId: interview.id, actor: organizer, requestKey: 'cancel-1' })).outcome).toBe(
      'replayed',
    );
    expect((await jobsAfterCreation()).filter((job) => job.kind === DeliveryKind.CandidateCancellation)).toHaveLength(1);
  });

  it('refuses every change to a cancelled interview', async () => {
    await cancelInterview(domain.context, { interviewId: interview.id, actor: organizer });
    await expect(resendInvitation(domain.context, { interviewId: interview.id, actor: organizer })).rejects.toBeInstanceOf(
      InterviewCancelledError,
    );
    await expect(rotateJoinLink(domain.context, { interviewId: interview.id, actor: organizer })).rejects.toBeInstanceOf(
      InterviewCancelledError,
    );
    await expect(
      rescheduleInterview(domain.context, {
        interviewId: interview.id,
        input: { scheduledTime: '2030-03-06T09:00:00Z' },
        actor: organizer,
      }),
    ).rejects.toBeInstanceOf(InterviewCancelledError);
  });

  it('names no interview for an id that could not be one, without asking the database', async () => {
    await expect(cancelInterview(domain.context, { interviewId: 'x\u0000y', actor: organizer })).rejects.toBeInstanceOf(
      InterviewNotFoundError,
    );
  });

  it('replaces the key so the old link opens nothing, and sends the new one', async () => {
    await rotateJoinLink(domain.context, { interviewId: interview.id, actor: organizer });
    const rotated = await reload();
    expect(rotated.sessionKey).toMatch(/^[0-9a-f]{32}$/);
    expect(rotated.sessionKey).not.toBe(interview.sessionKey);
    expect(await findInterviewBySessionKey(domain.context, interview.sessionKey)).toBeNull();
    expect((await findInterviewBySessionKey(domain.context, rotated.sessionKey))?.id).toBe(interview.id);
    expect((await jobsAfterCreation())[0]?.kind).toBe(DeliveryKind.CandidateUpdate);
  });
});

describe('the candidate opening their page', () => {
  it('is recorded once, with one thread reply', async () => {
    expect(await recordCandidateVisit(domain.context, interview.sessionKey)).toBe(true);
    expect(await recordCandidateVisit(domain.context, interview.sessionKey)).toBe(true);
    expect((await reload()).candidateFirstOpenedAt).toEqual(new Date('2030-03-04T10:00:00Z'));
    const replies = (await jobsAfterCreation()).filter((job) => job.kind === DeliveryKind.ThreadReply);
    expect(replies).toHaveLength(1);
  });

  it('says nothing for a key that opens nothing', async () => {
    expect(await recordCandidateVisit(domain.context, 'f'.repeat(32))).toBe(false);
    expect(await recordCandidateVisit(domain.context, 'not a key')).toBe(false);
  });
});
