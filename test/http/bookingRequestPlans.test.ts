import * as ical from 'node-ical';
import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';
import { attachmentText, textPart } from '../support/fakeSendGridApi';
import { eventually } from '../support/testApplication';
import { scheduleOtherInterview } from '../support/otherInterviews';
import { startSlackHarness, type SlackHarness } from '../slack/integration/slackTestHarness';

const DAY = 86_400_000;
const MINUTE = 60_000;

interface BookingRequestJson {
  id: string;
  status: string;
  bookingLink: string;
  interviewId: string | null;
  slots: Array<{ id: string; startsAt: string; durationMinutes: number }>;
  plan?: { sessions: Array<{ title: string | null; durationMinutes: number; interviewers: unknown[] }>; maxGapMinutes: number };
}

interface InterviewJson {
  id: string;
  scheduledTime: string;
  durationMinutes: number;
  interviewLink: string;
  interviewers: Array<{ email?: string; slackUserId?: string }>;
  loopId: string | null;
  sessionTitle: string | null;
  poolPicks: Array<{ anyOf: string[]; chosen: Array<{ interviewer: string }> }> | null;
}

interface ErrorJson {
  error: { code: string; fields?: Record<string, string> };
}

const slotIdsOnPage = (html: string) => [...html.matchAll(/name="slotId" id="[^"]+" value="([^"]+)"/g)].map((match) => match[1]);
const tokenOf = (request: BookingRequestJson) => request.bookingLink.split('token=')[1];

describeOnEachDatabase('booking requests for plans: pools and loops offered from their free times', (openDatabase) => {
  let database: TestDatabase;
  let harness: SlackHarness;
  let people = 0;
  let weeks = 1;

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
  /** 00:00 UTC on a Monday of its own, some weeks ahead: working hours (Mon–Fri 09:00–17:00 UTC) start at 09:00. */
  const nextMonday = () => {
    const today = Math.floor(Date.now() / DAY) * DAY;
    const daysToMonday = (8 - new Date(today).getUTCDay()) % 7 || 7;
    return new Date(today + (daysToMonday + 7 * (weeks += 1)) * DAY);
  };
  const at = (monday: Date, hours: number, minutes = 0) => new Date(monday.getTime() + hours * 3_600_000 + minutes * MINUTE);
  const mondayWindow = (monday: Date) => ({ from: monday.toISOString(), to: at(monday, 24).toISOString() });

  const postJson = (path: string, body: unknown) =>
    fetch(`${harness.app.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const book = (token: string, slotId: string) =>
    fetch(`${harness.app.url}/book/`, { method: 'POST', body: new URLSearchParams({ token, slotId }), redirect: 'manual' });
  const getJson = async <T>(path: string): Promise<T> => (await (await fetch(`${harness.app.url}${path}`)).json()) as T;

  const interviewAt = (startsAt: Date, interviewers: string[], durationMinutes?: number) =>
    scheduleOtherInterview<InterviewJson>(harness.app.url, startsAt, interviewers, durationMinutes);

  async function requestsFor(candidateEmail: string): Promise<number> {
    const body = await getJson<{ bookingRequests: unknown[] }>(
      `/api/booking-requests?candidateEmail=${encodeURIComponent(candidateEmail)}`,
    );
    return body.bookingRequests.length;
  }

  describe('pools', () => {
    it('offers the times at which a pool has a free member, and books the fairest one when the candidate picks', async () => {
      const monday = nextMonday();
      const [ada, bob, cy] = [person('ada'), person('bob'), person('cy')];
      // bob already interviews this week; cy does not: cy is the fair pick.
      await interviewAt(at(monday, 15), [bob]);
      const created = await postJson('/api/booking-requests', {
        candidateName: 'Pool Candidate',
        candidateEmail: 'pool-booking@example.com',
        durationMinutes: 60,
        interviewers: [ada, { anyOf: [bob, cy] }],
        findTimes: { ...mondayWindow(monday), count: 3 },
      });
      expect(created.status).toBe(201);
      const request = (await created.json()) as BookingRequestJson;
      expect(request.slots.map((slot) => [slot.startsAt, slot.durationMinutes])).toEqual([
        [at(monday, 9).toISOString(), 60],
        [at(monday, 9, 30).toISOString(), 60],
        [at(monday, 10).toISOString(), 60],
      ]);
      expect(request.plan).toEqual({
        sessions: [{ title: null, durationMinutes: 60, interviewers: [ada, { anyOf: [bob, cy], count: 1 }] }],
        maxGapMinutes: 0,
      });

      const booked = await book(tokenOf(request), request.slots[0].id);
      expect(booked.status).toBe(303);
      const state = await getJson<BookingRequestJson>(`/api/booking-requests/${request.id}`);
      expect(state.status).toBe('booked');
      const interview = await getJson<InterviewJson>(`/api/interviews/${state.interviewId}`);
      expect(interview.scheduledTime).toBe(at(monday, 9).toISOString());
      expect(interview.interviewers).toEqual([{ email: ada }, { email: cy }]);
      expect(interview.poolPicks?.[0].chosen.map((chosen) => chosen.interviewer)).toEqual([cy]);
      const email = await eventually(
        () => harness.sendGrid.mailTo('pool-booking@example.com').find((mail) => textPart(mail).includes(interview.interviewLink)),
        'the invitation',
      );
      expect(textPart(email)).toContain(interview.interviewLink);
    });

    it('drops a time at which the whole pool became busy, and refuses its pick with a 409 page listing what is left', async () => {
      const monday = nextMonday();
      const [ada, bob] = [person('ada'), person('bob')];
      const created = await postJson('/api/booking-requests', {
        candidateName: 'Pool Candidate',
        candidateEmail: 'pool-busy-booking@example.com',
        durationMinutes: 30,
        interviewers: [{ anyOf: [ada, bob] }],
        findTimes: { ...mondayWindow(monday), count: 3 },
      });
      const request = (await created.json()) as BookingRequestJson;
      const [first, second, third] = request.slots;
      expect([first.startsAt, second.startsAt, third.startsAt]).toEqual(
        [at(monday, 9), at(monday, 9, 30), at(monday, 10)].map((time) => time.toISOString()),
      );
      // Both members of the pool get another interview at 09:00 after the link went out (with the
      // 10-minute buffer, 09:30 goes too).
      await interviewAt(at(monday, 9), [ada], 30);
      await interviewAt(at(monday, 9), [bob], 30);
      const page = await (await fetch(`${harness.app.url}/book/?token=${tokenOf(request)}`)).text();
      expect(slotIdsOnPage(page)).toEqual([third.id]);
      const refused = await book(tokenOf(request), first.id);
      expect(refused.status).toBe(409);
      expect(slotIdsOnPage(await refused.text())).toEqual([third.id]);
      expect((await getJson<BookingRequestJson>(`/api/booking-requests/${request.id}`)).status).toBe('open');
    });
  });

  describe('loops', () => {
    it('offers first starts at which every session fits, and booking one makes the loop: one interview per session, one email, one message', async () => {
      const monday = nextMonday();
      const [ivy, jon, kim, lee] = [person('ivy'), person('jon'), person('kim'), person('lee')];
      // kim has an interview 10:00–10:45: a loop starting at 09:00 picks jon for the pool's session.
      await interviewAt(at(monday, 10), [kim]);
      // lee is busy 09:00–11:00, so the first start at which lee's session can follow is 10:00 at the earliest.
      await interviewAt(at(monday, 9), [lee], 120);
      const created = await postJson('/api/booking-requests', {
        candidateName: 'Loop Candidate',
        candidateEmail: 'loop-booking@example.com',
        role: 'Backend Engineer',
        channelId: 'C0LOOPBOOK',
        maxGapMinutes: 30,
        sessions: [
          { title: 'Coding', durationMinutes: 60, interviewers: [ivy] },
          { title: 'System design', durationMinutes: 45, interviewers: [{ anyOf: [kim, jon] }] },
          { title: 'Hiring manager', durationMinutes: 30, interviewers: [lee] },
        ],
        findTimes: { ...mondayWindow(monday), count: 2 },
      });
      expect(created.status).toBe(201);
      const request = (await created.json()) as BookingRequestJson;
      // 09:00 + 60 + 45 = 10:45: lee is free from 11:00 (the buffer of 10 minutes pushes lee's session to 11:10, within the 30-minute gap).
      expect(request.slots[0].startsAt).toBe(at(monday, 9).toISOString());
      expect(request.slots[0].durationMinutes).toBeGreaterThanOrEqual(135);
      expect(request.plan?.sessions.map((session) => session.title)).toEqual(['Coding', 'System design', 'Hiring manager']);

      const page = await (await fetch(`${harness.app.url}/book/?token=${tokenOf(request)}`)).text();
      expect(page).toContain('Coding (1 hour), System design (45 minutes), Hiring manager (30 minutes)');
      // The request's "waiting" message is in the channel before the candidate books: the loop takes it over.
      await harness.settle();
      expect(await book(tokenOf(request), request.slots[0].id)).toHaveProperty('status', 303);

      const state = await getJson<BookingRequestJson>(`/api/booking-requests/${request.id}`);
      expect(state.status).toBe('booked');
      const first = await getJson<InterviewJson>(`/api/interviews/${state.interviewId}`);
      expect(first.loopId).toEqual(expect.any(String));
      const loop = await getJson<{ sessions: InterviewJson[] }>(`/api/loops/${first.loopId}`);
      expect(loop.sessions.map((session) => session.sessionTitle)).toEqual(['Coding', 'System design', 'Hiring manager']);
      expect(loop.sessions[0].id).toBe(first.id);
      expect(loop.sessions[1].interviewers).toEqual([{ email: jon }]);
      const starts = loop.sessions.map((session) => new Date(session.scheduledTime).getTime());
      expect(starts[0]).toBe(at(monday, 9).getTime());
      expect(starts[1]).toBe(at(monday, 10).getTime());
      expect(starts[2]).toBeGreaterThanOrEqual(at(monday, 11, 10).getTime());
      expect(new Set(loop.sessions.map((session) => session.interviewLink)).size).toBe(3);
      const bookedPage = await (await fetch(`${harness.app.url}/book/?token=${tokenOf(request)}`)).text();
      expect(bookedPage).toContain('Your interviews are booked');
      expect(bookedPage).toMatch(/Coding[\s\S]*System design[\s\S]*Hiring manager/);

      const email = await eventually(
        () => harness.sendGrid.mailTo('loop-booking@example.com').find((mail) => textPart(mail).includes('System design')),
        'the loop email',
      );
      for (const session of loop.sessions) expect(textPart(email)).toContain(session.interviewLink);
      const events = Object.values(ical.sync.parseICS(attachmentText(email, '.ics')!)).filter((component) => component?.type === 'VEVENT');
      expect(events).toHaveLength(3);
      await harness.settle();
      // One email for the loop (besides the booking link itself), and the request's message became the loop's.
      expect(
        harness.sendGrid.mailTo('loop-booking@example.com').filter((mail) => textPart(mail).includes(first.interviewLink)),
      ).toHaveLength(1);
      const posts = harness.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0LOOPBOOK' && !call.args.thread_ts);
      expect(posts).toHaveLength(1);
      // The "waiting" message showed the sessions, and each pool as "one of …", before anyone was picked.
      expect(JSON.stringify(posts[0].args.blocks)).toContain('System design (45 minutes): one of');
      const updates = harness.slack.callsTo('chat.update').filter((call) => call.args.channel === 'C0LOOPBOOK');
      expect(JSON.stringify(updates.at(-1)?.args.blocks)).toContain('Hiring manager');
    });

    it('spreads the loop times it offers over the days that have them', async () => {
      const monday = nextMonday();
      const [ann, ben] = [person('ann'), person('ben')];
      const created = await postJson('/api/booking-requests', {
        candidateName: 'Spread Candidate',
        candidateEmail: 'loop-spread@example.com',
        sessions: [
          { title: 'Coding', durationMinutes: 60, interviewers: [ann] },
          { title: 'Design', durationMinutes: 60, interviewers: [ben] },
        ],
        findTimes: { from: monday.toISOString(), to: at(monday, 24 * 3).toISOString(), count: 6 },
      });
      expect(created.status).toBe(201);
      const request = (await created.json()) as BookingRequestJson;
      const days = request.slots.map((slot) => slot.startsAt.slice(0, 10));
      // Monday, Tuesday and Wednesday each give two of the six, their earliest.
      expect(days).toEqual(
        [0, 0, 1, 1, 2, 2].map((day) =>
          at(monday, 24 * day)
            .toISOString()
            .slice(0, 10),
        ),
      );
      expect(request.slots.map((slot) => slot.startsAt.slice(11, 16))).toEqual(['09:00', '09:30', '09:00', '09:30', '09:00', '09:30']);
    });

    it.each([
      ['slots instead of free times', { slotIds: ['0b7f4c1e-2a43-4d55-9d3e-6f1a2b3c4d5e'] }, ['slotIds']],
      ['one session', { sessions: [{ title: 'Only', durationMinutes: 30, interviewers: ['a@acme.example'] }] }, ['sessions']],
      [
        'a person in two sessions',
        {
          sessions: [
            { title: 'One', durationMinutes: 30, interviewers: ['a@acme.example'] },
            { title: 'Two', durationMinutes: 30, interviewers: ['a@acme.example'] },
          ],
        },
        ['sessions.1.interviewers'],
      ],
      ['a gap of 121 minutes', { maxGapMinutes: 121 }, ['maxGapMinutes']],
      [
        'a session of 4 minutes',
        {
          sessions: [
            { title: 'One', durationMinutes: 4, interviewers: ['a@acme.example'] },
            { title: 'Two', durationMinutes: 30, interviewers: ['b@acme.example'] },
          ],
        },
        ['sessions.0.durationMinutes'],
      ],
      ['a top-level length', { durationMinutes: 30 }, ['durationMinutes']],
      ['an unknown field', { colour: 'red' }, ['colour']],
    ])('refuses %s with a 400 naming the field, storing nothing', async (_case, overrides, fields) => {
      const response = await postJson('/api/booking-requests', {
        candidateName: 'Bad Loop',
        candidateEmail: 'bad-loop-booking@example.com',
        sessions: [
          { title: 'One', durationMinutes: 30, interviewers: ['a@acme.example'] },
          { title: 'Two', durationMinutes: 30, interviewers: ['b@acme.example'] },
        ],
        ...overrides,
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as ErrorJson;
      expect(Object.keys(body.error.fields ?? {})).toEqual(fields);
      expect(await requestsFor('bad-loop-booking@example.com')).toBe(0);
    });

    it('refuses maxGapMinutes beside a pool without sessions', async () => {
      const response = await postJson('/api/booking-requests', {
        candidateName: 'Bad Pool',
        candidateEmail: 'bad-pool-booking@example.com',
        interviewers: [{ anyOf: ['a@acme.example', 'b@acme.example'] }],
        maxGapMinutes: 10,
      });
      expect(response.status).toBe(400);
      expect(Object.keys(((await response.json()) as ErrorJson).error.fields ?? {})).toEqual(['maxGapMinutes']);
    });

    it('lets one of two candidates racing for loop times that share an interviewer win; the other gets the 409 page', async () => {
      const monday = nextMonday();
      const [shared, one, two] = [person('shared'), person('one'), person('two')];
      const loopWith = async (candidateEmail: string, other: string) => {
        const response = await postJson('/api/booking-requests', {
          candidateName: 'Racing Candidate',
          candidateEmail,
          sessions: [
            { title: 'Coding', durationMinutes: 60, interviewers: [shared] },
            { title: 'Design', durationMinutes: 60, interviewers: [other] },
          ],
          findTimes: { ...mondayWindow(monday), count: 2 },
        });
        expect(response.status).toBe(201);
        return (await response.json()) as BookingRequestJson;
      };
      const [first, second] = await Promise.all([loopWith('race-one@example.com', one), loopWith('race-two@example.com', two)]);
      expect(first.slots[0].startsAt).toBe(second.slots[0].startsAt);
      const answers = await Promise.all([book(tokenOf(first), first.slots[0].id), book(tokenOf(second), second.slots[0].id)]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([303, 409]);
      const loser = answers[0].status === 409 ? answers[0] : answers[1];
      expect(await loser.text()).toContain('no longer free');
      const booked = await Promise.all(
        ['race-one@example.com', 'race-two@example.com'].map((email) =>
          getJson<{ interviews: InterviewJson[] }>(`/api/interviews?candidateEmail=${encodeURIComponent(email)}`),
        ),
      );
      // The winner's loop: two sessions; the loser: nothing.
      expect(booked.map((page) => page.interviews.length).sort()).toEqual([0, 2]);
    });
  });
});
