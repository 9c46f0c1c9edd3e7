import * as ical from 'node-ical';
import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';
import { attachmentText, textPart } from '../support/fakeSendGridApi';
import { eventually } from '../support/testApplication';
import { scheduleOtherInterview } from '../support/otherInterviews';
import { startSlackHarness, type SlackHarness } from '../slack/integration/slackTestHarness';
import { buttonClickPayload } from '../support/signedSlackRequests';

const HOUR = 3_600_000;
const MINUTE = 60_000;

interface InterviewJson {
  id: string;
  scheduledTime: string;
  durationMinutes: number;
  interviewLink: string;
  interviewers: Array<{ email?: string; slackUserId?: string }>;
  loopId: string | null;
  sessionTitle: string | null;
  poolPicks: Array<{
    anyOf: string[];
    count: number;
    chosen: Array<{ interviewer: string; reason: string; interviewsNearby: number }>;
  }> | null;
}

interface LoopJson {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  sessions: InterviewJson[];
}

interface ErrorJson {
  error: { code: string; fields?: Record<string, string>; busy?: Array<{ interviewer: string; startsAt: string; endsAt: string }> };
}

describeOnEachDatabase('interview plans over the API: pools and loops', (openDatabase) => {
  let database: TestDatabase;
  let harness: SlackHarness;
  let day = 2;
  let people = 0;

  beforeAll(async () => {
    database = await openDatabase();
    harness = await startSlackHarness(database.env);
  });
  afterAll(async () => {
    await harness?.close();
    await database?.drop();
  });

  /** A fresh address, so no test sees another's interviews. */
  const person = (name: string) => `${name}.${(people += 1)}@acme.example`;
  /** 10:00 UTC on a day of its own, some days ahead. */
  const nextDay = () => new Date(Math.ceil(Date.now() / (24 * HOUR)) * 24 * HOUR + (day += 1) * 24 * HOUR + 10 * HOUR);

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${harness.app.url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  const interviewAt = (startsAt: Date, interviewers: string[], durationMinutes?: number) =>
    scheduleOtherInterview<InterviewJson>(harness.app.url, startsAt, interviewers, durationMinutes);

  async function storedFor(candidateEmail: string): Promise<number> {
    const response = await fetch(`${harness.app.url}/api/interviews?candidateEmail=${encodeURIComponent(candidateEmail)}`);
    return ((await response.json()) as { interviews: unknown[] }).interviews.length;
  }

  describe('pools in POST /api/interviews', () => {
    it('picks the free member with the fewest interviews in the 7 days around, and says so in the answer and the channel message', async () => {
      const at = nextDay();
      const [alice, bob, carol] = [person('alice'), person('bob'), person('carol')];
      await interviewAt(new Date(at.getTime() - 24 * HOUR), [alice]);
      await interviewAt(new Date(at.getTime() + 24 * HOUR), [alice]);
      await interviewAt(new Date(at.getTime() + 48 * HOUR), [bob]);
      const response = await post({
        candidateName: 'Pool Candidate',
        candidateEmail: 'pool-candidate@example.com',
        channelId: 'C0POOLS',
        scheduledTime: at.toISOString(),
        interviewers: ['U0ADA', { anyOf: [alice, bob, carol] }],
      });
      expect(response.status).toBe(201);
      const interview = (await response.json()) as InterviewJson;
      expect(interview.interviewers).toEqual([{ slackUserId: 'U0ADA' }, { email: carol }]);
      expect(interview.poolPicks).toEqual([
        {
          anyOf: [alice, bob, carol],
          count: 1,
          chosen: [expect.objectContaining({ interviewer: carol, reason: 'fewest_interviews', interviewsNearby: 0 })],
        },
      ]);
      const posted = await eventually(
        () => harness.slack.callsTo('chat.postMessage').find((call) => call.args.channel === 'C0POOLS' && !call.args.thread_ts),
        'the channel message',
      );
      expect(JSON.stringify(posted.args.blocks)).toContain(`${carol} picked from`);
      expect(JSON.stringify(posted.args.blocks)).toContain('fewest interviews in the 7 days around');
      await harness.settle();
    });

    it('leaves out a member who has an interview then, and ties go to the least recently interviewed', async () => {
      const at = nextDay();
      const [dan, erin, fay] = [person('dan'), person('erin'), person('fay')];
      await interviewAt(at, [dan]);
      await interviewAt(new Date(at.getTime() - 30 * HOUR), [erin]);
      await interviewAt(new Date(at.getTime() - 50 * HOUR), [fay]);
      const response = await post({
        candidateName: 'Pool Candidate',
        candidateEmail: 'pool-tie@example.com',
        scheduledTime: at.toISOString(),
        interviewers: [{ anyOf: [dan, erin, fay], count: 1 }],
      });
      expect(response.status).toBe(201);
      const interview = (await response.json()) as InterviewJson;
      expect(interview.interviewers).toEqual([{ email: fay }]);
      expect(interview.poolPicks![0].chosen[0]).toMatchObject({ interviewer: fay, reason: 'least_recently_interviewed' });
    });

    it('answers 409 interviewers_busy naming who is busy when no member is free, and stores nothing', async () => {
      const at = nextDay();
      const [gil, hal] = [person('gil'), person('hal')];
      await interviewAt(at, [gil]);
      await interviewAt(new Date(at.getTime() + 15 * MINUTE), [hal]);
      const response = await post({
        candidateName: 'Busy Candidate',
        candidateEmail: 'pool-busy@example.com',
        scheduledTime: at.toISOString(),
        durationMinutes: 45,
        interviewers: [{ anyOf: [gil, hal] }],
      });
      expect(response.status).toBe(409);
      const body = (await response.json()) as ErrorJson;
      expect(body.error.code).toBe('interviewers_busy');
      expect(body.error.busy!.map((period) => period.interviewer).sort()).toEqual([gil, hal].sort());
      expect(await storedFor('pool-busy@example.com')).toBe(0);
    });

    it('answers a retry with the same Idempotency-Key with the interview it made, even though its pick is now busy', async () => {
      const body = {
        candidateName: 'Retried Pool',
        candidateEmail: 'pool-retry@example.com',
        scheduledTime: nextDay().toISOString(),
        interviewers: [{ anyOf: [person('xia')] }],
      };
      const key = { 'Idempotency-Key': `pool-retry-${Date.now()}` };
      const first = await post(body, key);
      expect(first.status).toBe(201);
      const again = await post(body, key);
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(((await again.json()) as InterviewJson).id).toBe(((await first.json()) as InterviewJson).id);
      expect((await post({ ...body, candidateName: 'Another' }, key)).status).toBe(409);
      expect(await storedFor('pool-retry@example.com')).toBe(1);
    });

    it('books busy members anyway with allowConflicts, saying so', async () => {
      const at = nextDay();
      const uma = person('uma');
      await interviewAt(at, [uma]);
      const response = await post({
        candidateName: 'Conflict Candidate',
        candidateEmail: 'pool-conflict@example.com',
        scheduledTime: at.toISOString(),
        allowConflicts: true,
        interviewers: [{ anyOf: [uma] }],
      });
      expect(response.status).toBe(201);
      const interview = (await response.json()) as InterviewJson;
      expect(interview.poolPicks![0].chosen[0]).toMatchObject({ interviewer: uma, reason: 'conflicts_allowed' });
    });

    it('frees a member again once the interview a pool gave them is cancelled', async () => {
      const at = nextDay();
      const vic = person('vic');
      const first = await post({
        candidateName: 'First Candidate',
        candidateEmail: 'pool-first@example.com',
        scheduledTime: at.toISOString(),
        interviewers: [{ anyOf: [vic] }],
      });
      expect(first.status).toBe(201);
      const { id } = (await first.json()) as InterviewJson;
      const body = {
        candidateName: 'Second Candidate',
        candidateEmail: 'pool-second@example.com',
        scheduledTime: at.toISOString(),
        sessions: [
          { title: 'One', durationMinutes: 45, interviewers: [{ anyOf: [vic] }] },
          { title: 'Two', durationMinutes: 45, interviewers: [person('wes')] },
        ],
      };
      expect((await post(body)).status).toBe(409);
      expect((await fetch(`${harness.app.url}/api/interviews/${id}/cancel`, { method: 'POST' })).status).toBe(200);
      expect((await post(body)).status).toBe(201);
    });

    it('names a bad pool field as interviewers.N…, and stores nothing', async () => {
      const response = await post({
        candidateName: 'Bad Pool',
        candidateEmail: 'pool-bad@example.com',
        scheduledTime: nextDay().toISOString(),
        interviewers: [
          'U0ADA',
          { anyOf: ['not a person'] },
          { anyOf: ['a@acme.example'], count: 2 },
          { anyOf: ['b@acme.example'], extra: 1 },
        ],
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as ErrorJson;
      expect(Object.keys(body.error.fields!).sort()).toEqual(['interviewers.1.anyOf', 'interviewers.2.count', 'interviewers.3.extra']);
      expect(await storedFor('pool-bad@example.com')).toBe(0);
    });
  });

  describe('pools in PATCH /api/interviews/:id', () => {
    const patch = (id: string, body: unknown) =>
      fetch(`${harness.app.url}/api/interviews/${id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });

    it('picks the fairest free member at the interview’s time, stores the pick, and refuses a pool with nobody free', async () => {
      const at = nextDay();
      const [una, vic, wes, xia] = [person('una'), person('vic'), person('wes'), person('xia')];
      const interview = await interviewAt(at, [una]);
      // vic interviews at that very time; wes is free.
      await interviewAt(at, [vic]);
      const edited = await patch(interview.id, { interviewers: [una, { anyOf: [vic, wes] }] });
      expect(edited.status).toBe(200);
      const body = (await edited.json()) as InterviewJson;
      expect(body.interviewers).toEqual([{ email: una }, { email: wes }]);
      expect(body.poolPicks?.[0].chosen.map((chosen) => chosen.interviewer)).toEqual([wes]);

      // Moving it and changing the pool at once: the pick is made at the new time.
      const later = new Date(at.getTime() + 3 * HOUR);
      await interviewAt(later, [xia]);
      const moved = await patch(interview.id, { scheduledTime: later.toISOString(), interviewers: [{ anyOf: [xia, vic] }] });
      expect(moved.status).toBe(200);
      expect(((await moved.json()) as InterviewJson).interviewers).toEqual([{ email: vic }]);

      // Nobody in the pool is free at its time: 409, and nothing changes.
      const refused = await patch(interview.id, { interviewers: [{ anyOf: [xia] }] });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as ErrorJson).error.code).toBe('interviewers_busy');
      const unchanged = (await (await fetch(`${harness.app.url}/api/interviews/${interview.id}`)).json()) as InterviewJson;
      expect(unchanged.interviewers).toEqual([{ email: vic }]);
      expect(unchanged.scheduledTime).toBe(later.toISOString());
    });

    it('names a bad pool field as interviewers.N…, changing nothing', async () => {
      const interview = await interviewAt(nextDay(), [person('yan')]);
      const response = await patch(interview.id, { interviewers: [{ anyOf: [] }] });
      expect(response.status).toBe(400);
      expect(Object.keys(((await response.json()) as ErrorJson).error.fields!)).toEqual(['interviewers.0.anyOf']);
    });
  });

  describe('loops in POST /api/interviews', () => {
    it('makes one interview per session with its own link, one email with the agenda and an event per session, and one channel message', async () => {
      const at = nextDay();
      const [ivy, jon, kim, lee] = [person('ivy'), person('jon'), person('kim'), person('lee')];
      await interviewAt(new Date(at.getTime() + 60 * MINUTE), [kim], 30);
      const response = await post({
        candidateName: 'Loop Candidate',
        candidateEmail: 'loop-candidate@example.com',
        role: 'Backend Engineer',
        channelId: 'C0LOOPS',
        scheduledTime: at.toISOString(),
        maxGapMinutes: 30,
        sessions: [
          { title: 'Coding', durationMinutes: 60, interviewers: [ivy] },
          { title: 'System design', durationMinutes: 45, interviewers: [{ anyOf: [kim, jon] }] },
          { title: 'Hiring manager', durationMinutes: 30, interviewers: [lee] },
        ],
      });
      expect(response.status).toBe(201);
      const loop = (await response.json()) as LoopJson;
      expect(response.headers.get('location')).toBe(`/api/loops/${loop.id}`);
      expect(loop.sessions.map((session) => session.sessionTitle)).toEqual(['Coding', 'System design', 'Hiring manager']);
      expect(new Set(loop.sessions.map((session) => session.loopId))).toEqual(new Set([loop.id]));
      expect(new Set(loop.sessions.map((session) => session.interviewLink)).size).toBe(3);
      const starts = loop.sessions.map((session) => new Date(session.scheduledTime).getTime());
      expect(starts).toEqual([at.getTime(), at.getTime() + 60 * MINUTE, at.getTime() + 105 * MINUTE]);
      // kim is busy right after the first session, so the pool picks jon.
      expect(loop.sessions[1].interviewers).toEqual([{ email: jon }]);

      const email = await eventually(() => harness.sendGrid.mailTo('loop-candidate@example.com')[0], 'the loop email');
      for (const session of loop.sessions) expect(textPart(email)).toContain(session.interviewLink);
      expect(textPart(email)).toContain('System design');
      const events = Object.values(ical.sync.parseICS(attachmentText(email, '.ics')!)).filter((component) => component?.type === 'VEVENT');
      expect(events).toHaveLength(3);
      const posts = await eventually(() => {
        const found = harness.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0LOOPS' && !call.args.thread_ts);
        return found.length > 0 ? found : null;
      }, 'the loop message');
      await harness.settle();
      expect(
        harness.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0LOOPS' && !call.args.thread_ts),
      ).toHaveLength(1);
      expect(JSON.stringify(posts[0].args.blocks)).toContain('Hiring manager');
      expect(harness.sendGrid.mailTo('loop-candidate@example.com')).toHaveLength(1);
      // Each interviewer's calendar email holds their own session only.
      const ivyMail = harness.sendGrid.mailTo(ivy);
      expect(ivyMail).toHaveLength(1);
      expect(textPart(ivyMail[0])).toContain(loop.sessions[0].interviewLink);
      expect(textPart(ivyMail[0])).not.toContain(loop.sessions[2].interviewLink);

      // Reminders per session; the loop's one email and message ride on its first session.
      for (const [index, session] of loop.sessions.entries()) {
        const detail = (await (await fetch(`${harness.app.url}/api/interviews/${session.id}`)).json()) as {
          deliveries: Array<{ kind: string }>;
        };
        const kinds = detail.deliveries.map((delivery) => delivery.kind);
        expect(kinds).toContain('candidate_reminder');
        expect(kinds).not.toContain('candidate_invitation');
        expect(kinds).not.toContain('channel_post');
        expect(kinds.includes('loop_invitation')).toBe(index === 0);
      }
      // Cancelling one session alone redraws the loop's message, and says so in its thread.
      const since = Date.now();
      expect((await fetch(`${harness.app.url}/api/interviews/${loop.sessions[2].id}/cancel`, { method: 'POST' })).status).toBe(200);
      const redrawn = await eventually(
        () => harness.slack.calls.find((call) => call.at >= since && call.method === 'chat.update' && call.args.channel === 'C0LOOPS'),
        'the loop message redrawn',
      );
      expect(JSON.stringify(redrawn.args.blocks)).toContain('System design');
      await eventually(
        () =>
          harness.slack.calls.find(
            (call) => call.at >= since && call.method === 'chat.postMessage' && call.args.channel === 'C0LOOPS' && call.args.thread_ts,
          ),
        'the reply in the loop thread',
      );
      await harness.settle();

      const read = await fetch(`${harness.app.url}/api/loops/${loop.id}`);
      expect(read.status).toBe(200);
      expect(((await read.json()) as LoopJson).sessions.map((session) => session.id)).toEqual(loop.sessions.map((session) => session.id));
    });

    it.each([
      ['a person in two sessions', { sessions: 'twice' }, 'sessions.1.interviewers'],
      ['one session', { sessions: 1 }, 'sessions'],
      ['nine sessions', { sessions: 9 }, 'sessions'],
      ['a gap over 120 minutes', { maxGapMinutes: 121 }, 'maxGapMinutes'],
      ['a negative gap', { maxGapMinutes: -1 }, 'maxGapMinutes'],
      ['a session of 4 minutes', { durationMinutes: 4 }, 'sessions.0.durationMinutes'],
      ['a session of 481 minutes', { durationMinutes: 481 }, 'sessions.0.durationMinutes'],
      ['no first start', { scheduledTime: null }, 'scheduledTime'],
      ['interviewers beside sessions', { interviewers: ['U0ADA'] }, 'interviewers'],
    ] as Array<[string, Record<string, unknown>, string]>)(
      'refuses %s with 400 naming the field, and stores nothing',
      async (_what, change, field) => {
        const candidateEmail = `loop-bad-${(people += 1)}@example.com`;
        const [mia, ned] = [person('mia'), person('ned')];
        const sessionCount = typeof change.sessions === 'number' ? change.sessions : 2;
        const sessions = Array.from({ length: sessionCount }, (_, index) => ({
          title: `Session ${index + 1}`,
          durationMinutes: index === 0 && 'durationMinutes' in change ? change.durationMinutes : 30,
          interviewers: [change.sessions === 'twice' || index === 0 ? mia : index === 1 ? ned : person('other')],
        }));
        const body: Record<string, unknown> = {
          candidateName: 'Bad Loop',
          candidateEmail,
          scheduledTime: 'scheduledTime' in change ? change.scheduledTime : nextDay().toISOString(),
          sessions,
          ...('maxGapMinutes' in change ? { maxGapMinutes: change.maxGapMinutes } : {}),
          ...('interviewers' in change ? { interviewers: change.interviewers } : {}),
        };
        const response = await post(body);
        expect(response.status).toBe(400);
        expect(Object.keys(((await response.json()) as ErrorJson).error.fields!)).toContain(field);
        expect(await storedFor(candidateEmail)).toBe(0);
      },
    );

    it('answers 409 interviewers_busy when a session’s interviewer is busy, and stores nothing', async () => {
      const at = nextDay();
      const [oli, pam] = [person('oli'), person('pam')];
      await interviewAt(new Date(at.getTime() + 45 * MINUTE), [pam], 120);
      const response = await post({
        candidateName: 'Busy Loop',
        candidateEmail: 'loop-busy@example.com',
        scheduledTime: at.toISOString(),
        maxGapMinutes: 15,
        sessions: [
          { title: 'One', durationMinutes: 45, interviewers: [oli] },
          { title: 'Two', durationMinutes: 45, interviewers: [pam] },
        ],
      });
      expect(response.status).toBe(409);
      const body = (await response.json()) as ErrorJson;
      expect(body.error.code).toBe('interviewers_busy');
      expect(body.error.busy!.map((period) => period.interviewer)).toEqual([pam]);
      expect(await storedFor('loop-busy@example.com')).toBe(0);
    });

    it('answers a retry with the same Idempotency-Key with the same loop, and another body under it with 409', async () => {
      const at = nextDay();
      const body = {
        candidateName: 'Retried Loop',
        candidateEmail: 'loop-retry@example.com',
        scheduledTime: at.toISOString(),
        sessions: [
          { title: 'One', durationMinutes: 30, interviewers: [person('quin')] },
          { title: 'Two', durationMinutes: 30, interviewers: [person('rae')] },
        ],
      };
      const key = { 'Idempotency-Key': `loop-retry-${Date.now()}` };
      const first = await post(body, key);
      expect(first.status).toBe(201);
      const again = await post(body, key);
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(((await again.json()) as LoopJson).id).toBe(((await first.json()) as LoopJson).id);
      const other = await post({ ...body, candidateName: 'Someone Else' }, key);
      expect(other.status).toBe(409);
      const plainInterview = await post({ candidateName: 'Plain', candidateEmail: 'loop-retry@example.com' }, key);
      expect(plainInterview.status).toBe(409);
      expect(((await plainInterview.json()) as ErrorJson).error.code).toBe('idempotency_key_reused');
      expect(await storedFor('loop-retry@example.com')).toBe(2);
    });
  });

  describe('GET, PATCH and cancel /api/loops/:id', () => {
    const loopsApi = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${harness.app.url}/api/loops${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    async function bookLoop(candidateEmail: string, channelId: string): Promise<{ loop: LoopJson; people: string[] }> {
      const names = [person('sam'), person('tia')];
      const response = await post({
        candidateName: 'Moving Candidate',
        candidateEmail,
        channelId,
        scheduledTime: nextDay().toISOString(),
        sessions: [
          { title: 'Coding', durationMinutes: 45, interviewers: ['U0ADA', names[0]] },
          { title: 'Design', durationMinutes: 45, interviewers: [names[1]] },
        ],
      });
      expect(response.status).toBe(201);
      const loop = (await response.json()) as LoopJson;
      await eventually(() => harness.sendGrid.mailTo(candidateEmail).length === 1, 'the loop email');
      await eventually(
        () => harness.slack.callsTo('chat.postMessage').find((call) => call.args.channel === channelId && !call.args.thread_ts),
        'the loop message',
      );
      await harness.settle();
      return { loop, people: names };
    }

    it('moves every session by the same amount, keeping order, gaps and links, with one update email and the message redrawn', async () => {
      const { loop } = await bookLoop('loop-move@example.com', 'C0LOOPMOVE');
      const since = Date.now();
      const newStart = new Date(new Date(loop.startsAt).getTime() + 26 * HOUR);
      day += 2; // the next tests' days stay clear of the moved loop
      const key = { 'Idempotency-Key': `move-${Date.now()}` };
      const response = await loopsApi('PATCH', `/${loop.id}`, { startsAt: newStart.toISOString() }, key);
      expect(response.status).toBe(200);
      const moved = (await response.json()) as LoopJson;
      expect(moved.sessions.map((session) => new Date(session.scheduledTime).getTime() - new Date(loop.startsAt).getTime())).toEqual(
        loop.sessions.map((session) => new Date(session.scheduledTime).getTime() - new Date(loop.startsAt).getTime() + 26 * HOUR),
      );
      expect(moved.sessions.map((session) => session.interviewLink)).toEqual(loop.sessions.map((session) => session.interviewLink));
      await eventually(() => harness.sendGrid.mailTo('loop-move@example.com').length === 2, 'the update email');
      const update = harness.sendGrid.mailTo('loop-move@example.com')[1];
      expect(update.body.subject).toMatch(/^Updated/);
      await eventually(
        () => harness.slack.calls.find((call) => call.at >= since && call.method === 'chat.update' && call.args.channel === 'C0LOOPMOVE'),
        'the loop message redrawn',
      );
      const again = await loopsApi('PATCH', `/${loop.id}`, { startsAt: newStart.toISOString() }, key);
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      await harness.settle();
      expect(harness.sendGrid.mailTo('loop-move@example.com')).toHaveLength(2);
    });

    it('refuses a bad move with 400 naming the field and a busy one with 409, moving nothing', async () => {
      const { loop, people: names } = await bookLoop('loop-move-bad@example.com', 'C0LOOPBAD');
      for (const [body, field] of [
        [{ startsAt: 'soon' }, 'startsAt'],
        [{}, 'startsAt'],
        [{ startsAt: '2001-01-01T10:00:00Z' }, 'startsAt'],
        [{ startsAt: loop.startsAt, durationMinutes: 30 }, 'durationMinutes'],
      ] as const) {
        const response = await loopsApi('PATCH', `/${loop.id}`, body);
        expect(response.status).toBe(400);
        expect(Object.keys(((await response.json()) as ErrorJson).error.fields!)).toEqual([field]);
      }
      const newStart = new Date(new Date(loop.startsAt).getTime() + 2 * HOUR);
      await interviewAt(new Date(newStart.getTime() + 60 * MINUTE), [names[1]]);
      const busy = await loopsApi('PATCH', `/${loop.id}`, { startsAt: newStart.toISOString() });
      expect(busy.status).toBe(409);
      expect(((await busy.json()) as ErrorJson).error.busy!.map((period) => period.interviewer)).toEqual([names[1]]);
      const read = (await (await loopsApi('GET', `/${loop.id}`)).json()) as LoopJson;
      expect(read.sessions.map((session) => session.scheduledTime)).toEqual(loop.sessions.map((session) => session.scheduledTime));
      expect((await loopsApi('GET', '/not-a-loop')).status).toBe(404);
    });

    it('cancels every session with one cancellation email; again is 409, and the same key again is a replay', async () => {
      const { loop } = await bookLoop('loop-cancel@example.com', 'C0LOOPCANCEL');
      const key = { 'Idempotency-Key': `cancel-${Date.now()}` };
      const response = await loopsApi('POST', `/${loop.id}/cancel`, undefined, key);
      expect(response.status).toBe(200);
      const cancelled = (await response.json()) as { status: string; sessions: Array<{ status: string }> };
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.sessions.map((session) => session.status)).toEqual(['cancelled', 'cancelled']);
      await eventually(() => harness.sendGrid.mailTo('loop-cancel@example.com').length === 2, 'the cancellation email');
      const email = harness.sendGrid.mailTo('loop-cancel@example.com')[1];
      expect(attachmentText(email, '.ics')).toContain('METHOD:CANCEL');
      expect((await loopsApi('POST', `/${loop.id}/cancel`, undefined, key)).headers.get('idempotent-replayed')).toBe('true');
      const twice = await loopsApi('POST', `/${loop.id}/cancel`);
      expect(twice.status).toBe(409);
      expect(((await twice.json()) as ErrorJson).error.code).toBe('interview_cancelled');
      await harness.settle();
      expect(harness.sendGrid.mailTo('loop-cancel@example.com')).toHaveLength(2);
    });

    it('cancels the whole loop from the Cancel loop button on its message', async () => {
      const { loop } = await bookLoop('loop-button@example.com', 'C0LOOPBUTTON');
      const posted = harness.slack
        .callsTo('chat.postMessage')
        .find((call) => call.args.channel === 'C0LOOPBUTTON' && !call.args.thread_ts)!;
      expect(JSON.stringify(posted.args.blocks)).toContain('cancel_loop');
      const click = await harness.interact(
        buttonClickPayload({ actionId: 'cancel_loop', value: loop.id, userId: 'U0ADA', channelId: 'C0LOOPBUTTON' }),
      );
      expect(click.status).toBe(200);
      await eventually(async () => {
        const read = (await (await loopsApi('GET', `/${loop.id}`)).json()) as LoopJson;
        return read.status === 'cancelled';
      }, 'the loop cancelled');
      await eventually(() => harness.sendGrid.mailTo('loop-button@example.com').length === 2, 'the cancellation email');
    });
  });
});
