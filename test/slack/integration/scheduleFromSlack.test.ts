import { blockSuggestionPayload } from '../../support/signedSlackRequests';
import { DateTime } from 'luxon';
import { DeliveryJob } from '../../../src/domain/deliveries/DeliveryJob';
import { Interview } from '../../../src/domain/interviews/Interview';
import { htmlPart, textPart } from '../../support/fakeSendGridApi';
import { eventually } from '../../support/testApplication';
import { hoursFromNowInSeconds, startSlackHarness, type SlackHarness } from './slackTestHarness';

let harness: SlackHarness;

beforeAll(async () => {
  harness = await startSlackHarness();
  harness.slack.setUser('U0RECRUIT', { tz: 'America/New_York', real_name: 'Rita Recruiter' });
});
afterAll(async () => {
  await harness?.close();
});
beforeEach(async () => {
  await harness.settle();
  harness.slack.reset();
});

const interviews = () => harness.app.database.read((manager) => manager.find(Interview, { order: { createdAt: 'ASC' } }));
const interviewByEmail = (email: string) => harness.app.database.read((manager) => manager.findOneBy(Interview, { candidateEmail: email }));

describe('/schedule-interview', () => {
  // How soon it is acknowledged (within Slack's 3 s) is measured by `npm run bench`, not asserted here.
  it('is acknowledged and opens the modal with its trigger id', async () => {
    const response = await harness.command({ trigger_id: '1111.2222.abcdef', text: '' });
    expect(response.status).toBe(200);
    const opened = await eventually(() => harness.slack.callsTo('views.open')[0], 'views.open');
    expect(opened.args.trigger_id).toBe('1111.2222.abcdef');
    expect(opened.args.view).toMatchObject({
      type: 'modal',
      callback_id: 'schedule_interview',
      private_metadata: JSON.stringify({ channelId: 'C0CHANNEL', teamId: 'T0FAKE' }),
    });
    await eventually(() => harness.slack.callsTo('views.update')[0], 'the follow-up views.update');
  });

  it('tells the recruiter privately when Slack does not open the form, instead of leaving them with nothing', async () => {
    harness.slack.failNext('views.open', 'expired_trigger_id');
    const response = await harness.command({ trigger_id: '3333.expired', text: '', response_url: harness.slack.responseUrl('expired') });
    expect(response.status).toBe(200);
    const told = await eventually(() => harness.slack.callsTo('response_url')[0], 'the private reply');
    expect(told.args).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('Slack took too long to open the form, so it did not appear. Nothing was saved'),
    });
    expect(harness.slack.callsTo('views.update')).toEqual([]);
  });

  it('opens the modal before anything slow, then fills in the time read in the recruiter’s zone', async () => {
    harness.slack.setUser('U0NEWRECRUITER', { tz: 'America/New_York' });
    await harness.command({ user_id: 'U0NEWRECRUITER', text: 'jane@example.com Backend Engineer tomorrow 3pm' });
    const update = await eventually(() => harness.slack.callsTo('views.update')[0], 'views.update');
    const methods = harness.slack.calls.map((call) => call.method);
    expect(methods.indexOf('views.open')).toBeLessThan(methods.indexOf('users.info'));
    const opened = harness.slack.callsTo('views.open')[0].args.view as {
      blocks: Array<{ block_id: string; element: Record<string, unknown> }>;
    };
    expect(opened.blocks.find((block) => block.block_id === 'candidate_email')?.element.initial_value).toBe('jane@example.com');
    const view = update.args.view as { blocks: Array<{ block_id: string; element: Record<string, unknown> }> };
    const time = view.blocks.find((block) => block.block_id === 'scheduled_time')!.element.initial_date_time as number;
    const local = DateTime.fromSeconds(time, { zone: 'America/New_York' });
    expect(local.toFormat('HH:mm')).toBe('15:00');
  });

  it('remembers the recruiter’s zone, so their next modal opens complete in one call', async () => {
    harness.slack.setUser('U0BUSY', { tz: 'Asia/Tokyo' });
    await harness.command({ user_id: 'U0BUSY', text: 'first@example.com' });
    await eventually(() => harness.slack.callsTo('views.update')[0], 'the first modal’s views.update');
    harness.slack.reset();
    const response = await harness.command({ user_id: 'U0BUSY', text: 'second@example.com tomorrow 9am' });
    expect(response.status).toBe(200);
    const opened = await eventually(() => harness.slack.callsTo('views.open')[0], 'views.open');
    const blocks = (opened.args.view as { blocks: Array<{ block_id: string; element: Record<string, unknown> }> }).blocks;
    const time = blocks.find((block) => block.block_id === 'scheduled_time')!.element.initial_date_time as number;
    expect(DateTime.fromSeconds(time, { zone: 'Asia/Tokyo' }).toFormat('HH:mm')).toBe('09:00');
    expect((blocks.find((block) => block.block_id === 'candidate_timezone')!.element.initial_option as { value: string }).value).toBe(
      'Asia/Tokyo',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(harness.slack.callsTo('users.info')).toHaveLength(0);
    expect(harness.slack.callsTo('views.update')).toHaveLength(0);
  });

  it('answers help with an ephemeral usage message and opens nothing', async () => {
    const response = await harness.command({ text: 'help' });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/schedule-interview') });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.slack.callsTo('views.open')).toHaveLength(0);
  });
});

describe('the candidate time-zone menu', () => {
  const optionsFor = async (typed: string) => {
    const response = await harness.interact(
      blockSuggestionPayload({ actionId: 'candidate_timezone', value: typed, callbackId: 'schedule_interview' }),
    );
    expect(response.status).toBe(200);
    return (response.json() as { options: Array<{ text: { text: string }; value: string }> }).options;
  };

  it('is a small menu that asks for its options, the recruiter’s zone chosen to start with', async () => {
    harness.slack.setUser('U0ZONES', { tz: 'Asia/Kathmandu' });
    await harness.command({ user_id: 'U0ZONES', text: 'zones@example.com' });
    const update = await eventually(() => harness.slack.callsTo('views.update').at(-1), 'views.update');
    const zone = (update.args.view as { blocks: Array<{ block_id: string; element: Record<string, unknown> }> }).blocks.find(
      (block) => block.block_id === 'candidate_timezone',
    )!;
    expect(zone.element).toMatchObject({ type: 'external_select', min_query_length: 0, initial_option: { value: 'Asia/Kathmandu' } });
    expect(zone.element.options).toBeUndefined();
  });

  it('offers the common zones by offset before anything is typed', async () => {
    const options = await optionsFor('');
    expect(options.length).toBeGreaterThan(50);
    expect(options.length).toBeLessThanOrEqual(100);
    expect(options.map((option) => option.value)).toEqual(expect.arrayContaining(['Europe/Berlin', 'America/New_York', 'UTC']));
    expect(options.find((option) => option.value === 'Asia/Kolkata')!.text.text).toBe('(UTC+05:30) Asia/Kolkata');
  });

  it('finds any IANA zone by city, by the name people call it, or by UTC offset', async () => {
    expect((await optionsFor('kolk'))[0].value).toBe('Asia/Kolkata');
    expect((await optionsFor('India'))[0].value).toBe('Asia/Kolkata');
    expect((await optionsFor('los angeles'))[0].value).toBe('America/Los_Angeles');
    expect((await optionsFor('ulaan')).map((option) => option.value)).toContain('Asia/Ulaanbaatar');
    const quarterHour = (await optionsFor('+5:45')).map((option) => option.value);
    expect(quarterHour).toContain('Asia/Kathmandu');
    expect(quarterHour).not.toContain('Asia/Kolkata');
    expect(await optionsFor('Nowhere at all')).toEqual([]);
  });
});

describe('submitting the modal', () => {
  it('closes the modal, posts one message to the channel with the same link as the email', async () => {
    const response = await harness.submitScheduleModal({
      name: 'Jane Doe',
      email: 'jane.slack@example.com',
      role: 'Backend Engineer',
      interviewers: ['U0ADA'],
      time: hoursFromNowInSeconds(26),
    });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    const interview = (await interviewByEmail('jane.slack@example.com'))!;
    expect(interview).toMatchObject({ organizerSlackUserId: 'U0RECRUIT', channelId: 'C0CHANNEL', timezone: 'Europe/Berlin' });
    const post = await eventually(
      () => harness.slack.callsTo('chat.postMessage').find((call) => call.args.channel === 'C0CHANNEL'),
      'the channel post',
    );
    expect(JSON.stringify(post.args.blocks)).toContain(interview.joinLink);
    const mail = await eventually(() => harness.sendGrid.mailTo('jane.slack@example.com')[0], 'the invitation email');
    expect(textPart(mail)).toContain(interview.joinLink);
    expect(htmlPart(mail)).toContain(interview.joinLink);
    await eventually(() => harness.slack.callsTo('chat.update').length > 0, 'the message to show the invitation was sent');
    expect(
      harness.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0CHANNEL' && !call.args.thread_ts),
    ).toHaveLength(1);
    expect(JSON.stringify(harness.slack.callsTo('chat.update').at(-1)!.args.blocks)).toContain(
      'Invitation emailed to jane.slack@example.com',
    );
    const dm = await eventually(
      () => harness.slack.callsTo('conversations.open').find((call) => call.args.users === 'U0ADA'),
      'the interviewer DM',
    );
    expect(dm).toBeDefined();
  });

  it('uses the default rule when the time is left empty', async () => {
    const before = Date.now();
    await harness.submitScheduleModal({ name: 'No Time', email: 'notime@example.com', time: null });
    const interview = (await interviewByEmail('notime@example.com'))!;
    const expectedEarliest = Math.ceil((before + 60 * 60_000) / 300_000) * 300_000;
    expect(interview.scheduledTime.getTime()).toBeGreaterThanOrEqual(expectedEarliest);
    expect(interview.scheduledTime.getTime()).toBeLessThanOrEqual(Math.ceil((Date.now() + 60 * 60_000) / 300_000) * 300_000);
    expect(interview.scheduledTime.getTime() % 300_000).toBe(0);
  });

  it('shows a bad email and a past time next to their fields in one answer, and creates nothing', async () => {
    const count = (await interviews()).length;
    const response = await harness.submitScheduleModal({ name: 'Bad', email: 'not-an-email', time: Math.floor(Date.now() / 1000) - 3600 });
    expect(response.json()).toEqual({
      response_action: 'errors',
      errors: {
        candidate_email: 'Enter a valid email address, like jane@example.com.',
        scheduled_time: 'This time is in the past. Pick a time from now on.',
      },
    });
    const past = await harness.submitScheduleModal({ name: 'Bad', email: 'ok@example.com', time: Math.floor(Date.now() / 1000) - 3600 });
    expect(past.json()).toEqual({
      response_action: 'errors',
      errors: { scheduled_time: 'This time is in the past. Pick a time from now on.' },
    });
    expect((await interviews()).length).toBe(count);
    expect(await harness.app.database.read((manager) => manager.countBy(DeliveryJob, {}))).toBeGreaterThan(0);
    expect(harness.sendGrid.mailTo('ok@example.com')).toHaveLength(0);
  });

  it('escapes user text so <!channel> in a name pings nobody', async () => {
    await harness.submitScheduleModal({ name: '<!channel> Mallory', email: 'mallory@example.com', role: '<https://evil.example|Staff>' });
    const post = await eventually(
      () => harness.slack.callsTo('chat.postMessage').find((call) => String(call.args.text).includes('Mallory')),
      'the post',
    );
    const mrkdwn = [String(post.args.text), ...JSON.stringify(post.args.blocks).match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*"/g)!];
    for (const text of mrkdwn) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<https://evil.example');
    }
  });
});

describe('when the app cannot post in the channel (R5)', () => {
  it('joins a public channel it is not in and posts there', async () => {
    harness.slack.failNext('chat.postMessage', 'not_in_channel', { when: (args) => args.channel === 'C0PUBLIC' });
    await harness.submitScheduleModal({ name: 'Public', email: 'public@example.com' }, { channelId: 'C0PUBLIC' });
    await eventually(
      () =>
        harness.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0PUBLIC' && !call.args.thread_ts).length === 2,
      'the retried post',
    ).catch((error) => {
      throw new Error(`${error}\n${JSON.stringify(harness.slack.calls.map((call) => [call.method, call.args.channel]))}`);
    });
    expect(harness.slack.callsTo('conversations.join')[0].args.channel).toBe('C0PUBLIC');
  });

  it('still gives the recruiter the link, by DM, when the channel is private', async () => {
    harness.slack.failNext('chat.postMessage', 'not_in_channel', { when: (args) => args.channel === 'G0PRIVATE' });
    harness.slack.failNext('conversations.join', 'method_not_supported_for_channel_type', { when: (args) => args.channel === 'G0PRIVATE' });
    await harness.submitScheduleModal({ name: 'Private', email: 'private@example.com' }, { channelId: 'G0PRIVATE' });
    const interview = (await interviewByEmail('private@example.com'))!;
    const dm = await eventually(
      () => harness.slack.callsTo('chat.postMessage').find((call) => call.args.channel === 'D0RECRUIT'),
      'the DM to the recruiter',
    );
    expect(JSON.stringify(dm.args.blocks)).toContain(interview.joinLink);
    expect(JSON.stringify(dm.args.blocks)).toContain('/invite @Interview Scheduler');
    // The ephemeral note follows the DM, so it may arrive a moment later.
    const ephemeral = await eventually(() => harness.slack.callsTo('chat.postEphemeral')[0], 'the ephemeral note in the channel');
    expect(ephemeral.args).toMatchObject({ channel: 'G0PRIVATE', user: 'U0RECRUIT' });
    const stored = await eventually(async () => {
      const current = await interviewByEmail('private@example.com');
      return current?.slackMessageTs ? current : null;
    }, 'the DM to be recorded');
    expect(stored.slackMessageChannelId).toBe('D0RECRUIT');
  });

  it('never loses the link when the channel is gone', async () => {
    harness.slack.failNext('chat.postMessage', 'channel_not_found', { when: (args) => args.channel === 'C0GONE' });
    await harness.submitScheduleModal({ name: 'Gone', email: 'gone@example.com' }, { channelId: 'C0GONE' });
    const interview = (await interviewByEmail('gone@example.com'))!;
    const dm = await eventually(
      () =>
        harness.slack
          .callsTo('chat.postMessage')
          .find(
            (call) =>
              call.args.channel === 'D0RECRUIT' &&
              !call.args.thread_ts &&
              JSON.stringify(call.args.blocks ?? []).includes(interview.joinLink),
          ),
      'the DM',
    );
    expect(dm).toBeDefined();
  });
});

describe('requests that are not from Slack', () => {
  it('refuses a forged signature with 401 and does nothing', async () => {
    const response = await harness.command(
      { text: '' },
      { signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000' },
    );
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Bolt checks its own token with auth.test once, whenever the first request arrives; nothing else may happen.
    expect(harness.slack.calls.filter((call) => call.method !== 'auth.test')).toHaveLength(0);
  });

  it('refuses a correctly signed request from 10 minutes ago', async () => {
    const response = await harness.command({ text: '' }, { timestampSeconds: Math.floor(Date.now() / 1000) - 600 });
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.slack.calls).toHaveLength(0);
  });
});
