import * as ical from 'node-ical';
import { Interview } from '../../../src/domain/interviews/Interview';
import { InterviewStatus } from '../../../src/domain/interviews/interviewStatus';
import { attachmentText, textPart, type RecordedMail } from '../../support/fakeSendGridApi';
import {
  buttonClickPayload,
  interactionBody,
  postToSlackEndpoint,
  slackSignature,
  viewSubmissionPayload,
} from '../../support/signedSlackRequests';
import { eventually, movableClock, TEST_SIGNING_SECRET } from '../../support/testApplication';
import { hoursFromNowInSeconds, startSlackHarness, type SlackHarness } from './slackTestHarness';

let harness: SlackHarness;
const clock = movableClock();

beforeAll(async () => {
  harness = await startSlackHarness({}, { now: clock.now });
});
afterAll(async () => {
  await harness?.close();
});

async function scheduleFromSlack(email: string, channelId: string): Promise<Interview> {
  await harness.submitScheduleModal(
    { name: 'Lifecycle Candidate', email, interviewers: ['U0ADA'], time: hoursFromNowInSeconds(48) },
    { channelId },
  );
  await eventually(() => harness.sendGrid.mailTo(email).length === 1, 'the invitation');
  return harness.app.database.read((manager) => manager.findOneByOrFail(Interview, { candidateEmail: email }));
}

function calendarEvent(mail: RecordedMail) {
  const content = attachmentText(mail, '.ics')!;
  const event = Object.values(ical.sync.parseICS(content)).find((component) => component?.type === 'VEVENT') as ical.VEvent;
  return { content, event };
}

const click = (actionId: string, interviewId: string, userId = 'U0RECRUIT', channelId = 'C0LIFE') =>
  harness.interact(
    buttonClickPayload({
      actionId,
      value: interviewId,
      userId,
      channelId,
      responseUrl: harness.slack.responseUrl(`${actionId}-${userId}`),
    }),
  );

describe('Reschedule', () => {
  it('opens a pre-filled modal; the new time reaches the candidate with the same link, UID and SEQUENCE + 1', async () => {
    const interview = await scheduleFromSlack('move@example.com', 'C0LIFE');
    const response = await click('reschedule_interview', interview.id);
    expect(response.status).toBe(200);
    const opened = await eventually(
      () =>
        harness.slack
          .callsTo('views.open')
          .find((call) => (call.args.view as { callback_id: string }).callback_id === 'reschedule_interview'),
      'the reschedule modal',
    );
    const modal = opened.args.view as {
      private_metadata: string;
      blocks: Array<{ block_id?: string; element?: { initial_date_time?: number } }>;
    };
    expect(modal.blocks.find((block) => block.block_id === 'new_time')?.element?.initial_date_time).toBe(
      interview.scheduledTime.getTime() / 1000,
    );

    const newTime = hoursFromNowInSeconds(72);
    const submitted = await postToSlackEndpoint(
      harness.app.url,
      interactionBody(
        viewSubmissionPayload({
          callbackId: 'reschedule_interview',
          privateMetadata: modal.private_metadata,
          values: {
            new_time: { new_time: { type: 'datetimepicker', selected_date_time: newTime } },
            new_duration: { new_duration: { type: 'static_select', selected_option: { value: '60' } } },
          },
        }),
      ),
      { signingSecret: TEST_SIGNING_SECRET },
    );
    expect(submitted.text).toBe('');
    const update = await eventually(() => harness.sendGrid.mailTo('move@example.com')[1], 'the update email');
    const original = calendarEvent(harness.sendGrid.mailTo('move@example.com')[0]);
    const moved = calendarEvent(update);
    expect(moved.event.uid).toBe(original.event.uid);
    expect(Number(moved.event.sequence)).toBe(Number(original.event.sequence ?? 0) + 1);
    expect(new Date(moved.event.start as unknown as Date).getTime()).toBe(newTime * 1000);
    expect(textPart(update)).toContain(interview.joinLink);
    expect(update.body.subject).toMatch(/^Updated:/);
    const reply = await eventually(
      () =>
        harness.slack
          .callsTo('chat.postMessage')
          .find((call) => call.args.channel === 'C0LIFE' && String(call.args.text).includes('Rescheduled by <@U0RECRUIT>')),
      'the thread reply',
    );
    expect(reply.args.thread_ts).toBeDefined();
    await eventually(
      () => harness.slack.callsTo('chat.postMessage').filter((call) => String(call.args.channel) === 'D0ADA').length >= 2,
      'the interviewer told of the move',
    );
  });

  it('refuses someone who is neither organizer nor interviewer, privately', async () => {
    const interview = await scheduleFromSlack('notyours@example.com', 'C0LIFE2');
    await click('reschedule_interview', interview.id, 'U0STRANGER', 'C0LIFE2');
    const refusal = await eventually(
      () => harness.slack.callsTo('response_url').find((call) => String(call.args.path).includes('U0STRANGER')),
      'the refusal',
    );
    expect(refusal.args).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Only the person who scheduled') });
    expect(
      harness.slack
        .callsTo('views.open')
        .filter(
          (call) =>
            String(call.args.trigger_id).length > 0 && (call.args.view as { callback_id: string }).callback_id === 'reschedule_interview',
        ),
    ).toHaveLength(1);
  });
});

describe('Cancel', () => {
  it('cancels, emails a METHOD:CANCEL invite, updates the message and says so on the join page', async () => {
    const interview = await scheduleFromSlack('cancel@example.com', 'C0CANCEL');
    await click('cancel_interview', interview.id, 'U0ADA', 'C0CANCEL');
    const cancellation = await eventually(() => harness.sendGrid.mailTo('cancel@example.com')[1], 'the cancellation email');
    const { content, event } = calendarEvent(cancellation);
    expect(content).toContain('METHOD:CANCEL');
    expect(event.uid).toBe(calendarEvent(harness.sendGrid.mailTo('cancel@example.com')[0]).event.uid);
    expect(cancellation.body.subject).toMatch(/^Cancelled:/);
    const stored = await harness.app.database.read((manager) => manager.findOneByOrFail(Interview, { id: interview.id }));
    expect(stored.status).toBe(InterviewStatus.Cancelled);
    const page = await (await fetch(`${harness.app.url}/interview/?session_key=${interview.sessionKey}`)).text();
    expect(page).toContain('This interview was cancelled');
    await eventually(
      () =>
        harness.slack
          .callsTo('chat.update')
          .some((call) => call.args.channel === 'C0CANCEL' && String(call.args.text).startsWith('Cancelled')),
      'the message to show the cancellation',
    );
    await eventually(
      () => harness.slack.callsTo('chat.postMessage').some((call) => String(call.args.text).includes('Cancelled by <@U0ADA>')),
      'the thread reply',
    );
  });
});

describe('Rotate link and Resend', () => {
  it('replaces the key: the old link answers 404 and the candidate gets the new one', async () => {
    const interview = await scheduleFromSlack('rotate@example.com', 'C0ROTATE');
    await click('rotate_join_link', interview.id, 'U0RECRUIT', 'C0ROTATE');
    const update = await eventually(() => harness.sendGrid.mailTo('rotate@example.com')[1], 'the email with the new link');
    const rotated = await harness.app.database.read((manager) => manager.findOneByOrFail(Interview, { id: interview.id }));
    expect(rotated.sessionKey).not.toBe(interview.sessionKey);
    expect(textPart(update)).toContain(rotated.joinLink);
    expect(textPart(update)).not.toContain(interview.sessionKey);
    expect((await fetch(`${harness.app.url}/interview/?session_key=${interview.sessionKey}`)).status).toBe(404);
    expect((await fetch(`${harness.app.url}/interview/?session_key=${rotated.sessionKey}`)).status).toBe(200);
  });

  it('resends the same link', async () => {
    const interview = await scheduleFromSlack('resend@example.com', 'C0RESEND');
    await click('resend_invitation', interview.id, 'U0RECRUIT', 'C0RESEND');
    const again = await eventually(() => harness.sendGrid.mailTo('resend@example.com')[1], 'the resent invitation');
    expect(textPart(again)).toContain(interview.joinLink);
    const confirmation = await eventually(
      () => harness.slack.callsTo('response_url').find((call) => String(call.args.path).includes('resend_invitation-U0RECRUIT')),
      'the confirmation',
    );
    expect(String(confirmation.args.text)).toMatch(/Sending the invitation/);
  });
});

describe('Resend, clicked twice or delivered three times', () => {
  it('sends one email for one click however often Slack delivers it', async () => {
    const interview = await scheduleFromSlack('retried-click@example.com', 'C0RETRY');
    const payload = buttonClickPayload({
      actionId: 'resend_invitation',
      value: interview.id,
      channelId: 'C0RETRY',
      responseUrl: harness.slack.responseUrl('retried'),
    });
    for (let delivery = 0; delivery < 3; delivery += 1) expect((await harness.interact(payload)).status).toBe(200);
    await eventually(() => harness.sendGrid.mailTo('retried-click@example.com').length === 2, 'the resent invitation');
    await harness.settle();
    expect(harness.sendGrid.mailTo('retried-click@example.com')).toHaveLength(2);
  });

  it('sends one email for two clicks a second apart, and tells the second clicker privately', async () => {
    const interview = await scheduleFromSlack('double-click@example.com', 'C0DOUBLE');
    await click('resend_invitation', interview.id, 'U0RECRUIT', 'C0DOUBLE');
    await eventually(() => harness.sendGrid.mailTo('double-click@example.com').length === 2, 'the resent invitation');
    clock.moveAhead(1000);
    await click('resend_invitation', interview.id, 'U0ADA', 'C0DOUBLE');
    const note = await eventually(
      () =>
        harness.slack
          .callsTo('response_url')
          .find((call) => String(call.args.path).endsWith('resend_invitation-U0ADA') && /moments ago/.test(String(call.args.text))),
      'the private note',
    );
    expect(note.args).toMatchObject({ response_type: 'ephemeral' });
    await harness.settle();
    expect(harness.sendGrid.mailTo('double-click@example.com')).toHaveLength(2);
  });
});

describe('Overviews and availability', () => {
  it('lists my upcoming interviews with their buttons', async () => {
    await scheduleFromSlack('listed@example.com', 'C0LIST');
    const response = await harness.command({ text: 'list', response_url: harness.slack.responseUrl('list') });
    expect(response.status).toBe(200);
    const list = await eventually(
      () => harness.slack.callsTo('response_url').find((call) => String(call.args.path).endsWith('/list')),
      'the list',
    );
    expect(list.args.response_type).toBe('ephemeral');
    expect(JSON.stringify(list.args.blocks)).toContain('reschedule_interview');
  });

  it('shows upcoming interviews on the App Home tab', async () => {
    await scheduleFromSlack('home@example.com', 'C0HOME');
    const event = {
      token: 'legacy',
      team_id: 'T0FAKE',
      api_app_id: 'A0FAKE',
      type: 'event_callback',
      event_id: 'Ev0HOME',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user: 'U0ADA', channel: 'D0ADA', tab: 'home', event_ts: `${Date.now() / 1000}` },
    };
    const body = JSON.stringify(event);
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(`${harness.app.url}/slack/events`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Slack-Request-Timestamp': String(timestamp),
        'X-Slack-Signature': slackSignature(body, TEST_SIGNING_SECRET, timestamp),
      },
      body,
    });
    expect(response.status).toBe(200);
    const published = await eventually(
      () => harness.slack.callsTo('views.publish').find((call) => call.args.user_id === 'U0ADA'),
      'the home view',
    );
    expect(JSON.stringify(published.args.view)).toContain('Lifecycle Candidate');
  });

  it('lets an interviewer offer availability, and the scheduling modal then offers it', async () => {
    await harness.command({ text: 'slots', user_id: 'U0ADA', trigger_id: '9.9.slots' });
    const opened = await eventually(
      () => harness.slack.callsTo('views.open').find((call) => call.args.trigger_id === '9.9.slots'),
      'the availability modal',
    );
    expect((opened.args.view as { callback_id: string }).callback_id).toBe('add_availability');
    const start = hoursFromNowInSeconds(100);
    const response = await postToSlackEndpoint(
      harness.app.url,
      interactionBody(
        viewSubmissionPayload({
          callbackId: 'add_availability',
          userId: 'U0ADA',
          values: {
            slot_interviewer: { slot_interviewer: { type: 'users_select', selected_user: 'U0ADA' } },
            slot_start: { slot_start: { type: 'datetimepicker', selected_date_time: start } },
            slot_duration: { slot_duration: { type: 'static_select', selected_option: { value: '30' } } },
            slot_count: { slot_count: { type: 'static_select', selected_option: { value: '2' } } },
          },
        }),
      ),
      { signingSecret: TEST_SIGNING_SECRET },
    );
    expect(response.json()).toMatchObject({ response_action: 'update', view: { title: { text: 'Availability added' } } });
    await harness.command({ text: '', trigger_id: '9.9.schedule' });
    const update = await eventually(
      () => harness.slack.callsTo('views.update').find((call) => JSON.stringify(call.args.view).includes('"block_id":"slot"')),
      'the scheduling modal with slots',
    );
    const slotBlock = (
      update.args.view as { blocks: Array<{ block_id: string; element: { options: Array<{ value: string }> } }> }
    ).blocks.find((block) => block.block_id === 'slot')!;
    expect(slotBlock.element.options.length).toBeGreaterThanOrEqual(2);
  });
});
