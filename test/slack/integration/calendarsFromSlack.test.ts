import { BookingRequest } from '../../../src/domain/bookings/BookingRequest';
import { BookingRequestSlot } from '../../../src/domain/bookings/BookingRequestSlot';
import { Interview } from '../../../src/domain/interviews/Interview';
import { ClashConfirmations } from '../../../src/slack/listeners/views/calendarClashes';
import { FailureNotes } from '../../../src/slack/messages/failureNotes';
import { googleCalendarEnv } from '../../support/calendarProviderEnv';
import { FakeGoogleApis } from '../../support/fakeGoogleApis';
import { interactionBody, postToSlackEndpoint, slackSignature, viewSubmissionPayload } from '../../support/signedSlackRequests';
import { eventually, TEST_SIGNING_SECRET } from '../../support/testApplication';
import { hoursFromNowInSeconds, startSlackHarness, type SlackHarness } from './slackTestHarness';

let google: FakeGoogleApis;
let harness: SlackHarness;

/** A whole hour two days ahead, on a Slack datetimepicker's clock; Ada's calendar is busy then. */
const BUSY_AT = hoursFromNowInSeconds(48);

beforeAll(async () => {
  google = await FakeGoogleApis.start();
  google.addUser('ada@acme.test', {
    busy: [{ start: new Date(BUSY_AT * 1000).toISOString(), end: new Date((BUSY_AT + 3600) * 1000).toISOString() }],
  });
  google.addUser('rita@acme.test');
  harness = await startSlackHarness({ ...googleCalendarEnv(google), WORKING_HOURS: 'Mon-Sun 00:00-24:00' });
  harness.slack.setUser('U0RECRUIT', { tz: 'UTC', real_name: 'Rita Recruiter', email: 'rita@acme.test' });
  harness.slack.setUser('U0ADA', { tz: 'UTC', real_name: 'Ada Lovelace', email: 'ada@acme.test' });
  harness.slack.setUser('U0NOMAIL', { tz: 'UTC', real_name: 'Nemo', email: null });
});
afterAll(async () => {
  await harness?.close();
  await google?.close();
});

const interviewsOf = (email: string) => harness.app.database.read((manager) => manager.countBy(Interview, { candidateEmail: email }));

describe('the interviewers’ calendars from Slack', () => {
  it('refuses a typed time that clashes on the time field, naming who is busy, and schedules when the same form is sent again', async () => {
    const values = { name: 'Jane Doe', email: 'clash@example.com', interviewers: ['U0ADA'], time: BUSY_AT, timezone: 'UTC' };
    const first = await harness.submitScheduleModal(values, { viewId: 'V0CLASH' });
    const answer = first.json() as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(answer.errors.scheduled_time).toContain('Ada Lovelace');
    expect(answer.errors.scheduled_time).toContain('press Schedule again');
    expect(await interviewsOf('clash@example.com')).toBe(0);

    const again = await harness.submitScheduleModal(values, { viewId: 'V0CLASH' });
    expect(again.status).toBe(200);
    expect(again.text).toBe('');
    expect(await interviewsOf('clash@example.com')).toBe(1);
  });

  it('refuses a pool whose pick is busy by their calendar on the time field, and schedules when the same form is sent again', async () => {
    const values = { name: 'Jane Doe', email: 'pool-clash@example.com', pool: ['U0ADA'], time: BUSY_AT, timezone: 'UTC' };
    const first = await harness.submitScheduleModal(values, { viewId: 'V0POOLCLASH' });
    const answer = first.json() as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(answer.errors.scheduled_time).toContain('Ada Lovelace');
    expect(answer.errors.scheduled_time).toContain('press Schedule again');
    expect(await interviewsOf('pool-clash@example.com')).toBe(0);

    const again = await harness.submitScheduleModal(values, { viewId: 'V0POOLCLASH' });
    expect([again.status, again.text]).toEqual([200, '']);
    expect(await interviewsOf('pool-clash@example.com')).toBe(1);
  });

  it('answers a database outage while checking or remembering a clash as any outage: press again in a moment, nothing stored', async () => {
    const unavailable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const values = { name: 'Jane Doe', email: 'outage-clash@example.com', interviewers: ['U0ADA'], time: BUSY_AT, timezone: 'UTC' };
    const outageNote = { response_action: 'errors', errors: { candidate_name: FailureNotes.couldNotSaveNow } };

    // Refused for the clash, but the refusal could not be stored: pressing again would only be refused again.
    const remembering = jest.spyOn(ClashConfirmations.prototype, 'refusedForClash').mockRejectedValueOnce(unavailable());
    const notRemembered = await harness.submitScheduleModal(values, { viewId: 'V0OUTAGECLASH' });
    remembering.mockRestore();
    expect([notRemembered.status, notRemembered.json()]).toEqual([200, outageNote]);

    const refused = await harness.submitScheduleModal(values, { viewId: 'V0OUTAGECLASH' });
    expect((refused.json() as { errors: Record<string, string> }).errors.scheduled_time).toContain('press Schedule again');

    // Pressed again while the database is down: the same note, nothing scheduled.
    const checking = jest.spyOn(ClashConfirmations.prototype, 'confirmed').mockRejectedValueOnce(unavailable());
    const duringOutage = await harness.submitScheduleModal(values, { viewId: 'V0OUTAGECLASH' });
    checking.mockRestore();
    expect([duringOutage.status, duringOutage.json()]).toEqual([200, outageNote]);
    expect(await interviewsOf('outage-clash@example.com')).toBe(0);

    const again = await harness.submitScheduleModal(values, { viewId: 'V0OUTAGECLASH' });
    expect([again.status, again.text]).toEqual([200, '']);
    expect(await interviewsOf('outage-clash@example.com')).toBe(1);
  });

  it('schedules a loop over the API with a calendar provider set up, answering at once', async () => {
    const response = await fetch(`${harness.app.url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'loop-with-calendars' },
      body: JSON.stringify({
        candidateName: 'Jane Doe',
        candidateEmail: 'loop-calendar@example.com',
        scheduledTime: new Date((BUSY_AT + 12 * 3600) * 1000).toISOString(),
        sessions: [
          { title: 'Coding', durationMinutes: 45, interviewers: ['U0ADA'] },
          { title: 'Design', durationMinutes: 45, interviewers: [{ anyOf: ['U0RECRUIT'] }] },
        ],
      }),
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(201);
  });

  it('refuses moving an interview onto a clash from the reschedule form, and moves it when the same form is sent again', async () => {
    await harness.submitScheduleModal({ name: 'Jane Doe', email: 'move@example.com', interviewers: ['U0ADA'], time: BUSY_AT + 4 * 3600 });
    const interview = await harness.app.database.read((manager) =>
      manager.findOneByOrFail(Interview, { candidateEmail: 'move@example.com' }),
    );
    const submit = () =>
      postToSlackEndpoint(
        harness.app.url,
        interactionBody(
          viewSubmissionPayload({
            callbackId: 'reschedule_interview',
            viewId: 'V0MOVE',
            privateMetadata: JSON.stringify({ interviewId: interview.id }),
            values: { new_time: { new_time: { type: 'datetimepicker', selected_date_time: BUSY_AT } } },
          }),
        ),
        { signingSecret: TEST_SIGNING_SECRET },
      );
    const refused = (await submit()).json() as { response_action: string; errors: Record<string, string> };
    expect(refused.response_action).toBe('errors');
    expect(refused.errors.new_time).toContain('Ada Lovelace');
    const moved = await submit();
    expect(moved.text).toBe('');
    const after = await harness.app.database.read((manager) => manager.findOneByOrFail(Interview, { id: interview.id }));
    expect(after.scheduledTime.getTime()).toBe(BUSY_AT * 1000);
  });

  it('offers the candidate the chosen interviewers’ free times with no slot entered', async () => {
    const response = await harness.submitScheduleModal({
      name: 'Jane Doe',
      email: 'free@example.com',
      interviewers: ['U0ADA'],
      offeredSlotIds: ['free_times'],
      duration: '60',
    });
    expect(response.text).toBe('');
    const request = await harness.app.database.read((manager) =>
      manager.findOneByOrFail(BookingRequest, { candidateEmail: 'free@example.com' }),
    );
    const offered = await harness.app.database.read((manager) => manager.countBy(BookingRequestSlot, { bookingRequestId: request.id }));
    expect(offered).toBe(8);
  });

  it('says on App Home whether the person’s own calendar can be read, and why not', async () => {
    const openHome = async (user: string) => {
      const body = JSON.stringify({
        token: 'legacy',
        team_id: 'T0FAKE',
        api_app_id: 'A0FAKE',
        type: 'event_callback',
        event_id: `Ev0HOME${user}`,
        event_time: Math.floor(Date.now() / 1000),
        event: { type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: `${Date.now() / 1000}` },
      });
      const timestamp = Math.floor(Date.now() / 1000);
      await fetch(`${harness.app.url}/slack/events`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Slack-Request-Timestamp': String(timestamp),
          'X-Slack-Signature': slackSignature(body, TEST_SIGNING_SECRET, timestamp),
        },
        body,
      });
      const published = await eventually(
        () => harness.slack.callsTo('views.publish').find((call) => call.args.user_id === user),
        'the home view',
      );
      return JSON.stringify(published.args.view);
    };
    expect(await openHome('U0RECRUIT')).toContain('Your calendar can be read');
    const unreadable = await openHome('U0NOMAIL');
    expect(unreadable).toContain('Your calendar cannot be read');
    expect(unreadable).toContain('users:read.email');
  });
});
