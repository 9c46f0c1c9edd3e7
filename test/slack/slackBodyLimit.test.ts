import { DeliveryKind } from '../../src/domain/deliveries/DeliveryJob';
import { randomUUID } from 'node:crypto';
import type { AvailabilitySlot } from '../../src/domain/slots/AvailabilitySlot';
import type { BookingRequest } from '../../src/domain/bookings/BookingRequest';
import { MAX_OFFERED_SLOTS } from '../../src/domain/bookings/bookingRequestInput';
import { BookingRequestStatus } from '../../src/domain/bookings/bookingRequestStatus';
import type { Interview } from '../../src/domain/interviews/Interview';
import { MAX_INTERVIEWERS, MAX_NAME_LENGTH, MAX_NOTES_LENGTH, MAX_URL_LENGTH } from '../../src/domain/interviews/interviewInput';
import { MAX_EMAIL_LENGTH } from '../../src/domain/shared/participants';
import { InterviewStatus } from '../../src/domain/interviews/interviewStatus';
import { presentBookingRequestMessage } from '../../src/slack/messages/bookingRequestMessage';
import { presentInterviewMessage } from '../../src/slack/messages/interviewMessage';
import { presentLoopMessage } from '../../src/slack/messages/loopMessage';
import { MAX_POOL_MEMBERS } from '../../src/domain/plans/interviewerPools';
import { MAX_LOOP_SESSIONS } from '../../src/domain/plans/loopInput';
import { SLACK_BODY_LIMIT_BYTES } from '../../src/slack/app/slackRequestGuard';
import { buildHomeView } from '../../src/slack/views/homeView';
import { MeetingStatus } from '../../src/domain/meetings/Meeting';
import { buildScheduleInterviewModal } from '../../src/slack/views/scheduleInterviewModal';
import { scheduleModalState } from './integration/slackTestHarness';
import { buttonClickPayload, interactionBody, viewSubmissionPayload } from '../support/signedSlackRequests';

/**
 * The costliest text a person can type, character for character: a 4-byte emoji, which the
 * `payload=` form sends as 12 bytes (%F0%9F%98%80). Counted as one character, as Slack's
 * max_length may count it.
 */
const typed = (characters: number) => '😀'.repeat(characters);
/** The costliest stored text shown in mrkdwn: `&` becomes `&amp;`, sent as %26amp%3B, 9 bytes. */
const shownInMrkdwn = (characters: number) => '&'.repeat(characters);

const HOME_LIST_LENGTH = 20;
const MAX_OPEN_SLOTS = 100;

function fullestInterview(index: number): Interview {
  return {
    id: randomUUID(),
    candidateName: shownInMrkdwn(MAX_NAME_LENGTH),
    candidateEmail: `${'&'.repeat(MAX_EMAIL_LENGTH - 12)}@example.com`,
    role: shownInMrkdwn(MAX_NAME_LENGTH),
    interviewers: Array.from({ length: MAX_INTERVIEWERS }, (_, n) => ({ slackUserId: `U${String(n).padStart(10, '0')}` })),
    organizerSlackUserId: 'U0RECRUITER',
    scheduledTime: new Date(Date.UTC(2030, 0, 1, 9 + index)),
    durationMinutes: 240,
    timezone: 'America/Argentina/Buenos_Aires',
    status: InterviewStatus.Scheduled,
    joinLink: `https://hiring.a-long-company-name.example.com/interview/?session_key=${randomUUID().replace(/-/g, '')}`,
  } as Interview;
}

function fullestSlot(index: number): AvailabilitySlot {
  return {
    id: randomUUID(),
    startsAt: new Date(Date.UTC(2030, 0, 1, index)),
    durationMinutes: 240,
    interviewer: `${'&'.repeat(MAX_EMAIL_LENGTH - 12)}@example.com`,
  } as AvailabilitySlot;
}

function bodyBytes(payload: unknown): number {
  return Buffer.byteLength(interactionBody(payload));
}

describe('the Slack body limit', () => {
  const largestRequests = {
    'the scheduling modal, submitted with 100 open slots, 20 of them offered, a full pool, and every field full': () => {
      const modal = buildScheduleInterviewModal({
        prefill: { candidateName: typed(MAX_NAME_LENGTH), role: typed(MAX_NAME_LENGTH), timezone: 'America/Argentina/Buenos_Aires' },
        metadata: { channelId: 'C0123456789', teamId: 'T0123456789' },
        openSlots: Array.from({ length: MAX_OPEN_SLOTS }, (_, index) => fullestSlot(index)),
        now: new Date(),
      });
      const payload = viewSubmissionPayload({
        callbackId: 'schedule_interview',
        privateMetadata: modal.private_metadata,
        values: scheduleModalState({
          name: typed(MAX_NAME_LENGTH),
          email: `${typed(MAX_EMAIL_LENGTH - 12)}@example.com`,
          role: typed(MAX_NAME_LENGTH),
          interviewers: Array.from({ length: MAX_INTERVIEWERS }, (_, n) => `U${String(n).padStart(10, '0')}`),
          pool: Array.from({ length: MAX_POOL_MEMBERS }, (_, n) => `W${String(n).padStart(10, '0')}`),
          poolCount: '3',
          notes: typed(MAX_NOTES_LENGTH),
          slotId: randomUUID(),
          offeredSlotIds: Array.from({ length: 20 }, () => randomUUID()),
        }),
      });
      return bodyBytes({ ...payload, view: { ...payload.view, blocks: modal.blocks } });
    },
    'a button on the App Home tab, which sends the whole tab back: 20 interviews with every field full': () => {
      const interviews = Array.from({ length: HOME_LIST_LENGTH }, (_, index) => fullestInterview(index));
      const nextReminders = new Map(
        interviews.map((interview) => [interview.id, { kind: DeliveryKind.InterviewerReminder, dueAt: interview.scheduledTime }] as const),
      );
      const longestCallLink = `https://meet.example.com/${'&'.repeat(MAX_URL_LENGTH - 25)}`;
      const meetings = new Map(
        interviews.map((interview) => [interview.id, { provider: 'url', status: MeetingStatus.Ready, joinUrl: longestCallLink }] as const),
      );
      const home = buildHomeView(interviews, nextReminders, meetings);
      const click = buttonClickPayload({ actionId: 'reschedule_interview', value: randomUUID() });
      return bodyBytes({
        ...click,
        container: { type: 'view', view_id: 'V0123456789' },
        view: { id: 'V0123456789', team_id: 'T0FAKE', state: { values: {} }, hash: 'h', ...home },
      });
    },
    "a button on an interview's channel message, which sends the message back": () => {
      const longestCallLink = `https://meet.example.com/${'&'.repeat(MAX_URL_LENGTH - 25)}`;
      const message = presentInterviewMessage(fullestInterview(0), null, {
        provider: 'url',
        status: MeetingStatus.Ready,
        joinUrl: longestCallLink,
      });
      const click = buttonClickPayload({ actionId: 'resend_invitation', value: randomUUID() });
      return bodyBytes({ ...click, message: { type: 'message', user: 'U0BOT', ts: '1800000001.000100', ...message } });
    },
    "a button on a loop's channel message, which sends the message back: 8 sessions, each with a pool's picks": () => {
      const loopId = randomUUID();
      const sessions = Array.from({ length: MAX_LOOP_SESSIONS }, (_, index) => ({
        ...fullestInterview(index),
        loopId,
        sessionTitle: shownInMrkdwn(MAX_NAME_LENGTH),
        poolPicks: [
          {
            anyOf: Array.from({ length: MAX_POOL_MEMBERS }, (_, n) => `W${String(n).padStart(10, '0')}`),
            count: 3,
            chosen: Array.from({ length: 3 }, (_, n) => ({
              interviewer: `W${String(n).padStart(10, '0')}`,
              reason: 'fewest_interviews' as const,
              interviewsNearby: 0,
              lastInterviewAt: null,
            })),
          },
        ],
      })) as Interview[];
      const message = presentLoopMessage(sessions);
      const click = buttonClickPayload({ actionId: 'reschedule_loop', value: loopId });
      return bodyBytes({ ...click, message: { type: 'message', user: 'U0BOT', ts: '1800000001.000100', ...message } });
    },
    "a button on a booking request's channel message, which sends the message back: 20 offered slots": () => {
      const interview = fullestInterview(0);
      const request = {
        ...interview,
        bookingLink: `https://hiring.a-long-company-name.example.com/book/?token=${randomUUID().replace(/-/g, '')}`,
        expiresAt: new Date(Date.UTC(2030, 0, 4)),
      } as unknown as BookingRequest;
      const openSlots = Array.from({ length: MAX_OFFERED_SLOTS }, (_, index) => ({ ...fullestSlot(index), interviewerName: null }));
      const message = presentBookingRequestMessage(
        { request, state: BookingRequestStatus.Open, openSlots, interview: null, bookedJoinLink: null },
        null,
      );
      const click = buttonClickPayload({ actionId: 'resend_booking_link', value: randomUUID() });
      return bodyBytes({ ...click, message: { type: 'message', user: 'U0BOT', ts: '1800000001.000100', ...message } });
    },
  };

  it.each(Object.keys(largestRequests))('holds %s four times over', (name) => {
    const bytes = largestRequests[name as keyof typeof largestRequests]();
    expect(bytes * 4).toBeLessThanOrEqual(SLACK_BODY_LIMIT_BYTES);
  });
});
