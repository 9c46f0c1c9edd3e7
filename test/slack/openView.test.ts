import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import { openView } from '../../src/slackApi/blockKitCalls';
import { slackApiOptions } from '../../src/slackApi/slackFetch';
import { FakeSlackWebApi } from '../support/fakeSlackWebApi';

let slack: FakeSlackWebApi;
let client: WebClient;

beforeAll(async () => {
  slack = await FakeSlackWebApi.start();
  client = new WebClient('xoxb-open-view-test', { ...slackApiOptions(slack.url), logLevel: LogLevel.ERROR });
});
afterAll(async () => {
  await slack.close();
});
beforeEach(() => slack.reset());

const view = { type: 'modal' as const, callback_id: 'test_form', title: { type: 'plain_text' as const, text: 'A form' }, blocks: [] };

describe('views.open, asked once within the trigger id’s life', () => {
  it('sends what WebClient would, with the client’s token, and answers with the opened view', async () => {
    const opened = await openView(client, { trigger_id: '12345.98765.abcd', view });
    expect(opened.ok).toBe(true);
    expect(opened.view?.id).toMatch(/^V/);
    const [call] = slack.callsTo('views.open');
    expect(call.token).toBe('xoxb-open-view-test');
    expect(call.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(call.args).toEqual({ trigger_id: '12345.98765.abcd', view });
  });

  it('rejects a refusal with WebClient’s platform error, its code in data.error', async () => {
    slack.failNext('views.open', 'expired_trigger_id');
    const error = (await openView(client, { trigger_id: '1.2.expired', view }).catch((caught: unknown) => caught)) as {
      code: string;
      data: { error: string };
    };
    expect(error.code).toBe(ErrorCode.PlatformError);
    expect(error.data.error).toBe('expired_trigger_id');
  });

  it('does not wait out a rate limit or try again: the trigger would be dead by then', async () => {
    slack.rateLimitNext('views.open', 30);
    // Waiting out the 30 s Retry-After would run this test out of time.
    const error = (await openView(client, { trigger_id: '1.2.limited', view }).catch((caught: unknown) => caught)) as {
      code: string;
      retryAfter: number;
    };
    expect(error).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 30 });
    expect(slack.callsTo('views.open')).toHaveLength(1);
  });

  it('rejects at once, as WebClient’s request error, when Slack cannot be reached', async () => {
    const unreachable = new WebClient('xoxb-open-view-test', { ...slackApiOptions('http://127.0.0.1:9/api/'), logLevel: LogLevel.ERROR });
    const error = (await openView(unreachable, { trigger_id: '1.2.down', view }).catch((caught: unknown) => caught)) as {
      code: string;
      original: { cause?: { code?: string } };
    };
    expect(error.code).toBe(ErrorCode.RequestError);
    expect(error.original.cause?.code).toBe('ECONNREFUSED');
  });
});
