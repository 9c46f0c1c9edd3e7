import { randomBytes } from 'node:crypto';
import { Interview } from '../../../src/domain/interviews/Interview';
import { FakeSendGridApi } from '../../support/fakeSendGridApi';
import { FAKE_OAUTH_CLIENT, FakeSlackWebApi } from '../../support/fakeSlackWebApi';
import {
  buttonClickPayload,
  eventCallbackBody,
  interactionBody,
  postEventToSlackEndpoint,
  postToSlackEndpoint,
  slashCommandBody,
  viewSubmissionPayload,
} from '../../support/signedSlackRequests';
import { installThroughOAuth } from '../../support/slackOAuth';
import { eventually, outboxSettled, startTestApplication, TEST_SIGNING_SECRET, type TestApplication } from '../../support/testApplication';
import { hoursFromNowInSeconds, scheduleModalState, type ScheduleModalValues } from './slackTestHarness';

export const TEST_STATE_SECRET = 'test-state-secret-0123456789abcdef';

/** A fresh 32-byte key in base64, as `openssl rand -base64 32` writes one. */
export function newTokenKey(): string {
  return randomBytes(32).toString('base64');
}

/** The environment of multi-workspace mode, against the fakes. */
export function multiWorkspaceEnv(slack: FakeSlackWebApi, sendGrid: FakeSendGridApi, tokenKey: string): Record<string, string> {
  return {
    SLACK_CLIENT_ID: FAKE_OAUTH_CLIENT.id,
    SLACK_CLIENT_SECRET: FAKE_OAUTH_CLIENT.secret,
    SLACK_STATE_SECRET: TEST_STATE_SECRET,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    TOKEN_ENCRYPTION_KEY: tokenKey,
    SLACK_API_URL: slack.url,
    SENDGRID_API_KEY: sendGrid.apiKey,
    SENDGRID_API_URL: sendGrid.url,
    MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
    PUBLIC_BASE_URL: 'https://hire.acme.example',
  };
}

/** The running app installable in any workspace, a fake Slack with workspaces to install it in, and a fake SendGrid. */
export interface MultiWorkspaceHarness {
  app: TestApplication;
  slack: FakeSlackWebApi;
  sendGrid: FakeSendGridApi;
  tokenKey: string;
  /** Installs the app in a workspace of the fake Slack through the OAuth pages; returns the success page. */
  install(teamId: string): Promise<{ response: Response; html: string }>;
  /** `/schedule-interview` typed in `teamId`. */
  command(teamId: string, fields?: Record<string, string>): ReturnType<typeof postToSlackEndpoint>;
  /** Submits the scheduling modal from `teamId`, for channel `channelId`; returns the interview it stored. */
  submitSchedule(teamId: string, channelId: string, values: ScheduleModalValues & { email: string }, userId?: string): Promise<Interview>;
  /** The same, and waits until the candidate's invitation went out. */
  schedule(teamId: string, channelId: string, values: ScheduleModalValues & { email: string }, userId?: string): Promise<Interview>;
  /** A button on an interview's message, clicked by `userId` of `teamId`. */
  click(teamId: string, actionId: string, interviewId: string, userId: string): ReturnType<typeof postToSlackEndpoint>;
  interact(payload: unknown): ReturnType<typeof postToSlackEndpoint>;
  /** An Events API callback from `teamId`. */
  event(
    teamId: string,
    event: Record<string, unknown>,
    options?: { enterpriseId?: string; orgWide?: boolean },
  ): ReturnType<typeof postToSlackEndpoint>;
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startMultiWorkspaceHarness(
  options: { env?: Record<string, string>; tokenKey?: string; folder?: string } = {},
): Promise<MultiWorkspaceHarness> {
  const slack = await FakeSlackWebApi.start();
  const sendGrid = await FakeSendGridApi.start();
  const tokenKey = options.tokenKey ?? newTokenKey();
  const app = await startTestApplication({
    env: { ...multiWorkspaceEnv(slack, sendGrid, tokenKey), ...options.env },
    folder: options.folder,
  }).catch(async (error: unknown) => {
    await slack.close();
    await sendGrid.close();
    throw error;
  });
  const post = (body: string) => postToSlackEndpoint(app.url, body, { signingSecret: TEST_SIGNING_SECRET });
  const harness: MultiWorkspaceHarness = {
    app,
    slack,
    sendGrid,
    tokenKey,
    install: async (teamId) => installThroughOAuth(app.url, slack, teamId),
    // The documented example command comes from an Enterprise Grid workspace; these workspaces are in none.
    command: (teamId, fields = {}) =>
      post(slashCommandBody({ team_id: teamId, team_domain: teamId.toLowerCase(), enterprise_id: '', enterprise_name: '', ...fields })),
    submitSchedule: async (teamId, channelId, values, userId = 'U0RECRUIT') => {
      const response = await post(
        interactionBody(
          viewSubmissionPayload({
            callbackId: 'schedule_interview',
            teamId,
            userId,
            privateMetadata: JSON.stringify({ channelId, teamId }),
            values: scheduleModalState({ name: 'Jane Candidate', time: hoursFromNowInSeconds(48), ...values }),
          }),
        ),
      );
      if (response.text !== '') throw new Error(`The modal was not accepted: ${response.text}`);
      return app.database.read((manager) => manager.findOneByOrFail(Interview, { candidateEmail: values.email }));
    },
    schedule: async (teamId, channelId, values, userId) => {
      const interview = await harness.submitSchedule(teamId, channelId, values, userId);
      await eventually(() => sendGrid.mailTo(values.email).length > 0, `the invitation to ${values.email}`);
      return interview;
    },
    click: (teamId, actionId, interviewId, userId) =>
      post(
        interactionBody(
          buttonClickPayload({
            actionId,
            value: interviewId,
            userId,
            teamId,
            responseUrl: slack.responseUrl(`${actionId}-${teamId}-${userId}`),
          }),
        ),
      ),
    interact: (payload) => post(interactionBody(payload)),
    event: (teamId, event, eventOptions = {}) =>
      postEventToSlackEndpoint(app.url, eventCallbackBody(event, { teamId, ...eventOptions }), TEST_SIGNING_SECRET),
    settle: () => outboxSettled(app.database, 5000, app.context.now),
    close: async () => {
      await app.close();
      await slack.close();
      await sendGrid.close();
    },
  };
  return harness;
}
