import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../../src/domain/deliveries/DeliveryJob';
import { Interview } from '../../src/domain/interviews/Interview';
import { buttonClickPayload, interactionBody, postToSlackEndpoint, viewSubmissionPayload } from '../support/signedSlackRequests';
import { eventually, movableClock, TEST_SIGNING_SECRET } from '../support/testApplication';
import { scheduleModalState, startSlackHarness, type SlackHarness } from '../slack/integration/slackTestHarness';

let harness: SlackHarness;
const clock = movableClock();

beforeAll(async () => {
  harness = await startSlackHarness({}, { now: clock.now });
});
afterAll(async () => {
  await harness?.close();
});

const createViaApi = async (baseUrl: string, email: string) => {
  const response = await fetch(`${baseUrl}/api/interviews`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ candidateName: 'Reliable Candidate', candidateEmail: email }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; interviewLink: string };
};
const invitationOf = (interviewId: string) =>
  harness.app.database.read((manager) => manager.findOneByOrFail(DeliveryJob, { interviewId, kind: DeliveryKind.CandidateInvitation }));

describe('emails when SendGrid misbehaves', () => {
  it('retries two 500s and sends exactly one message', async () => {
    harness.sendGrid.failNext(2, { status: 500, body: { errors: [{ message: 'Internal Server Error', field: null }] } });
    const interview = await createViaApi(harness.app.url, 'twice500@example.com');
    await eventually(() => harness.sendGrid.mailTo('twice500@example.com').length === 1, 'the message to be accepted');
    await harness.settle();
    expect(harness.sendGrid.mailTo('twice500@example.com')).toHaveLength(1);
    expect(await invitationOf(interview.id)).toMatchObject({ status: DeliveryStatus.Delivered, attempts: 3 });
  });

  it('waits as long as a 429’s Retry-After asks before trying again', async () => {
    const before = harness.sendGrid.requests.length;
    harness.sendGrid.failNext(1, {
      status: 429,
      headers: { 'Retry-After': '2' },
      body: { errors: [{ message: 'Too many requests', field: null }] },
    });
    const createdBy = clock.now().getTime();
    const interview = await createViaApi(harness.app.url, 'ratelimited@example.com');
    const waiting = await eventually(async () => {
      const job = await invitationOf(interview.id);
      return job.status === DeliveryStatus.Pending && job.attempts === 1 ? job : null;
    }, 'the invitation to wait after the 429');
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(createdBy + 2000);
    clock.moveAhead(2000);
    harness.app.worker.wake();
    await eventually(() => harness.sendGrid.mailTo('ratelimited@example.com').length === 1, 'the message after the pause');
    const [limited, accepted] = harness.sendGrid.requests.slice(before);
    expect([limited.status, accepted.status]).toEqual([429, 202]);
  });

  it('shows a permanent failure in the channel with its reason, and Resend sends it once fixed', async () => {
    harness.sendGrid.failNext(1, {
      status: 400,
      body: { errors: [{ message: 'The from address does not match a verified Sender Identity.', field: 'from' }] },
    });
    await harness.submitScheduleModal({ name: 'Failing', email: 'failing@example.com' }, { channelId: 'C0FAILS' });
    const failedUpdate = await eventually(
      () =>
        harness.slack
          .callsTo('chat.update')
          .find((call) => call.args.channel === 'C0FAILS' && JSON.stringify(call.args.blocks).includes('failed')),
      'the message to show the failure',
    );
    const blocks = JSON.stringify(failedUpdate.args.blocks);
    expect(blocks).toContain('does not match a verified Sender Identity');
    expect(blocks).toContain('resend_invitation');
    const reply = await eventually(
      () => harness.slack.callsTo('chat.postMessage').find((call) => call.args.channel === 'C0FAILS' && call.args.thread_ts),
      'the thread reply',
    );
    expect(String(reply.args.text)).toMatch(/could not be sent/);

    const interview = await harness.app.database.read((manager) =>
      manager.findOneByOrFail(Interview, { candidateEmail: 'failing@example.com' }),
    );
    await harness.interact(
      buttonClickPayload({
        actionId: 'resend_invitation',
        value: interview.id,
        channelId: 'C0FAILS',
        responseUrl: harness.slack.responseUrl('resend'),
      }),
    );
    await eventually(() => harness.sendGrid.mailTo('failing@example.com').length === 1, 'the resent invitation');
    await eventually(
      () =>
        harness.slack
          .callsTo('chat.update')
          .some((call) => call.args.channel === 'C0FAILS' && JSON.stringify(call.args.blocks).includes('Invitation emailed')),
      'the message to show it was sent',
    );
  });
});

describe('Slack retries and double clicks', () => {
  it('make one interview and one email from the same view submitted twice', async () => {
    const payload = viewSubmissionPayload({
      callbackId: 'schedule_interview',
      viewId: 'V0DOUBLECLICK',
      privateMetadata: JSON.stringify({ channelId: 'C0CHANNEL', teamId: 'T0FAKE' }),
      values: scheduleModalState({ name: 'Double', email: 'double@example.com' }),
    });
    const body = interactionBody(payload);
    const responses = await Promise.all([
      postToSlackEndpoint(harness.app.url, body, { signingSecret: TEST_SIGNING_SECRET }),
      postToSlackEndpoint(harness.app.url, body, { signingSecret: TEST_SIGNING_SECRET }),
    ]);
    const retried = await postToSlackEndpoint(harness.app.url, body, {
      signingSecret: TEST_SIGNING_SECRET,
      headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' },
    });
    expect([...responses, retried].map((response) => response.status)).toEqual([200, 200, 200]);
    expect(await harness.app.database.read((manager) => manager.countBy(Interview, { candidateEmail: 'double@example.com' }))).toBe(1);
    await eventually(() => harness.sendGrid.mailTo('double@example.com').length === 1, 'the invitation');
    await harness.settle();
    expect(harness.sendGrid.mailTo('double@example.com')).toHaveLength(1);
  });
});

describe('a form sent again, changed, after its first send went through', () => {
  it('keeps the first interview and tells the recruiter their later changes were not saved', async () => {
    const send = (email: string) =>
      postToSlackEndpoint(
        harness.app.url,
        interactionBody(
          viewSubmissionPayload({
            callbackId: 'schedule_interview',
            viewId: 'V0SENTAGAIN',
            privateMetadata: JSON.stringify({ channelId: 'C0CHANNEL', teamId: 'T0FAKE' }),
            values: scheduleModalState({ name: 'Sent Again', email }),
          }),
        ),
        { signingSecret: TEST_SIGNING_SECRET },
      );
    expect((await send('first-send@example.com')).status).toBe(200);
    const again = await send('edited-send@example.com');
    expect(again.json()).toMatchObject({
      response_action: 'update',
      view: { title: { text: 'Already scheduled' }, blocks: [{ text: { text: expect.stringContaining('were not saved') } }] },
    });
    const stored = await harness.app.database.read((manager) => manager.findBy(Interview, { candidateName: 'Sent Again' }));
    expect(stored.map((interview) => interview.candidateEmail)).toEqual(['first-send@example.com']);
  });
});

describe('Slack rate limits', () => {
  it('posts the channel message later when chat.postMessage is rate-limited', async () => {
    harness.slack.rateLimitNext('chat.postMessage', 1, { when: (args) => args.channel === 'C0BUSY' });
    await harness.submitScheduleModal({ name: 'Busy', email: 'busy@example.com' }, { channelId: 'C0BUSY' });
    const posts = () =>
      harness.slack.calls.filter((call) => call.method === 'chat.postMessage' && call.args.channel === 'C0BUSY' && !call.args.thread_ts);
    await eventually(() => posts().length === 2, 'the post after the rate limit', 8000);
    const interview = await eventually(
      () =>
        harness.app.database
          .read((manager) => manager.findOneBy(Interview, { candidateEmail: 'busy@example.com' }))
          .then((found) => (found?.slackMessageTs ? found : null)),
      'the post to be recorded',
    );
    expect(interview.slackMessageChannelId).toBe('C0BUSY');
  });
});
