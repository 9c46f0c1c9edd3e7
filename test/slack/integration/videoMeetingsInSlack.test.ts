import { Interview } from '../../../src/domain/interviews/Interview';
import { FakeZoomApi } from '../../support/fakeZoomApi';
import { buttonClickPayload, interactionBody, postToSlackEndpoint, viewSubmissionPayload } from '../../support/signedSlackRequests';
import { eventually, TEST_SIGNING_SECRET } from '../../support/testApplication';
import { hoursFromNowInSeconds, startSlackHarness, type SlackHarness } from './slackTestHarness';
import { zoomMeetingEnv } from '../../support/calendarProviderEnv';

let zoom: FakeZoomApi;
let harness: SlackHarness;

beforeAll(async () => {
  zoom = await FakeZoomApi.start();
  zoom.addUser('grace@acme.test');
  harness = await startSlackHarness({
    ...zoomMeetingEnv(zoom),
  });
  harness.slack.setUser('U0GRACE', { tz: 'Europe/London', real_name: 'Grace Hopper', email: 'grace@acme.test' });
  harness.slack.setUser('U0NOZOOM', { tz: 'Europe/London', real_name: 'Alan Turing', email: 'alan@acme.test' });
});
afterAll(async () => {
  await harness?.close();
  await zoom?.close();
});

async function scheduleFromSlack(email: string, interviewer: string, channelId: string): Promise<Interview> {
  await harness.submitScheduleModal(
    { name: 'Meeting Candidate', email, interviewers: [interviewer], time: hoursFromNowInSeconds(48) },
    { channelId },
  );
  return eventually(
    () => harness.app.database.read((manager) => manager.findOneBy(Interview, { candidateEmail: email })),
    'the interview to be stored',
  );
}

/** The channel message's redraws and posts in `channelId`, as Block Kit JSON. */
const messagesIn = (channelId: string) =>
  [...harness.slack.callsTo('chat.postMessage'), ...harness.slack.callsTo('chat.update')]
    .filter((call) => call.args.channel === channelId && call.args.blocks)
    .map((call) => JSON.stringify(call.args.blocks));

describe('the video meeting in Slack', () => {
  it('shows on the channel message once Zoom has made it, with its join link for the interviewers', async () => {
    await scheduleFromSlack('meeting-ready@example.com', 'U0GRACE', 'C0MEETOK');

    await eventually(() => zoom.liveMeetings().some((meeting) => meeting.host_email === 'grace@acme.test'), 'the Zoom meeting');
    const [meeting] = zoom.liveMeetings().filter((each) => each.host_email === 'grace@acme.test');
    await eventually(
      () => messagesIn('C0MEETOK').some((blocks) => blocks.includes(`Zoom meeting: <${meeting.join_url}|ready>`)),
      'the message to show the meeting',
    );
    expect(messagesIn('C0MEETOK').join('\n')).not.toContain(meeting.start_url);
  });

  it('tells the thread when Zoom refuses, and the organizer sets the call link from the message', async () => {
    const interview = await scheduleFromSlack('meeting-refused@example.com', 'U0NOZOOM', 'C0MEETNO');

    const reply = await eventually(
      () =>
        harness.slack
          .callsTo('chat.postMessage')
          .find((call) => call.args.channel === 'C0MEETNO' && String(call.args.text).includes('The video meeting could not be made')),
      'the thread told of the refusal',
    );
    expect(reply.args.thread_ts).toBeDefined();
    expect(String(reply.args.text)).toContain('alan@acme.test');
    await eventually(
      () => messagesIn('C0MEETNO').some((blocks) => blocks.includes(':x: Zoom meeting could not be made')),
      'the message to show the refusal',
    );

    await harness.interact(
      buttonClickPayload({
        actionId: 'set_meeting_url',
        value: interview.id,
        channelId: 'C0MEETNO',
        responseUrl: harness.slack.responseUrl('set_meeting_url-U0RECRUIT'),
      }),
    );
    const opened = await eventually(
      () =>
        harness.slack.callsTo('views.open').find((call) => (call.args.view as { callback_id: string }).callback_id === 'set_meeting_url'),
      'the call-link modal',
    );
    const modal = opened.args.view as { private_metadata: string };
    const submit = (url: string, viewId: string) =>
      postToSlackEndpoint(
        harness.app.url,
        interactionBody(
          viewSubmissionPayload({
            callbackId: 'set_meeting_url',
            viewId,
            privateMetadata: modal.private_metadata,
            values: { meeting_url: { meeting_url: { type: 'url_text_input', value: url } } },
          }),
        ),
        { signingSecret: TEST_SIGNING_SECRET },
      );

    const refused = await submit('ftp://files.example.com/call', 'V0BADURL');
    expect(JSON.parse(refused.text)).toEqual({
      response_action: 'errors',
      errors: { meeting_url: 'Meeting URL must be an http(s) link.' },
    });

    const saved = await submit('https://meet.example.com/alan', 'V0GOODURL');
    expect(saved.text).toBe('');
    await eventually(
      () =>
        harness.slack
          .callsTo('chat.postMessage')
          .find((call) => call.args.channel === 'C0MEETNO' && String(call.args.text).includes('Call link set by <@U0RECRUIT>')),
      'the thread told of the new link',
    );
    const stored = await harness.app.database.read((manager) => manager.findOneByOrFail(Interview, { id: interview.id }));
    expect(stored.meetingUrl).toBe('https://meet.example.com/alan');
    await eventually(
      () => messagesIn('C0MEETNO').some((blocks) => blocks.includes('Call link: <https://meet.example.com/alan|ready>')),
      'the message to show the link set by hand',
    );
  });

  it('deletes the Zoom meeting when the organizer sets a call link from Slack instead of it', async () => {
    const interview = await scheduleFromSlack('meeting-replaced@example.com', 'U0GRACE', 'C0MEETBYHAND');
    const made = await eventually(
      () => zoom.liveMeetings().find((meeting) => meeting.agenda.includes(interview.id)),
      'the Zoom meeting to be made',
    );
    await eventually(
      () => messagesIn('C0MEETBYHAND').some((blocks) => blocks.includes(`Zoom meeting: <${made.join_url}|ready>`)),
      'the message to show the meeting',
    );

    await harness.interact(
      buttonClickPayload({
        actionId: 'set_meeting_url',
        value: interview.id,
        channelId: 'C0MEETBYHAND',
        responseUrl: harness.slack.responseUrl('set_meeting_url-U0RECRUIT-2'),
      }),
    );
    const opened = await eventually(
      () =>
        harness.slack
          .callsTo('views.open')
          .find(
            (call) =>
              (call.args.view as { callback_id: string; private_metadata: string }).callback_id === 'set_meeting_url' &&
              (call.args.view as { private_metadata: string }).private_metadata.includes(interview.id),
          ),
      'the call-link modal',
    );
    const saved = await postToSlackEndpoint(
      harness.app.url,
      interactionBody(
        viewSubmissionPayload({
          callbackId: 'set_meeting_url',
          viewId: 'V0REPLACEURL',
          privateMetadata: (opened.args.view as { private_metadata: string }).private_metadata,
          values: { meeting_url: { meeting_url: { type: 'url_text_input', value: 'https://meet.example.com/grace' } } },
        }),
      ),
      { signingSecret: TEST_SIGNING_SECRET },
    );
    expect(saved.text).toBe('');

    await eventually(() => made.deleted, 'the replaced Zoom meeting to be deleted');
    expect(zoom.liveMeetings().filter((meeting) => meeting.agenda.includes(interview.id))).toHaveLength(0);
    const stored = await harness.app.database.read((manager) => manager.findOneByOrFail(Interview, { id: interview.id }));
    expect(stored.meetingUrl).toBe('https://meet.example.com/grace');
    await eventually(
      () => messagesIn('C0MEETBYHAND').some((blocks) => blocks.includes('Call link: <https://meet.example.com/grace|ready>')),
      'the message to show the link set by hand',
    );
  });
});
