import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlackClashConfirmation } from '../../../src/db/entities/SlackClashConfirmation';
import { Interview } from '../../../src/domain/interviews/Interview';
import { CLASH_CONFIRMATION_MS } from '../../../src/slack/listeners/views/calendarClashes';
import { describeOnEachDatabase, type TestDatabase } from '../../requirements/eachDatabase';
import { googleCalendarEnv } from '../../support/calendarProviderEnv';
import { FakeGoogleApis } from '../../support/fakeGoogleApis';
import { interactionBody, postToSlackEndpoint, viewSubmissionPayload } from '../../support/signedSlackRequests';
import { movableClock, TEST_SIGNING_SECRET } from '../../support/testApplication';
import { hoursFromNowInSeconds, startSlackHarness, type ScheduleModalValues, type SlackHarness } from './slackTestHarness';

/** A whole hour two days ahead; Ada's calendar is busy then. */
const BUSY_AT = hoursFromNowInSeconds(48);

interface ModalAnswer {
  response_action?: string;
  errors?: Record<string, string>;
}

describeOnEachDatabase('“press Schedule again to schedule anyway” across two replicas on one database', (openDatabase) => {
  let database: TestDatabase;
  let folder: string;
  let google: FakeGoogleApis;
  let first: SlackHarness;
  let second: SlackHarness;
  const clock = movableClock();

  beforeAll(async () => {
    database = await openDatabase();
    folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-clashes-'));
    google = await FakeGoogleApis.start();
    google.addUser('ada@acme.test', {
      busy: [{ start: new Date(BUSY_AT * 1000).toISOString(), end: new Date((BUSY_AT + 3600) * 1000).toISOString() }],
    });
    google.addUser('rita@acme.test');
    const env = {
      DATABASE_URL: database.env.DATABASE_URL ?? `sqlite:${join(folder, 'interviews.sqlite')}`,
      ...googleCalendarEnv(google),
      WORKING_HOURS: 'Mon-Sun 00:00-24:00',
    };
    // One after the other: the first brings the schema up to date, the second finds it so.
    first = await startSlackHarness(env, { now: clock.now });
    second = await startSlackHarness(env, { now: clock.now });
    for (const harness of [first, second]) {
      harness.slack.setUser('U0RECRUIT', { tz: 'UTC', real_name: 'Rita Recruiter', email: 'rita@acme.test' });
      harness.slack.setUser('U0ADA', { tz: 'UTC', real_name: 'Ada Lovelace', email: 'ada@acme.test' });
    }
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await google?.close();
    await database?.drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const interviewsOf = (email: string) => first.app.database.read((manager) => manager.countBy(Interview, { candidateEmail: email }));
  const submit = async (harness: SlackHarness, values: ScheduleModalValues, viewId: string) => {
    const response = await harness.submitScheduleModal(values, { viewId });
    expect(response.status).toBe(200);
    return response.text === '' ? null : (response.json() as ModalAnswer);
  };
  const expectRefusedForClash = (answer: ModalAnswer | null) => {
    expect(answer?.response_action).toBe('errors');
    expect(answer?.errors?.scheduled_time).toContain('press Schedule again to schedule anyway');
  };

  it('schedules on the second replica the unchanged form the first refused for a clash', async () => {
    const values = { name: 'Jane Doe', email: 'across@example.com', interviewers: ['U0ADA'], time: BUSY_AT, timezone: 'UTC' };
    expectRefusedForClash(await submit(first, values, 'V0ACROSS'));
    expect(await interviewsOf('across@example.com')).toBe(0);

    expect(await submit(second, values, 'V0ACROSS')).toBeNull();
    expect(await interviewsOf('across@example.com')).toBe(1);
  });

  it('refuses again on the second replica a form changed since the first refused it, and that one goes ahead on the first', async () => {
    const values = { name: 'Jane Doe', email: 'changed@example.com', interviewers: ['U0ADA'], time: BUSY_AT, timezone: 'UTC' };
    expectRefusedForClash(await submit(first, values, 'V0CHANGED'));

    const changed = { ...values, notes: 'Bring a laptop' };
    expectRefusedForClash(await submit(second, changed, 'V0CHANGED'));
    expect(await interviewsOf('changed@example.com')).toBe(0);

    expect(await submit(first, changed, 'V0CHANGED')).toBeNull();
    expect(await interviewsOf('changed@example.com')).toBe(1);
  });

  it('moves an interview from the reschedule form on the second replica after the first refused it for a clash', async () => {
    expect(
      await submit(first, { name: 'Jane Doe', email: 'move@example.com', interviewers: ['U0ADA'], time: BUSY_AT + 4 * 3600 }, 'V0MOVEME'),
    ).toBeNull();
    const interview = await first.app.database.read((manager) =>
      manager.findOneByOrFail(Interview, { candidateEmail: 'move@example.com' }),
    );
    const reschedule = async (harness: SlackHarness) => {
      const response = await postToSlackEndpoint(
        harness.app.url,
        interactionBody(
          viewSubmissionPayload({
            callbackId: 'reschedule_interview',
            viewId: 'V0MOVEACROSS',
            privateMetadata: JSON.stringify({ interviewId: interview.id }),
            values: { new_time: { new_time: { type: 'datetimepicker', selected_date_time: BUSY_AT } } },
          }),
        ),
        { signingSecret: TEST_SIGNING_SECRET },
      );
      return response.text === '' ? null : (response.json() as ModalAnswer);
    };
    const refused = await reschedule(first);
    expect(refused?.errors?.new_time).toContain('Ada Lovelace');
    expect(await reschedule(second)).toBeNull();
    const after = await first.app.database.read((manager) => manager.findOneByOrFail(Interview, { id: interview.id }));
    expect(after.scheduledTime.getTime()).toBe(BUSY_AT * 1000);
  });

  // Last: it moves the replicas' shared clock ahead.
  it('forgets a refused form after 30 minutes, and deletes the refusals that expired', async () => {
    const values = { name: 'Jane Doe', email: 'late@example.com', interviewers: ['U0ADA'], time: BUSY_AT, timezone: 'UTC' };
    expectRefusedForClash(await submit(first, values, 'V0LATE'));

    clock.moveAhead(CLASH_CONFIRMATION_MS + 1000);
    expectRefusedForClash(await submit(second, values, 'V0LATE'));
    expect(await interviewsOf('late@example.com')).toBe(0);

    // That refusal deleted every one that had expired: only its own is left.
    const kept = await second.app.database.read((manager) => manager.find(SlackClashConfirmation));
    expect(kept.map((row) => row.formKey.split(':')[0])).toEqual(['V0LATE']);
    expect(kept[0].expiresAt.getTime()).toBeGreaterThan(clock.now().getTime() + CLASH_CONFIRMATION_MS - 60_000);
    expect(kept[0].slackTeamId).toBe('T0FAKE');

    expect(await submit(first, values, 'V0LATE')).toBeNull();
    expect(await interviewsOf('late@example.com')).toBe(1);
  });
});
