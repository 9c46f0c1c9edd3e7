import fc from 'fast-check';
import { DeliveryJob, DeliveryKind } from '../../src/domain/deliveries/DeliveryJob';
import { Interview } from '../../src/domain/interviews/Interview';
import { interactionBody, postToSlackEndpoint, viewSubmissionPayload } from '../support/signedSlackRequests';
import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';
import { TEST_SIGNING_SECRET } from '../support/testApplication';
import { startSlackHarness, type SlackHarness } from '../slack/integration/slackTestHarness';

let harness: SlackHarness;

/** Every stored interview is whole: a key, a link, and its invitation queued with it. */
async function expectNoHalfCreatedRows() {
  const { interviews, invitations } = await harness.app.database.read(async (manager) => ({
    interviews: await manager.find(Interview),
    invitations: await manager.countBy(DeliveryJob, { kind: DeliveryKind.CandidateInvitation }),
  }));
  for (const interview of interviews) {
    expect(interview.sessionKey).toMatch(/^[0-9a-f]{32}$/);
    expect(interview.joinLink).toContain(interview.sessionKey);
  }
  expect(invitations).toBeGreaterThanOrEqual(interviews.length);
  const orphans = await harness.app.database.read((manager) =>
    manager.query<Array<{ count: string | number }>>(
      `SELECT COUNT(*) AS "count" FROM "interview" i WHERE NOT EXISTS (SELECT 1 FROM "delivery_job" j WHERE j."interviewId" = i."id" AND j."kind" = 'candidate_invitation')`,
    ),
  );
  expect(Number(orphans[0].count)).toBe(0);
}

const plausibleField = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(
    '',
    ' ',
    '\r\nBcc: x@evil.example',
    '<!channel>',
    '<script>alert(1)</script>',
    'jane@example.com',
    'a@b',
    'U0ADA',
    'C0CHANNEL',
    'Europe/Berlin',
    'Mars/Base',
  ),
  fc.constantFrom(
    '\u0000',
    'Jane\u0000Doe',
    'ja\u0000ne@example.com',
    '\ud800',
    'Eve \u202eeoD',
    '-271821-04-20T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '2027-03-14T02:30',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.emailAddress(),
  fc.date({ noInvalidDate: false }).map((date) => (Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString())),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 25 }),
  fc.dictionary(fc.string(), fc.string()),
);

const interviewBody = fc.oneof(
  fc.record(
    {
      candidateName: plausibleField,
      candidateEmail: plausibleField,
      role: plausibleField,
      scheduledTime: plausibleField,
      slotId: plausibleField,
      durationMinutes: plausibleField,
      timezone: plausibleField,
      interviewers: plausibleField,
      channelId: plausibleField,
      notes: plausibleField,
      meetingUrl: plausibleField,
    },
    { requiredKeys: [] },
  ),
  fc.anything().map((value) => JSON.stringify(value) ?? 'null'),
  fc.string(),
);

describeOnEachDatabase('hostile input', (openDatabase) => {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await openDatabase();
    harness = await startSlackHarness(database.env);
  }, 30_000);
  afterAll(async () => {
    await harness?.close();
    await database?.drop();
  });

  describe('hostile input to POST /api/interviews', () => {
    it('answers thousands of generated bodies with a clear 4xx or a creation, never a 500, and stores nothing half-made', async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(interviewBody, async (body) => {
          const response = await fetch(`${harness.app.url}/api/interviews`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: typeof body === 'string' ? body : JSON.stringify(body),
          });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const answer = (await response.json()) as { error?: { code: string; message: string } };
          if (response.status === 201) return;
          expect([400, 409, 413]).toContain(response.status);
          expect(answer.error?.message).toEqual(expect.any(String));
        }),
        { numRuns: 2000 },
      );
      expect(statuses.get(400)).toBeGreaterThan(100);
      expect((await fetch(`${harness.app.url}/healthz`)).status).toBe(200);
      await expectNoHalfCreatedRows();
    }, 120_000);
  });

  describe('hostile input to the scheduling modal', () => {
    const stateValue = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.constant(null),
      fc.emailAddress(),
      fc.constantFrom('<!here>', 'x\r\ny', '9'.repeat(20)),
    );
    const submission = fc.record({
      name: stateValue,
      email: stateValue,
      role: stateValue,
      time: fc.oneof(
        fc.constant(null),
        fc.integer(),
        fc.integer({ min: Math.floor(Date.now() / 1000), max: Math.floor(Date.now() / 1000) + 400 * 86_400 }),
      ),
      duration: fc.oneof(fc.constantFrom('15', '45', '0', '-5', 'abc', '100000'), fc.string()),
      timezone: fc.oneof(fc.constantFrom('Europe/Berlin', 'UTC', 'Nowhere/Land'), fc.string()),
      interviewers: fc.array(fc.oneof(fc.constantFrom('U0ADA', 'W0BOB'), fc.string()), { maxLength: 30 }),
      metadata: fc.oneof(fc.constant(JSON.stringify({ channelId: 'C0FUZZ' })), fc.string(), fc.constant('{"channelId":"#general"}')),
    });

    it('answers generated submissions with field errors or a closed modal, never a 500', async () => {
      await fc.assert(
        fc.asyncProperty(submission, async (values) => {
          const payload = viewSubmissionPayload({
            callbackId: 'schedule_interview',
            privateMetadata: values.metadata,
            values: {
              candidate_name: { candidate_name: { type: 'plain_text_input', value: values.name } },
              candidate_email: { candidate_email: { type: 'email_text_input', value: values.email } },
              role: { role: { type: 'plain_text_input', value: values.role } },
              interviewers: { interviewers: { type: 'multi_users_select', selected_users: values.interviewers } },
              scheduled_time: { scheduled_time: { type: 'datetimepicker', selected_date_time: values.time } },
              duration: { duration: { type: 'static_select', selected_option: { value: values.duration } } },
              candidate_timezone: { candidate_timezone: { type: 'static_select', selected_option: { value: values.timezone } } },
            },
          });
          const response = await postToSlackEndpoint(harness.app.url, interactionBody(payload), { signingSecret: TEST_SIGNING_SECRET });
          expect(response.status).toBe(200);
          if (response.text === '') return;
          const answer = response.json() as { response_action: string; errors: Record<string, string> };
          expect(answer.response_action).toBe('errors');
          expect(Object.keys(answer.errors).length).toBeGreaterThan(0);
          expect(answer.errors.candidate_name ?? '').not.toMatch(/Something went wrong/);
        }),
        { numRuns: 400 },
      );
      expect((await fetch(`${harness.app.url}/healthz`)).status).toBe(200);
      await expectNoHalfCreatedRows();
    }, 120_000);
  });
});
