import { DateTime } from 'luxon';
import { BookingRequest } from '../../../src/domain/bookings/BookingRequest';
import { Interview } from '../../../src/domain/interviews/Interview';
import { describeOnEachDatabase, type TestDatabase } from '../../requirements/eachDatabase';
import { scheduleOtherInterview } from '../../support/otherInterviews';
import { buttonClickPayload, interactionBody, postToSlackEndpoint, viewSubmissionPayload } from '../../support/signedSlackRequests';
import { eventually, TEST_SIGNING_SECRET } from '../../support/testApplication';
import { startSlackHarness, type ScheduleModalValues, type SlackHarness } from './slackTestHarness';

const HOUR = 3_600_000;
const MINUTE = 60_000;

interface ModalAnswer {
  response_action?: string;
  errors?: Record<string, string>;
}

interface LoopJson {
  id: string;
  status: string;
  startsAt: string;
  sessions: Array<{ id: string; scheduledTime: string; interviewLink: string }>;
}

describeOnEachDatabase('interview plans from Slack: pools in the modal, loops rescheduled from their message', (openDatabase) => {
  let database: TestDatabase;
  let harness: SlackHarness;
  let day = 2;
  let people = 0;

  beforeAll(async () => {
    database = await openDatabase();
    harness = await startSlackHarness(database.env);
    harness.slack.setUser('U0RECRUIT', { tz: 'America/New_York', real_name: 'Rita Recruiter' });
  });
  afterAll(async () => {
    await harness?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    await harness.settle();
    harness.slack.reset();
  });

  /** A fresh Slack user with a name, so no test sees another's interviews. */
  const slackPerson = (name: string) => {
    const id = `U0${name.toUpperCase()}${(people += 1)}`;
    harness.slack.setUser(id, { tz: 'Europe/London', real_name: `${name} Person` });
    return id;
  };
  /** 10:00 UTC on a day of its own, some days ahead. */
  const nextDay = () => new Date(Math.ceil(Date.now() / (24 * HOUR)) * 24 * HOUR + (day += 1) * 24 * HOUR + 10 * HOUR);
  const seconds = (instant: Date) => instant.getTime() / 1000;

  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${harness.app.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  /** Another interview of these people, made over the API. */
  const interviewAt = (startsAt: Date, interviewers: string[]) => scheduleOtherInterview(harness.app.url, startsAt, interviewers);

  const submit = async (values: ScheduleModalValues, options: { viewId?: string; channelId?: string } = {}) => {
    const response = await harness.submitScheduleModal({ duration: '45', ...values }, options);
    expect(response.status).toBe(200);
    return response.text === '' ? null : (response.json() as ModalAnswer);
  };
  const storedFor = (email: string) => harness.app.database.read((manager) => manager.findBy(Interview, { candidateEmail: email }));

  describe('pools in the /schedule-interview modal', () => {
    it('offers "Or any of these people" and "How many of them" (1 to 3, 1 to start with), inside Slack’s limits', async () => {
      await harness.command({ trigger_id: '1111.2222.pool', text: 'pool-form@example.com' });
      const opened = await eventually(() => harness.slack.callsTo('views.open')[0], 'views.open');
      const update = await eventually(() => harness.slack.callsTo('views.update').at(-1), 'the filled-in modal');
      for (const view of [opened.args.view, update.args.view] as Array<{ blocks: Array<Record<string, unknown>> }>) {
        expect(view.blocks.length).toBeLessThanOrEqual(100);
        expect(Buffer.byteLength(JSON.stringify(view))).toBeLessThan(250_000);
        const ids = view.blocks.map((block) => block.block_id);
        expect(ids.indexOf('interviewer_pool')).toBe(ids.indexOf('interviewers') + 1);
        expect(view.blocks.find((block) => block.block_id === 'interviewer_pool')).toMatchObject({
          optional: true,
          label: { text: 'Or any of these people (the app picks the least busy)' },
          element: { type: 'multi_users_select', action_id: 'interviewer_pool' },
        });
        expect(view.blocks.find((block) => block.block_id === 'interviewer_pool_count')).toMatchObject({
          label: { text: 'How many of them' },
          element: {
            type: 'static_select',
            options: [{ value: '1' }, { value: '2' }, { value: '3' }],
            initial_option: { value: '1' },
          },
        });
      }
    });

    it('picks the pool member with the fewest interviews that week, and the channel message says whom it picked', async () => {
      const [named, busier, fairer] = [slackPerson('named'), slackPerson('busier'), slackPerson('fairer')];
      const at = nextDay();
      // The busier member has another interview the day after: the pool picks the other one.
      await interviewAt(new Date(at.getTime() + 24 * HOUR), [busier]);
      const answer = await submit(
        { name: 'Pool Candidate', email: 'pool-pick@example.com', interviewers: [named], pool: [busier, fairer], time: seconds(at) },
        { channelId: 'C0POOLS' },
      );
      expect(answer).toBeNull();
      const [stored] = await storedFor('pool-pick@example.com');
      expect(stored.interviewers.map((person) => person.slackUserId)).toEqual([named, fairer]);
      expect(stored.scheduledTime.getTime()).toBe(at.getTime());
      expect(stored.poolPicks).toEqual([
        {
          anyOf: [busier, fairer],
          count: 1,
          chosen: [expect.objectContaining({ interviewer: fairer, reason: 'fewest_interviews', interviewsNearby: 0 })],
        },
      ]);
      const posted = await eventually(
        () => harness.slack.callsTo('chat.postMessage').find((call) => call.args.channel === 'C0POOLS' && !call.args.thread_ts),
        'the channel message',
      );
      const message = JSON.stringify(posted.args.blocks);
      expect(message).toContain(`<@${fairer}> picked from <@${busier}>, <@${fairer}>: fewest interviews in the 7 days around`);
      expect(String(posted.args.text)).toContain('Pool Candidate');
    });

    it('picks as many as asked from the pool', async () => {
      const pool = [slackPerson('one'), slackPerson('two'), slackPerson('three')];
      const at = nextDay();
      await interviewAt(new Date(at.getTime() - 2 * HOUR), [pool[0]]);
      expect(await submit({ name: 'Two Picked', email: 'pool-two@example.com', pool, poolCount: '2', time: seconds(at) })).toBeNull();
      const [stored] = await storedFor('pool-two@example.com');
      expect(stored.interviewers.map((person) => person.slackUserId)).toEqual([pool[1], pool[2]]);
    });

    it('uses the default time, about an hour from now, when the time is left empty', async () => {
      const pool = [slackPerson('soon'), slackPerson('later')];
      const before = Date.now();
      expect(await submit({ name: 'Default Time', email: 'pool-default@example.com', pool, time: null })).toBeNull();
      const [stored] = await storedFor('pool-default@example.com');
      expect(stored.scheduledTime.getTime()).toBeGreaterThanOrEqual(before + 60 * MINUTE);
      expect(stored.scheduledTime.getTime()).toBeLessThanOrEqual(Date.now() + 65 * MINUTE);
      expect(stored.poolPicks).toEqual([{ anyOf: pool, count: 1, chosen: [expect.objectContaining({ interviewer: pool[0] })] }]);
    });

    it('shows a pool with nobody free under the time, naming who is busy, stores nothing; sent again unchanged, it goes ahead', async () => {
      const [ann, bob] = [slackPerson('ann'), slackPerson('bob')];
      const at = nextDay();
      await interviewAt(at, [ann]);
      await interviewAt(new Date(at.getTime() + 15 * MINUTE), [bob]);
      const values = { name: 'Busy Pool', email: 'pool-busy@example.com', pool: [ann, bob], time: seconds(at), timezone: 'UTC' };
      const answer = await submit(values, { viewId: 'V0BUSYPOOL' });
      expect(answer?.response_action).toBe('errors');
      expect(Object.keys(answer!.errors!)).toEqual(['scheduled_time']);
      expect(answer!.errors!.scheduled_time).toContain('ann Person 10:00–10:45');
      expect(answer!.errors!.scheduled_time).toContain('bob Person 10:15–10:45');
      expect(answer!.errors!.scheduled_time).toContain('press Schedule again to schedule anyway');
      expect(await storedFor('pool-busy@example.com')).toEqual([]);

      expect(await submit(values, { viewId: 'V0BUSYPOOL' })).toBeNull();
      const [stored] = await storedFor('pool-busy@example.com');
      expect(stored.poolPicks![0].chosen[0].reason).toBe('conflicts_allowed');
    });

    it('refuses a person both named and in the pool, on the pool’s field, storing nothing', async () => {
      const [cat, dan] = [slackPerson('cat'), slackPerson('dan')];
      const answer = await submit({
        name: 'Twice',
        email: 'pool-twice@example.com',
        interviewers: [cat],
        pool: [cat, dan],
        time: seconds(nextDay()),
      });
      expect(answer).toEqual({
        response_action: 'errors',
        errors: { interviewer_pool: `${cat} is already on this panel: name each person once.` },
      });
      expect(await storedFor('pool-twice@example.com')).toEqual([]);
    });

    it('refuses more of them than the pool has, on "How many of them", storing nothing', async () => {
      const eve = slackPerson('eve');
      const tooMany = await submit({
        name: 'Too Many',
        email: 'pool-count@example.com',
        pool: [eve],
        poolCount: '2',
        time: seconds(nextDay()),
      });
      expect(tooMany).toEqual({
        response_action: 'errors',
        errors: { interviewer_pool_count: 'count is 2, but the pool has only 1 person.' },
      });
      const nobody = await submit({ name: 'Too Many', email: 'pool-count@example.com', poolCount: '3', time: seconds(nextDay()) });
      expect(nobody).toEqual({
        response_action: 'errors',
        errors: { interviewer_pool_count: 'Pick at least 3 people above to choose 3 from, or set this back to 1.' },
      });
      expect(await storedFor('pool-count@example.com')).toEqual([]);
    });

    it('passes a pool on a booking link to the booking request as the API body does, and answers as the API does', async () => {
      const [fay, gus] = [slackPerson('fay'), slackPerson('gus')];
      const body = (email: string) => ({
        candidateName: 'Link Candidate',
        candidateEmail: email,
        interviewers: [fay, { anyOf: [gus], count: 1 }],
        findTimes: {},
        durationMinutes: 45,
        timezone: 'Europe/Berlin',
        channelId: 'C0POOLS',
      });
      const byApi = await api('POST', '/api/booking-requests', body('pool-link-api@example.com'));
      const answer = await submit(
        {
          name: 'Link Candidate',
          email: 'pool-link@example.com',
          interviewers: [fay],
          pool: [gus],
          offeredSlotIds: ['free_times'],
          time: null,
        },
        { channelId: 'C0POOLS' },
      );
      const requests = await harness.app.database.read((manager) =>
        manager.countBy(BookingRequest, { candidateEmail: 'pool-link@example.com' }),
      );
      if (byApi.status === 201) {
        expect(answer).toBeNull();
        expect(requests).toBe(1);
      } else {
        // The domain refuses a pool here: its own words are shown on the pool's field, nothing stored.
        const refusal = (await byApi.json()) as { error: { fields?: Record<string, string>; message: string } };
        expect(answer?.response_action).toBe('errors');
        expect(Object.keys(answer!.errors!)).toEqual(['interviewer_pool']);
        expect([...Object.values(refusal.error.fields ?? {}), refusal.error.message]).toContain(answer!.errors!.interviewer_pool);
        expect(requests).toBe(0);
      }
    });
  });

  describe('Reschedule loop on a loop’s message', () => {
    async function bookLoop(candidateEmail: string, channelId: string, looper: string): Promise<{ loop: LoopJson; second: string }> {
      const second = slackPerson('second');
      const response = await api('POST', '/api/interviews', {
        candidateName: 'Loop Candidate',
        candidateEmail,
        channelId,
        scheduledTime: nextDay().toISOString(),
        sessions: [
          { title: 'Coding', durationMinutes: 45, interviewers: [looper] },
          { title: 'Design', durationMinutes: 45, interviewers: [second] },
        ],
      });
      expect(response.status).toBe(201);
      const loop = (await response.json()) as LoopJson;
      await eventually(
        () => harness.slack.callsTo('chat.postMessage').find((call) => call.args.channel === channelId && !call.args.thread_ts),
        'the loop message',
      );
      await harness.settle();
      return { loop, second };
    }

    const readLoop = async (id: string) => (await (await api('GET', `/api/loops/${id}`)).json()) as LoopJson;

    /** Clicks Reschedule loop and returns the modal it opened. */
    async function openRescheduleModal(loop: LoopJson, userId: string, channelId: string) {
      const click = await harness.interact(
        buttonClickPayload({
          actionId: 'reschedule_loop',
          value: loop.id,
          userId,
          channelId,
          responseUrl: harness.slack.responseUrl('loop'),
        }),
      );
      expect(click.status).toBe(200);
      const opened = await eventually(
        () =>
          harness.slack.callsTo('views.open').find((call) => (call.args.view as { callback_id: string }).callback_id === 'reschedule_loop'),
        'the reschedule loop modal',
      );
      return opened.args.view as {
        private_metadata: string;
        blocks: Array<{ block_id?: string; element?: { initial_date_time?: number } }>;
      };
    }

    const submitNewStart = async (modal: { private_metadata: string }, userId: string, startsAt: Date, viewId?: string) => {
      const response = await postToSlackEndpoint(
        harness.app.url,
        interactionBody(
          viewSubmissionPayload({
            callbackId: 'reschedule_loop',
            userId,
            viewId,
            privateMetadata: modal.private_metadata,
            values: { loop_new_start: { loop_new_start: { type: 'datetimepicker', selected_date_time: seconds(startsAt) } } },
          }),
        ),
        { signingSecret: TEST_SIGNING_SECRET },
      );
      expect(response.status).toBe(200);
      return response.text === '' ? null : (response.json() as ModalAnswer);
    };

    it('opens a modal with the first start; submitted, every session moves with its link kept and the message is redrawn', async () => {
      const looper = slackPerson('looper');
      const { loop } = await bookLoop('loop-slack-move@example.com', 'C0LOOPSLACK', looper);
      const posted = harness.slack.callsTo('chat.postMessage').find((call) => call.args.channel === 'C0LOOPSLACK' && !call.args.thread_ts)!;
      expect(JSON.stringify(posted.args.blocks)).toContain('"action_id":"reschedule_loop"');

      const modal = await openRescheduleModal(loop, looper, 'C0LOOPSLACK');
      expect(modal.blocks.find((block) => block.block_id === 'loop_new_start')?.element?.initial_date_time).toBe(
        seconds(new Date(loop.startsAt)),
      );
      const newStart = new Date(new Date(loop.startsAt).getTime() + 26 * HOUR);
      day += 2; // the next tests' days stay clear of the moved loop
      const since = Date.now();
      expect(await submitNewStart(modal, looper, newStart)).toBeNull();

      const moved = await readLoop(loop.id);
      expect(moved.sessions.map((session) => new Date(session.scheduledTime).getTime())).toEqual(
        loop.sessions.map((session) => new Date(session.scheduledTime).getTime() + 26 * HOUR),
      );
      expect(moved.sessions.map((session) => session.interviewLink)).toEqual(loop.sessions.map((session) => session.interviewLink));
      const redrawn = await eventually(
        () => harness.slack.calls.find((call) => call.at >= since && call.method === 'chat.update' && call.args.channel === 'C0LOOPSLACK'),
        'the loop message redrawn',
      );
      expect(JSON.stringify(redrawn.args.blocks)).toContain(`<!date^${seconds(newStart)}^`);
      await eventually(() => harness.sendGrid.mailTo('loop-slack-move@example.com').length === 2, 'the one update email');
    });

    it('shows someone busy at the new time under the time, and a past time too, moving nothing; the same form then takes a free time', async () => {
      const looper = slackPerson('looper');
      const { loop, second } = await bookLoop('loop-slack-busy@example.com', 'C0LOOPBUSY', looper);
      const modal = await openRescheduleModal(loop, looper, 'C0LOOPBUSY');
      const newStart = new Date(new Date(loop.startsAt).getTime() + 2 * HOUR);
      // The second session would start 45 minutes after the new first start: its interviewer has another interview then.
      await interviewAt(new Date(newStart.getTime() + 45 * MINUTE), [second]);
      harness.slack.reset();

      // Slack shows the recruiter's date picker in their own zone; the clash is said in it too.
      harness.slack.setUser(looper, { tz: 'Asia/Tokyo', real_name: 'looper Person' });
      const busy = await submitNewStart(modal, looper, newStart, 'V0LOOPBUSY');
      expect(busy?.response_action).toBe('errors');
      expect(Object.keys(busy!.errors!)).toEqual(['loop_new_start']);
      const busyFromInTokyo = DateTime.fromJSDate(new Date(newStart.getTime() + 45 * MINUTE), { zone: 'Asia/Tokyo' }).toFormat('HH:mm');
      expect(busy!.errors!.loop_new_start).toMatch(
        new RegExp(`^Busy then \\(times in Asia/Tokyo\\): second Person ${busyFromInTokyo}–\\d\\d:\\d\\d\\. Pick another time\\.$`),
      );

      const past = await submitNewStart(modal, looper, new Date(Date.now() - 3 * HOUR), 'V0LOOPBUSY');
      expect(past?.response_action).toBe('errors');
      expect(Object.keys(past!.errors!)).toEqual(['loop_new_start']);

      expect((await readLoop(loop.id)).sessions.map((session) => session.scheduledTime)).toEqual(
        loop.sessions.map((session) => session.scheduledTime),
      );
      await harness.settle();
      expect(harness.slack.callsTo('chat.update')).toEqual([]);
      expect(harness.sendGrid.mailTo('loop-slack-busy@example.com')).toHaveLength(1);

      const free = new Date(newStart.getTime() + 3 * HOUR);
      expect(await submitNewStart(modal, looper, free, 'V0LOOPBUSY')).toBeNull();
      expect(new Date((await readLoop(loop.id)).startsAt).getTime()).toBe(free.getTime());
    });

    it('tells someone who is not on the loop, privately, and opens nothing', async () => {
      const { loop } = await bookLoop('loop-slack-stranger@example.com', 'C0LOOPSTRANGER', slackPerson('looper'));
      await harness.interact(
        buttonClickPayload({
          actionId: 'reschedule_loop',
          value: loop.id,
          userId: 'U0STRANGER',
          channelId: 'C0LOOPSTRANGER',
          responseUrl: harness.slack.responseUrl('stranger'),
        }),
      );
      const told = await eventually(() => harness.slack.callsTo('response_url')[0], 'the private refusal');
      expect(String(told.args.text)).toContain('Only the person who scheduled this loop and its interviewers can change it.');
      expect(harness.slack.callsTo('views.open')).toEqual([]);
    });
  });
});
