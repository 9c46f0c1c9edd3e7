import { DeliveryJob, DeliveryKind } from '../../src/db/entities/DeliveryJob';
import { AvailabilitySlot } from '../../src/db/entities/AvailabilitySlot';
import { Interview } from '../../src/db/entities/Interview';
import { InterviewEvent, InterviewEventType } from '../../src/db/entities/InterviewEvent';
import { addAvailabilitySlots } from '../../src/domain/availabilitySlots';
import { cancelInterview } from '../../src/domain/cancelInterview';
import { InputValidationError, NotAllowedError } from '../../src/domain/errors';
import { findInterviewBySessionKey } from '../../src/domain/interviewQueries';
import { InterviewStatus } from '../../src/domain/interviewStatus';
import { recordCandidateVisit } from '../../src/domain/recordCandidateVisit';
import { rescheduleInterview } from '../../src/domain/rescheduleInterview';
import { resendInvitation } from '../../src/domain/resendInvitation';
import { rotateJoinLink } from '../../src/domain/rotateJoinLink';
import { scheduleInterview } from '../../src/domain/scheduleInterview';
import { openTestDomain, type TestDomain } from '../support/testDatabase';

const organizer = { kind: 'slack' as const, userId: 'U0RECRUIT' };
const interviewer = { kind: 'slack' as const, userId: 'U0ADA' };
const stranger = { kind: 'slack' as const, userId: 'U0STRANGER' };

let domain: TestDomain;
let interview: Interview;

beforeEach(async () => {
  domain = await openTestDomain({ now: new Date('2030-03-04T10:00:00Z') });
  ({ interview } = await scheduleInterview(domain.context, {
    input: ({
      candidateName: 'Jane',
      candidateEmail: 'jane@example.com',
      channelId: 'C0CHANNEL',
      interviewers: ['U0ADA'],
      scheduledTime: '2030-03-05T15:00:00Z',
    }),
    actor: organizer,
  }));
});
afterEach(async () => {
  await domain.close();
});

const jobsAfterCreation = () =>
  domain.database.read((manager) => manager.find(DeliveryJob, { where: { interviewId: interview.id }, order: { createdAt: 'ASC' } })).then((jobs) => jobs.slice(3));
const reload = () => domain.database.read((manager) => manager.findOneByOrFail(Interview, { id: interview.id }));
const events = () => domain.database.read((manager) => manager.findBy(InterviewEvent, { interviewId: interview.id }));

describe('rescheduling', () => {
  it('moves the time, keeps the link, raises the calendar sequence and tells everyone', async () => {
    await rescheduleInterview(domain.context, { interviewId: interview.id, scheduledTime: new Date('2030-03-06T09:00:00Z'), actor: interviewer });
    const moved = await reload();
    expect(moved.scheduledTime).toEqual(new Date('2030-03-06T09:00:00Z'));
    expect(moved.joinLink).toBe(interview.joinLink);
    expect(moved.calendarSequence).toBe(1);
    expect((await jobsAfterCreation()).map((job) => job.kind)).toEqual([
      DeliveryKind.CandidateUpdate,
      DeliveryKind.ChannelMessageUpdate,
      DeliveryKind.ThreadReply,
      DeliveryKind.InterviewerNotice,
    ]);
    expect((await events()).find((event) => event.type === InterviewEventType.Rescheduled)).toMatchObject({ actor: 'slack:U0ADA' });
  });

  it('refuses a time in the past under the same rule as scheduling', async () => {
    await expect(
      rescheduleInterview(domain.context, { interviewId: interview.id, scheduledTime: new Date('2030-03-01T09:00:00Z'), actor: organizer }),
    ).rejects.toThrow(/in the past/);
    expect((await reload()).calendarSequence).toBe(0);
  });

  it('moves into an open slot and frees it again when moved out', async () => {
    const [slot] = await addAvailabilitySlots(domain.context, {
      slots: [{ startsAt: new Date('2030-03-07T09:00:00Z'), durationMinutes: 30, interviewer: 'U0ADA' }],
      actor: organizer,
    });
    await rescheduleInterview(domain.context, { interviewId: interview.id, slotId: slot!.id, actor: organizer });
    expect(await reload()).toMatchObject({ slotId: slot!.id, durationMinutes: 30 });
    await rescheduleInterview(domain.context, { interviewId: interview.id, scheduledTime: new Date('2030-03-08T09:00:00Z'), actor: organizer });
    const freed = await domain.database.read((manager) => manager.findOneByOrFail(AvailabilitySlot, { id: slot!.id }));
    expect(freed.bookedInterviewId).toBeNull();
  });

  it('refuses anyone who is neither the organizer nor an interviewer', async () => {
    await expect(
      rescheduleInterview(domain.context, { interviewId: interview.id, scheduledTime: new Date('2030-03-06T09:00:00Z'), actor: stranger }),
    ).rejects.toBeInstanceOf(NotAllowedError);
  });
});

describe('cancelling', () => {
  it('cancels, tells the candidate with a cancellation and the interviewers with a DM', async () => {
    await cancelInterview(domain.context, { interviewId: interview.id, actor: organizer });
    expect(await reload()).toMatchObject({ status: InterviewStatus.Cancelled, calendarSequence: 1 });
    expect((await jobsAfterCreation()).map((job) => job.kind)).toEqual([
      DeliveryKind.CandidateCancellation,
      DeliveryKind.ChannelMessageUpdate,
      DeliveryKind.ThreadReply,
      DeliveryKind.InterviewerNotice,
    ]);
  });

  it('cannot cancel twice', async () => {
    await cancelInterview(domain.context, { interviewId: interview.id, actor: organizer });
    await expect(cancelInterview(domain.context, { interviewId: interview.id, actor: organizer })).rejects.toBeInstanceOf(InputValidationError);
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
