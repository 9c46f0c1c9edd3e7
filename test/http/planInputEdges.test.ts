import { BookingRequest } from '../../src/domain/bookings/BookingRequest';
import { DeliveryJob, DeliveryKind } from '../../src/domain/deliveries/DeliveryJob';
import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';
import { scheduleOtherInterview } from '../support/otherInterviews';
import { startTestApplication, type TestApplication } from '../support/testApplication';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface SessionJson {
  id: string;
  scheduledTime: string;
  status: string;
  interviewers: Array<{ email?: string }>;
}

interface LoopJson {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  cancelledAt: string | null;
  sessions: SessionJson[];
}

/**
 * A loop whose sessions were changed one by one through /api/interviews/:id before the loop is
 * moved or cancelled as a whole: a session cancelled on its own stays cancelled, where it was, and
 * nobody of it is told again or stands in the way.
 */
describeOnEachDatabase('a loop with a session cancelled on its own', (openDatabase) => {
  let database: TestDatabase;
  let app: TestApplication;
  let people = 0;
  let day = 3;

  beforeAll(async () => {
    database = await openDatabase();
    app = await startTestApplication({ env: database.env });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const person = (name: string) => `${name}.${(people += 1)}@acme.example`;
  /** 10:00 UTC on a day of its own, some days ahead. */
  const nextDay = () => new Date(Math.ceil(Date.now() / (24 * HOUR)) * 24 * HOUR + (day += 2) * 24 * HOUR + 10 * HOUR);

  async function call<Body>(method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Body };
  }

  /** A loop of two 30-minute sessions, back to back: `first` at `at`, `second` right after; the second then cancelled on its own. */
  async function loopWithSecondSessionCancelled(
    first: string,
    second: string,
    at: Date,
  ): Promise<{ loop: LoopJson; cancelled: SessionJson }> {
    const created = await call<LoopJson>('POST', '/api/interviews', {
      candidateName: 'Jane Doe',
      candidateEmail: person('jane'),
      scheduledTime: at.toISOString(),
      maxGapMinutes: 0,
      sessions: [
        { title: 'Coding', durationMinutes: 30, interviewers: [first] },
        { title: 'System design', durationMinutes: 30, interviewers: [second] },
      ],
    });
    expect(created.status).toBe(201);
    const cancelled = created.body.sessions[1];
    expect((await call('POST', `/api/interviews/${cancelled.id}/cancel`)).status).toBe(200);
    return { loop: created.body, cancelled };
  }

  const interviewerJobsOf = (interviewId: string) =>
    app.database.read((manager) =>
      manager.countBy(DeliveryJob, [
        { interviewId, kind: DeliveryKind.InterviewerInvitation },
        { interviewId, kind: DeliveryKind.InterviewerNotice },
        { interviewId, kind: DeliveryKind.CalendarEvent },
      ]),
    );

  it('moving the loop moves the sessions still on, not the cancelled one, and its interviewer being busy then does not stop it', async () => {
    const [ada, bo] = [person('ada'), person('bo')];
    const at = nextDay();
    const { loop, cancelled } = await loopWithSecondSessionCancelled(ada, bo, at);
    const newStart = new Date(at.getTime() + 24 * HOUR);
    // Bo, whose session was cancelled, has another interview when that session would now be.
    await scheduleOtherInterview(app.url, new Date(newStart.getTime() + 30 * 60_000), [bo], 30);
    const jobsBefore = await interviewerJobsOf(cancelled.id);

    const moved = await call<LoopJson>('PATCH', `/api/loops/${loop.id}`, { startsAt: newStart.toISOString() });

    expect(moved.status).toBe(200);
    const byId = new Map(moved.body.sessions.map((session) => [session.id, session]));
    expect(byId.get(loop.sessions[0].id)).toMatchObject({ status: 'scheduled', scheduledTime: newStart.toISOString() });
    expect(byId.get(cancelled.id)).toMatchObject({ status: 'cancelled', scheduledTime: cancelled.scheduledTime });
    expect(await interviewerJobsOf(cancelled.id)).toBe(jobsBefore);
  });

  it('cancelling the loop tells the interviewers of the cancelled session nothing again', async () => {
    const { loop, cancelled } = await loopWithSecondSessionCancelled(person('ada'), person('bo'), nextDay());
    const jobsBefore = await interviewerJobsOf(cancelled.id);

    const answer = await call<LoopJson>('POST', `/api/loops/${loop.id}/cancel`);

    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('cancelled');
    expect(answer.body.sessions.map((session) => session.status)).toEqual(['cancelled', 'cancelled']);
    expect(await interviewerJobsOf(cancelled.id)).toBe(jobsBefore);
  });

  describe('one session changed on its own', () => {
    /** A loop of two 30-minute sessions, back to back from `at`, with a different person in each. */
    async function twoSessionLoop(at: Date): Promise<{ loop: LoopJson; first: SessionJson; second: SessionJson; people: string[] }> {
      const people = [person('ada'), person('bo')];
      const created = await call<LoopJson>('POST', '/api/interviews', {
        candidateName: 'Jane Doe',
        candidateEmail: person('jane'),
        scheduledTime: at.toISOString(),
        maxGapMinutes: 0,
        sessions: [
          { title: 'Coding', durationMinutes: 30, interviewers: [people[0]] },
          { title: 'System design', durationMinutes: 30, interviewers: [people[1]] },
        ],
      });
      expect(created.status).toBe(201);
      const [first, second] = created.body.sessions;
      return { loop: created.body, first, second, people };
    }
    const problemsOf = (body: unknown) => (body as { error: { fields?: Record<string, string> } }).error.fields ?? {};
    const sessionsOf = async (loopId: string) => (await call<LoopJson>('GET', `/api/loops/${loopId}`)).body.sessions;

    it('refuses a session lengthened or moved onto another, a day away, or given a person from another session, changing nothing', async () => {
      const at = nextDay();
      const { loop, first, second, people } = await twoSessionLoop(at);
      const before = await sessionsOf(loop.id);

      const longer = await call('PATCH', `/api/interviews/${first.id}`, { durationMinutes: 45 });
      expect(longer.status).toBe(400);
      expect(problemsOf(longer.body).durationMinutes).toMatch(/overlap the session “System design” of the same loop/);

      const onTop = await call('PATCH', `/api/interviews/${second.id}`, {
        scheduledTime: new Date(at.getTime() + 15 * 60_000).toISOString(),
      });
      expect(onTop.status).toBe(400);
      expect(problemsOf(onTop.body).scheduledTime).toMatch(/candidate cannot be in two sessions at once/);

      const nextWeek = await call('PATCH', `/api/interviews/${second.id}`, {
        scheduledTime: new Date(at.getTime() + 7 * DAY).toISOString(),
      });
      expect(nextWeek.status).toBe(400);
      expect(problemsOf(nextWeek.body).scheduledTime).toMatch(/a loop happens on one day/);

      const samePerson = await call('PATCH', `/api/interviews/${first.id}`, { interviewers: [people[1]] });
      expect(samePerson.status).toBe(400);
      expect(problemsOf(samePerson.body).interviewers).toBe(
        `${people[1]} is already in the session “System design” of the same loop; a person takes one session of a loop.`,
      );

      expect(await sessionsOf(loop.id)).toEqual(before);
    });

    it('lets a session move later, past the loop’s gap, or take another person, and any change once the other sessions are cancelled', async () => {
      const at = nextDay();
      const { loop, first, second } = await twoSessionLoop(at);
      const later = new Date(at.getTime() + 90 * 60_000).toISOString();
      expect((await call('PATCH', `/api/interviews/${second.id}`, { scheduledTime: later })).status).toBe(200);
      expect((await call('PATCH', `/api/interviews/${first.id}`, { interviewers: [person('cy')] })).status).toBe(200);
      expect((await sessionsOf(loop.id)).map((session) => session.scheduledTime)).toEqual([at.toISOString(), later]);

      expect((await call('POST', `/api/interviews/${second.id}/cancel`)).status).toBe(200);
      const nextWeek = new Date(at.getTime() + 7 * DAY).toISOString();
      expect((await call('PATCH', `/api/interviews/${first.id}`, { scheduledTime: nextWeek })).status).toBe(200);
    });
  });

  it('shows the span of the sessions still on, and the loop as cancelled once every session was cancelled on its own', async () => {
    const at = nextDay();
    const { loop, cancelled } = await loopWithSecondSessionCancelled(person('ada'), person('bo'), at);
    const stillOn = await call<LoopJson>('GET', `/api/loops/${loop.id}`);
    expect(stillOn.body).toMatchObject({
      status: 'scheduled',
      startsAt: at.toISOString(),
      endsAt: new Date(at.getTime() + 30 * 60_000).toISOString(),
      cancelledAt: null,
    });
    expect(stillOn.body.sessions.map((session) => session.id)).toContain(cancelled.id);

    const [first] = loop.sessions;
    expect((await call('POST', `/api/interviews/${first.id}/cancel`)).status).toBe(200);
    const allCancelled = await call<LoopJson>('GET', `/api/loops/${loop.id}`);
    expect(allCancelled.body.status).toBe('cancelled');
    expect(allCancelled.body.cancelledAt).not.toBeNull();
    const moved = await call<{ error: { code: string } }>('PATCH', `/api/loops/${loop.id}`, {
      startsAt: new Date(at.getTime() + DAY).toISOString(),
    });
    expect(moved.status).toBe(409);
  });

  it('a session moved or cancelled on its own while the loop is moved keeps that change (was lost on PostgreSQL)', async () => {
    for (let round = 0; round < 6; round += 1) {
      const at = nextDay();
      const created = await call<LoopJson>('POST', '/api/interviews', {
        candidateName: 'Jane Doe',
        candidateEmail: person('jane'),
        scheduledTime: at.toISOString(),
        sessions: [
          { title: 'Coding', durationMinutes: 30, interviewers: [person('ada')] },
          { title: 'System design', durationMinutes: 30, interviewers: [person('bo')] },
        ],
      });
      expect(created.status).toBe(201);
      const [first, second] = created.body.sessions;
      const shift = DAY;
      // An hour after where it was: still on the loop's day, whichever change comes first.
      const sessionTo = new Date(at.getTime() + 90 * 60_000);
      const cancelSecond = round % 2 === 1;
      const [loopMove, sessionChange] = await Promise.all([
        call<LoopJson>('PATCH', `/api/loops/${created.body.id}`, { startsAt: new Date(at.getTime() + shift).toISOString() }),
        cancelSecond
          ? call<SessionJson>('POST', `/api/interviews/${second.id}/cancel`)
          : call<SessionJson>('PATCH', `/api/interviews/${second.id}`, { scheduledTime: sessionTo.toISOString() }),
      ]);
      expect([loopMove.status, sessionChange.status]).toEqual([200, 200]);
      const read = await call<LoopJson>('GET', `/api/loops/${created.body.id}`);
      const secondNow = read.body.sessions.find((session) => session.id === second.id)!;
      expect(read.body.sessions.find((session) => session.id === first.id)!.scheduledTime).toBe(
        new Date(Date.parse(first.scheduledTime) + shift).toISOString(),
      );
      if (cancelSecond) {
        expect(secondNow.status).toBe('cancelled');
      } else {
        // Moved on its own after the loop moved, or before it and then with it: never back where it was.
        expect([sessionTo.toISOString(), new Date(sessionTo.getTime() + shift).toISOString()]).toContain(secondNow.scheduledTime);
      }
    }
  });

  it('a move that would put a later session more than a year ahead is refused on startsAt, as creating that loop is', async () => {
    const created = await call<LoopJson>('POST', '/api/interviews', {
      candidateName: 'Jane Doe',
      candidateEmail: person('jane'),
      scheduledTime: nextDay().toISOString(),
      sessions: [
        { title: 'Onsite morning', durationMinutes: 480, interviewers: [person('ada')] },
        { title: 'Onsite evening', durationMinutes: 480, interviewers: [person('bo')] },
      ],
    });
    expect(created.status).toBe(201);
    const nearTheYearsEnd = new Date(Math.floor((Date.now() + 365 * DAY - 2 * HOUR) / (5 * 60_000)) * 5 * 60_000);

    const moved = await call<{ error: { fields: Record<string, string> } }>('PATCH', `/api/loops/${created.body.id}`, {
      startsAt: nearTheYearsEnd.toISOString(),
    });

    expect(moved.status).toBe(400);
    expect(moved.body.error.fields.startsAt).toBe('Session 2 would then start more than 365 days ahead. Pick an earlier start.');
    const read = await call<LoopJson>('GET', `/api/loops/${created.body.id}`);
    expect(read.body.sessions.map((session) => session.scheduledTime)).toEqual(
      created.body.sessions.map((session) => session.scheduledTime),
    );
  });

  it('a loop whose every session was cancelled on its own cannot be moved: 409, nothing moved', async () => {
    const at = nextDay();
    const { loop } = await loopWithSecondSessionCancelled(person('ada'), person('bo'), at);
    expect((await call('POST', `/api/interviews/${loop.sessions[0].id}/cancel`)).status).toBe(200);

    const moved = await call<{ error: { code: string } }>('PATCH', `/api/loops/${loop.id}`, {
      startsAt: new Date(at.getTime() + 24 * HOUR).toISOString(),
    });

    expect(moved.status).toBe(409);
    expect(moved.body.error.code).toBe('interview_cancelled');
    const read = await call<LoopJson>('GET', `/api/loops/${loop.id}`);
    expect(read.body.sessions.map((session) => session.scheduledTime)).toEqual(loop.sessions.map((session) => session.scheduledTime));
  });
});

/**
 * R1 (a time at most a year ahead) holds for the times a booking request offers from the free
 * times: before, `findTimes.from` a year or more ahead made a request whose every slot, once picked
 * by the candidate, answered 500.
 */
describeOnEachDatabase('booking requests offering free times more than a year ahead', (openDatabase) => {
  let database: TestDatabase;
  let app: TestApplication;
  let people = 0;

  beforeAll(async () => {
    database = await openDatabase();
    app = await startTestApplication({ env: database.env });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const person = (name: string) => `${name}.${(people += 1)}@acme.example`;
  const requestsStored = () => app.database.read((manager) => manager.count(BookingRequest));
  const post = async (body: Record<string, unknown>) => {
    const response = await fetch(`${app.url}/api/booking-requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ candidateName: 'Jane Doe', candidateEmail: person('jane'), ...body }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { slots: Array<{ startsAt: string }>; error?: { fields?: Record<string, string> } },
    };
  };
  const plans: Array<[string, () => Record<string, unknown>]> = [
    ['people', () => ({ interviewers: [person('ada')] })],
    ['a pool', () => ({ interviewers: [{ anyOf: [person('ada'), person('bo')] }] })],
    [
      'a loop',
      () => ({
        sessions: [
          { title: 'Coding', durationMinutes: 30, interviewers: [person('ada')] },
          { title: 'Design', durationMinutes: 30, interviewers: [person('bo')] },
        ],
      }),
    ],
  ];

  it.each(plans)(
    'for %s, a search from more than a year ahead is refused on findTimes.from, and nothing is stored',
    async (_label, plan) => {
      const before = await requestsStored();
      for (const from of ['9999-01-01T00:00:00Z', new Date(Date.now() + 400 * DAY).toISOString()]) {
        const answer = await post({ ...plan(), findTimes: { from } });
        expect(answer.status).toBe(400);
        expect(answer.body.error?.fields?.['findTimes.from']).toMatch(/more than 365 days ahead/);
      }
      expect(await requestsStored()).toBe(before);
    },
  );

  it.each(plans)('for %s, a search running past a year ahead offers only the times up to then', async (_label, plan) => {
    const answer = await post({ ...plan(), findTimes: { from: new Date(Date.now() + 362 * DAY).toISOString(), count: 20 } });
    expect(answer.status).toBe(201);
    expect(answer.body.slots.length).toBeGreaterThan(0);
    const latest = Date.now() + 365 * DAY;
    for (const slot of answer.body.slots) expect(new Date(slot.startsAt).getTime()).toBeLessThanOrEqual(latest);
  });
});

/**
 * Hostile plans, over HTTP on each database: each is a 400 naming the field (PRODUCT.md's error
 * format), on POST /api/interviews and POST /api/booking-requests alike, and nothing is stored.
 */
describeOnEachDatabase('hostile pools and loops', (openDatabase) => {
  let database: TestDatabase;
  let app: TestApplication;

  beforeAll(async () => {
    database = await openDatabase();
    app = await startTestApplication({ env: database.env });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const ada = 'ada@acme.example';
  const bo = 'bo@acme.example';
  const session = (change: Record<string, unknown> = {}, who = ada) => ({
    title: 'Coding',
    durationMinutes: 30,
    interviewers: [who],
    ...change,
  });
  const loop = (first: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    sessions: [session(first), session({}, bo)],
    ...extra,
  });
  const pool = (anyOf: unknown, count?: unknown) => ({ interviewers: [count === undefined ? { anyOf } : { anyOf, count }] });
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['an empty pool', pool([]), 'interviewers.0.anyOf'],
    ['a member twice, in two spellings', pool([ada, ada.toUpperCase()]), 'interviewers.0.anyOf'],
    ['a person named and in a pool', { interviewers: [ada, { anyOf: [ada, bo] }] }, 'interviewers.1.anyOf'],
    ['count 0', pool([ada, bo], 0), 'interviewers.0.count'],
    ['count 1.5', pool([ada, bo], 1.5), 'interviewers.0.count'],
    ['count "2"', pool([ada, bo], '2'), 'interviewers.0.count'],
    ['count 1e308', pool([ada, bo], 1e308), 'interviewers.0.count'],
    ['count over the members', pool([ada, bo], 3), 'interviewers.0.count'],
    ['a pool in a pool', pool([{ anyOf: [ada] }]), 'interviewers.0.anyOf'],
    ['a null member', pool([null, ada]), 'interviewers.0.anyOf'],
    ['a member with a NUL byte', pool(['a\u0000b@acme.example']), 'interviewers.0.anyOf'],
    ['a 10,000-character member', pool([`${'a'.repeat(10_000)}@acme.example`]), 'interviewers.0.anyOf'],
    ['1,000 members', pool(Array.from({ length: 1000 }, (_, index) => `m${index}@acme.example`)), 'interviewers.0.anyOf'],
    ['a Slack id of another shape', pool(['u0123abcd']), 'interviewers.0.anyOf'],
    ['a key a pool does not take', { interviewers: [{ anyOf: [ada], weight: 2 }] }, 'interviewers.0.weight'],
    ['sessions as an object', { sessions: { 0: session(), 1: session({}, bo) } }, 'sessions'],
    ['one session', { sessions: [session()] }, 'sessions'],
    ['nine sessions', { sessions: Array.from({ length: 9 }, (_, index) => session({}, `p${index}@acme.example`)) }, 'sessions'],
    ['a session that is null', { sessions: [null, session({}, bo)] }, 'sessions.0'],
    ['a session with a key it does not take', loop({ room: 'B2' }), 'sessions.0.room'],
    ['a session of "45" minutes', loop({ durationMinutes: '45' }), 'sessions.0.durationMinutes'],
    ['a session of null minutes', loop({ durationMinutes: null }), 'sessions.0.durationMinutes'],
    ['a title with a NUL byte', loop({ title: 'Cod\u0000ing' }), 'sessions.0.title'],
    ['a 10,000-character title', loop({ title: 'x'.repeat(10_000) }), 'sessions.0.title'],
    ['a lone surrogate in a title', loop({ title: '\ud800' }), 'sessions.0.title'],
    ['a gap of 1.5 minutes', loop({}, { maxGapMinutes: 1.5 }), 'maxGapMinutes'],
    ['a person in two sessions', { sessions: [session(), session({ interviewers: [ada.toUpperCase()] })] }, 'sessions.1.interviewers'],
    ['durationMinutes beside sessions', loop({}, { durationMinutes: 30 }), 'durationMinutes'],
  ];

  const stored = () =>
    app.database.read(async (manager) => {
      const count = async (table: string) =>
        Number((await manager.query<Array<{ n: string | number }>>(`SELECT COUNT(*) AS "n" FROM "${table}"`))[0].n);
      return [await count('interview'), await count('loop'), await count('booking_request')];
    });
  const post = async (path: string, body: Record<string, unknown>) => {
    const response = await fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { error?: { code: string; fields?: Record<string, string> } } };
  };
  const scheduledTime = new Date(Math.ceil(Date.now() / DAY) * DAY + 5 * DAY + 10 * HOUR).toISOString();

  it.each(cases)('%s: 400 on that field from both endpoints, nothing stored', async (_label, plan, field) => {
    const before = await stored();
    const candidate = { candidateName: 'Jane Doe', candidateEmail: 'jane@acme.example' };
    for (const [path, body] of [
      ['/api/interviews', { ...candidate, scheduledTime, ...plan }],
      ['/api/booking-requests', { ...candidate, findTimes: { count: 2 }, ...plan }],
    ] as const) {
      const answer = await post(path, body);
      expect({ path, status: answer.status, code: answer.body.error?.code }).toEqual({ path, status: 400, code: 'validation_failed' });
      expect(Object.keys(answer.body.error?.fields ?? {})).toContain(field);
    }
    expect(await stored()).toEqual(before);
  });
});
