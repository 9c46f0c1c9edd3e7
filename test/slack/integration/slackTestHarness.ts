import type { FormOpeningLimits } from '../../../src/slack/formOpeningQueue';
import type { Logger } from '../../../src/logging/logger';
import { FakeSendGridApi } from '../../support/fakeSendGridApi';
import { FakeSlackWebApi } from '../../support/fakeSlackWebApi';
import { interactionBody, postToSlackEndpoint, slashCommandBody, viewSubmissionPayload } from '../../support/signedSlackRequests';
import {
  outboxSettled,
  startTestApplication,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
  type TestApplication,
} from '../../support/testApplication';

export interface SlackHarness {
  app: TestApplication;
  slack: FakeSlackWebApi;
  sendGrid: FakeSendGridApi;
  command(
    fields?: Record<string, string>,
    options?: { timestampSeconds?: number; signature?: string },
  ): ReturnType<typeof postToSlackEndpoint>;
  submitScheduleModal(
    values: ScheduleModalValues,
    options?: { viewId?: string; userId?: string; channelId?: string },
  ): ReturnType<typeof postToSlackEndpoint>;
  interact(payload: unknown): ReturnType<typeof postToSlackEndpoint>;
  /**
   * Waits until the outbox has nothing in flight or due within a second, so one test's deliveries
   * do not spill into the next: 5 s at most, unless told.
   */
  settle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface ScheduleModalValues {
  name?: string;
  email?: string;
  role?: string;
  interviewers?: string[];
  /** "Or any of these people": a pool the app picks from. */
  pool?: string[];
  /** "How many of them" (1–3); the modal starts at 1. */
  poolCount?: string;
  /** Unix seconds, as the datetimepicker sends it. */
  time?: number | null;
  slotId?: string;
  /** Slots picked under "Let the candidate choose from". */
  offeredSlotIds?: string[];
  duration?: string;
  timezone?: string;
  notes?: string;
}

/** The running app with Slack over HTTP, a fake Slack Web API and a fake SendGrid. */
export async function startSlackHarness(
  env: Record<string, string> = {},
  options: { logger?: Logger; now?: () => Date; formOpeningLimits?: FormOpeningLimits } = {},
): Promise<SlackHarness> {
  const slack = await FakeSlackWebApi.start();
  const sendGrid = await FakeSendGridApi.start();
  const app = await startTestApplication({
    env: {
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      SENDGRID_API_KEY: sendGrid.apiKey,
      SENDGRID_API_URL: sendGrid.url,
      MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
      PUBLIC_BASE_URL: 'https://hire.acme.example',
      ...env,
    },
    logger: options.logger,
    now: options.now,
    formOpeningLimits: options.formOpeningLimits,
  });
  const post = (body: string, options: { timestampSeconds?: number; signature?: string } = {}) =>
    postToSlackEndpoint(app.url, body, { signingSecret: TEST_SIGNING_SECRET, ...options });
  return {
    app,
    slack,
    sendGrid,
    command: (fields = {}, options = {}) => post(slashCommandBody(fields), options),
    submitScheduleModal: (values, options = {}) =>
      post(
        interactionBody(
          viewSubmissionPayload({
            callbackId: 'schedule_interview',
            viewId: options.viewId,
            userId: options.userId,
            privateMetadata: JSON.stringify({ channelId: options.channelId ?? 'C0CHANNEL', teamId: 'T0FAKE' }),
            values: scheduleModalState(values),
          }),
        ),
      ),
    interact: (payload) => post(interactionBody(payload)),
    settle: (timeoutMs = 5000) => outboxSettled(app.database, timeoutMs, app.context.now),
    close: async () => {
      await app.close();
      await slack.close();
      await sendGrid.close();
    },
  };
}

/** The modal's `state.values`, in the shapes Slack sends for each element type. */
export function scheduleModalState(values: ScheduleModalValues): Record<string, Record<string, unknown>> {
  const select = (value: string | undefined) =>
    value
      ? { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } }
      : { type: 'static_select', selected_option: null };
  const state: Record<string, Record<string, unknown>> = {
    candidate_name: { candidate_name: { type: 'plain_text_input', value: values.name ?? null } },
    candidate_email: { candidate_email: { type: 'email_text_input', value: values.email ?? null } },
    role: { role: { type: 'plain_text_input', value: values.role ?? null } },
    interviewers: { interviewers: { type: 'multi_users_select', selected_users: values.interviewers ?? [] } },
    interviewer_pool: { interviewer_pool: { type: 'multi_users_select', selected_users: values.pool ?? [] } },
    interviewer_pool_count: { interviewer_pool_count: select(values.poolCount ?? '1') },
    scheduled_time: { scheduled_time: { type: 'datetimepicker', selected_date_time: values.time ?? null } },
    duration: { duration: select(values.duration ?? '45') },
    candidate_timezone: { candidate_timezone: select(values.timezone ?? 'Europe/Berlin') },
    notes: { notes: { type: 'plain_text_input', value: values.notes ?? null } },
  };
  if (values.slotId !== undefined) state.slot = { slot: select(values.slotId) };
  if (values.offeredSlotIds !== undefined) {
    state.offered_slots = {
      offered_slots: {
        type: 'multi_static_select',
        selected_options: values.offeredSlotIds.map((value) => ({ text: { type: 'plain_text', text: value }, value })),
      },
    };
  }
  return state;
}

/** Unix seconds for a whole hour `days` from now, as a datetimepicker would send. */
export function hoursFromNowInSeconds(hours: number): number {
  return Math.ceil(Date.now() / 3_600_000) * 3600 + hours * 3600;
}
