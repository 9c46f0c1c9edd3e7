import { buttonClickPayload, postToSlackEndpoint, viewSubmissionPayload } from '../../support/signedSlackRequests';
import { TEST_SIGNING_SECRET } from '../../support/testApplication';
import { scheduleModalState, startSlackHarness, type SlackHarness } from './slackTestHarness';

let harness: SlackHarness;

beforeAll(async () => {
  harness = await startSlackHarness();
});
afterAll(async () => {
  await harness?.close();
});

const postJson = (body: unknown) =>
  postToSlackEndpoint(harness.app.url, JSON.stringify(body), {
    signingSecret: TEST_SIGNING_SECRET,
    headers: { 'Content-Type': 'application/json' },
  });

describe('POST /slack/events, through the app’s Bolt receiver', () => {
  it('answers Slack’s URL check, made when the Request URL is saved, with its challenge', async () => {
    const response = await postJson({ token: 'legacy', challenge: 'a-challenge-to-echo', type: 'url_verification' });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ challenge: 'a-challenge-to-echo' });
  });

  it('acknowledges Slack’s notice that it is dropping the app’s events, instead of refusing it', async () => {
    const response = await postJson({ token: 'legacy', type: 'app_rate_limited', team_id: 'T0FAKE', minute_rate_limited: 1518467820 });
    expect(response.status).toBe(200);
  });

  it('acknowledges, with nothing to show, a click on a button the app does not have and a modal it does not know', async () => {
    const click = await harness.interact(buttonClickPayload({ actionId: 'a_button_from_an_older_version', value: 'x' }));
    const submission = await harness.interact(
      viewSubmissionPayload({ callbackId: 'a_modal_from_an_older_version', values: scheduleModalState({ name: 'Nobody' }) }),
    );
    expect([click.status, click.text, submission.status, submission.text]).toEqual([200, '', 200, '']);
  });

  it('answers a modal’s field errors in the acknowledgement itself', async () => {
    const response = await harness.submitScheduleModal({ name: 'Field Errors', email: 'not-an-address' });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ response_action: 'errors', errors: { candidate_email: expect.any(String) as unknown } });
  });
});
