import { AvailabilitySlot } from '../../../src/domain/slots/AvailabilitySlot';
import { BookingRequest } from '../../../src/domain/bookings/BookingRequest';
import { Interview } from '../../../src/domain/interviews/Interview';
import { BookingRequestStatus } from '../../../src/domain/bookings/bookingRequestStatus';
import { htmlPart, textPart } from '../../support/fakeSendGridApi';
import { buttonClickPayload, interactionBody, postToSlackEndpoint, viewSubmissionPayload } from '../../support/signedSlackRequests';
import { eventually, TEST_SIGNING_SECRET } from '../../support/testApplication';
import { hoursFromNowInSeconds, startSlackHarness, type SlackHarness } from './slackTestHarness';

let harness: SlackHarness;
/** How far the app's clock runs ahead; tests move it to reach a quiet period's end or a link's expiry. */
let clockAheadMs = 0;

beforeAll(async () => {
  harness = await startSlackHarness({}, { now: () => new Date(Date.now() + clockAheadMs) });
  harness.slack.setUser('U0RECRUIT', { tz: 'America/New_York', real_name: 'Rita Recruiter' });
  harness.slack.setUser('U0ADA', { tz: 'Europe/London', real_name: 'Ada Lovelace' });
});
afterAll(async () => {
  await harness?.close();
});
beforeEach(async () => {
  await harness.settle();
  harness.slack.reset();
});

let nextSlotHour = 50;

/** An interviewer offers slots the way Slack does it: `/schedule-interview slots`, then the form. */
async function offerSlotsFromSlack(count: number, startsAtSeconds: number[] = [hoursFromNowInSeconds(nextSlotHour)]) {
  nextSlotHour += 24;
  const values: Record<string, Record<string, unknown>> = {
    slot_interviewer: { slot_interviewer: { type: 'users_select', selected_user: 'U0ADA' } },
    slot_duration: { slot_duration: { type: 'static_select', selected_option: { value: '30' } } },
    slot_count: { slot_count: { type: 'static_select', selected_option: { value: String(count) } } },
  };
  startsAtSeconds.forEach((seconds, index) => {
    const block = index === 0 ? 'slot_start' : `slot_start_${index + 1}`;
    values[block] = { [block]: { type: 'datetimepicker', selected_date_time: seconds } };
  });
  const response = await postToSlackEndpoint(
    harness.app.url,
    interactionBody(viewSubmissionPayload({ callbackId: 'add_availability', userId: 'U0ADA', values })),
    { signingSecret: TEST_SIGNING_SECRET },
  );
  return response.json() as {
    response_action: string;
    view?: { blocks: Array<{ text: { text: string } }> };
    errors?: Record<string, string>;
  };
}

async function openSlotIds(count: number): Promise<string[]> {
  const ids = async () =>
    (await harness.app.database.read((manager) => manager.find(AvailabilitySlot, { order: { startsAt: 'ASC' } }))).map((slot) => slot.id);
  const before = new Set(await ids());
  await offerSlotsFromSlack(count);
  return (await ids()).filter((id) => !before.has(id));
}

const requestFor = (email: string) =>
  harness.app.database.read((manager) => manager.findOneByOrFail(BookingRequest, { candidateEmail: email }));
const channelPosts = (channel: string) =>
  harness.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === channel && !call.args.thread_ts);
const threadReplies = (channel: string) =>
  harness.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === channel && call.args.thread_ts);
const click = (actionId: string, value: string, userId = 'U0RECRUIT', channelId = 'C0BOOK') =>
  harness.interact(
    buttonClickPayload({
      actionId,
      value,
      userId,
      channelId,
      responseUrl: harness.slack.responseUrl(`${actionId}-${userId}-${Date.now()}`),
    }),
  );

describe('/schedule-interview slots', () => {
  it('adds several start times at once, each with its back-to-back slots', async () => {
    const first = hoursFromNowInSeconds(300);
    const second = hoursFromNowInSeconds(330);
    const answer = await offerSlotsFromSlack(2, [first, second, first]);
    expect(answer.response_action).toBe('update');
    expect(answer.view!.blocks[0].text.text).toContain('Added 4 slots');
  });

  it('shows a problem next to the start time it comes from', async () => {
    const answer = await offerSlotsFromSlack(1, [hoursFromNowInSeconds(10), Math.floor(Date.now() / 1000) - 3600]);
    expect(answer).toEqual({ response_action: 'errors', errors: { slot_start_2: expect.stringContaining('in the past') as string } });
  });
});

describe('the scheduling form', () => {
  it('offers the open slots under “Let the candidate choose from”, in the recruiter’s zone and by interviewer name', async () => {
    await openSlotIds(2);
    await harness.command({ trigger_id: '7.7.offer', text: '' });
    const update = await eventually(
      () => harness.slack.callsTo('views.update').find((call) => JSON.stringify(call.args.view).includes('offered_slots')),
      'the form with slots',
    );
    const block = (
      update.args.view as { blocks: Array<{ block_id: string; label: { text: string }; element: Record<string, unknown> }> }
    ).blocks.find((each) => each.block_id === 'offered_slots')!;
    expect(block.label.text).toBe('Let the candidate choose from');
    expect(block.element).toMatchObject({ type: 'multi_static_select', max_selected_items: 20 });
    const options = block.element.options as Array<{ text: { text: string } }>;
    expect(options[0].text.text).toBe("The interviewers' free times (from their calendars)");
    expect(options[1].text.text).toMatch(/^[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}, \d{2}:\d{2} \(30 min\) · Ada Lovelace$/);
  });

  it('refuses a time and offered slots together, on the offered slots field, storing nothing', async () => {
    const [slotId] = await openSlotIds(1);
    const response = await harness.submitScheduleModal(
      { name: 'Both Ways', email: 'both@example.com', time: hoursFromNowInSeconds(30), offeredSlotIds: [slotId] },
      { channelId: 'C0BOOK' },
    );
    expect(response.json()).toEqual({
      response_action: 'errors',
      errors: { offered_slots: expect.stringContaining('not both') as string },
    });
    expect(await harness.app.database.read((manager) => manager.countBy(BookingRequest, { candidateEmail: 'both@example.com' }))).toBe(0);
  });
});

describe('from /schedule-interview to a booked interview, without anyone typing a time', () => {
  it('posts the waiting message, emails the link, and turns the message into the interview when the candidate books', async () => {
    const slotIds = await openSlotIds(3);
    const response = await harness.submitScheduleModal(
      { name: 'Pat Picker', email: 'pat@example.com', role: 'Designer', offeredSlotIds: slotIds, time: null },
      { channelId: 'C0BOOK' },
    );
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    const request = await requestFor('pat@example.com');
    expect(request).toMatchObject({
      status: BookingRequestStatus.Open,
      organizerSlackUserId: 'U0RECRUIT',
      channelId: 'C0BOOK',
      timezone: 'Europe/Berlin',
    });

    const post = await eventually(() => channelPosts('C0BOOK')[0], 'the waiting message');
    const blocks = JSON.stringify(post.args.blocks);
    expect(blocks).toContain('Waiting for the candidate to pick a time: Pat Picker');
    expect(blocks.match(/<!date\^\d+\^\{date_short_pretty\} at \{time\}\|/g)).toHaveLength(4);
    expect(blocks).toContain('<@U0ADA>');
    expect(blocks).toContain('"action_id":"resend_booking_link"');
    expect(blocks).toContain('"action_id":"cancel_booking_request"');
    const mail = await eventually(() => harness.sendGrid.mailTo('pat@example.com')[0], 'the booking link email');
    expect(textPart(mail)).toContain(request.bookingLink);
    expect(htmlPart(mail)).toContain(request.bookingLink);
    expect(textPart(mail)).toContain('with Ada Lovelace');
    expect(textPart(mail)).not.toContain('U0ADA');
    await eventually(
      () =>
        harness.slack
          .callsTo('chat.update')
          .some((call) => JSON.stringify(call.args.blocks).includes('Booking link emailed to pat@example.com')),
      'the message to show the link went out',
    );
    const ts = (await requestFor('pat@example.com')).slackMessageTs;
    expect(ts).toMatch(/^\d+\.\d+$/);

    const form = new URLSearchParams({ token: request.token, slotId: slotIds[1] });
    const booking = await fetch(`${harness.app.url}/book/`, { method: 'POST', body: form, redirect: 'manual' });
    expect(booking.status).toBe(303);
    const interview = await harness.app.database.read((manager) =>
      manager.findOneByOrFail(Interview, { candidateEmail: 'pat@example.com' }),
    );
    expect(booking.headers.get('location')).toBe(interview.joinLink);
    expect(interview).toMatchObject({ organizerSlackUserId: 'U0RECRUIT', slotId: slotIds[1], slackMessageTs: ts });
    expect(interview.interviewers).toEqual([{ slackUserId: 'U0ADA', name: 'Ada Lovelace' }]);

    const takenOver = await eventually(
      () =>
        harness.slack
          .callsTo('chat.update')
          .find((call) => call.args.ts === ts && JSON.stringify(call.args.blocks).includes(interview.joinLink)),
      'the waiting message to become the interview message',
    );
    expect(JSON.stringify(takenOver.args.blocks)).toContain('Interview scheduled: Pat Picker');
    const invitation = await eventually(
      () => harness.sendGrid.mailTo('pat@example.com').find((each) => each.body.subject.startsWith('Your interview')),
      'the invitation',
    );
    expect(textPart(invitation)).toContain(interview.joinLink);
    expect(textPart(invitation)).toContain('With: Ada Lovelace');
    const picked = await eventually(
      () => threadReplies('C0BOOK').find((call) => call.args.thread_ts === ts && String(call.args.text).includes('picked')),
      'the thread reply telling the recruiter',
    );
    expect(String(picked.args.text)).toMatch(/^<@U0RECRUIT> :white_check_mark: Pat Picker picked <!date\^/);
    await harness.settle();
    expect(channelPosts('C0BOOK')).toHaveLength(1);
  });
});

describe('the waiting message’s buttons', () => {
  async function waitingRequest(email: string): Promise<BookingRequest> {
    const slotIds = await openSlotIds(1);
    await harness.submitScheduleModal({ name: 'Button Candidate', email, offeredSlotIds: slotIds }, { channelId: 'C0BOOK' });
    await eventually(async () => (await requestFor(email)).slackMessageTs, 'the waiting message');
    await harness.settle();
    return requestFor(email);
  }

  it('resend the link, not twice within a minute, and say so in the thread', async () => {
    const request = await waitingRequest('resend.slack@example.com');
    await click('resend_booking_link', request.id);
    const refused = await eventually(() => harness.slack.callsTo('response_url')[0], 'the private refusal');
    expect(String(refused.args.text)).toContain('moments ago');
    clockAheadMs += 61_000;
    harness.slack.reset();
    await click('resend_booking_link', request.id);
    const confirmation = await eventually(() => harness.slack.callsTo('response_url')[0], 'the private confirmation');
    expect(confirmation.args.text).toBe(':envelope: Sending the booking link to resend.slack@example.com again.');
    await eventually(() => harness.sendGrid.mailTo('resend.slack@example.com').length === 2, 'the link emailed again');
    await eventually(
      () =>
        threadReplies('C0BOOK').find((call) =>
          String(call.args.text).includes('Booking link resent to resend.slack@example.com by <@U0RECRUIT>'),
        ),
      'the thread reply',
    );
  });

  it('cancel the request for its sender, and tell anyone else they may not', async () => {
    const request = await waitingRequest('cancel.slack@example.com');
    await click('cancel_booking_request', request.id, 'U0NOSY');
    const refusal = await eventually(() => harness.slack.callsTo('response_url')[0], 'the refusal');
    expect(String(refusal.args.text)).toContain('Only the person who sent this booking link and its interviewers can change it.');
    expect((await requestFor('cancel.slack@example.com')).status).toBe(BookingRequestStatus.Open);
    await click('cancel_booking_request', request.id);
    await eventually(
      async () => (await requestFor('cancel.slack@example.com')).status === BookingRequestStatus.Cancelled,
      'the cancellation',
    );
    const update = await eventually(
      () => harness.slack.callsTo('chat.update').find((call) => JSON.stringify(call.args.blocks).includes('Booking request cancelled')),
      'the message redrawn',
    );
    expect(JSON.stringify(update.args.blocks)).not.toContain('resend_booking_link');
    await eventually(
      () => threadReplies('C0BOOK').find((call) => String(call.args.text).includes('cancelled by <@U0RECRUIT>')),
      'the thread reply',
    );
    const page = await fetch(request.bookingLink.replace('https://hire.acme.example', harness.app.url));
    expect(page.status).toBe(410);
  });
});

describe('a link that expires unbooked', () => {
  it('is told in the thread with a button that offers new slots in a form filled in for the candidate', async () => {
    const slotIds = await openSlotIds(1);
    await harness.submitScheduleModal(
      { name: 'Late Larry', email: 'larry@example.com', role: 'Analyst', offeredSlotIds: slotIds, notes: 'Prefers mornings' },
      { channelId: 'C0BOOK' },
    );
    const request = await eventually(async () => {
      const stored = await requestFor('larry@example.com');
      return stored.slackMessageTs ? stored : null;
    }, 'the waiting message');
    await harness.settle();
    clockAheadMs = request.expiresAt.getTime() - Date.now() + 1000;
    const reply = await eventually(
      () =>
        threadReplies('C0BOOK').find((call) => call.args.thread_ts === request.slackMessageTs && String(call.args.text).includes('Larry')),
      'the expiry reply',
      10_000,
    );
    expect(String(reply.args.text)).toContain(
      '<@U0RECRUIT> :hourglass: No interview with Late Larry yet: the booking link expired before they picked a time.',
    );
    expect(JSON.stringify(reply.args.blocks)).toContain('"action_id":"offer_new_slots"');
    expect((await requestFor('larry@example.com')).status).toBe(BookingRequestStatus.Expired);
    await eventually(
      () =>
        harness.slack
          .callsTo('chat.update')
          .find((call) => JSON.stringify(call.args.blocks).includes('No time picked: the booking link expired: Late Larry')),
      'the message redrawn as expired',
    );
    expect(harness.sendGrid.mailTo('larry@example.com').filter((mail) => mail.body.subject.startsWith('Reminder'))).toHaveLength(0);

    await openSlotIds(1);
    await click('offer_new_slots', request.id);
    const opened = await eventually(
      () =>
        harness.slack
          .callsTo('views.open')
          .find((call) => (call.args.view as { callback_id: string }).callback_id === 'schedule_interview'),
      'the form',
    );
    const view = opened.args.view as { private_metadata: string; blocks: Array<{ block_id: string; element: Record<string, unknown> }> };
    const element = (id: string) => view.blocks.find((block) => block.block_id === id)?.element;
    expect(element('candidate_email')?.initial_value).toBe('larry@example.com');
    expect(element('candidate_name')?.initial_value).toBe('Late Larry');
    expect(element('role')?.initial_value).toBe('Analyst');
    expect(element('notes')?.initial_value).toBe('Prefers mornings');
    expect((element('candidate_timezone')?.initial_option as { value: string }).value).toBe('Europe/Berlin');
    expect(JSON.parse(view.private_metadata)).toEqual({ channelId: 'C0BOOK', teamId: 'T0FAKE' });
    await eventually(
      () => harness.slack.callsTo('views.update').find((call) => JSON.stringify(call.args.view).includes('Let the candidate choose from')),
      'the form with the open slots to offer',
    );
    clockAheadMs = 0;
  });
});
