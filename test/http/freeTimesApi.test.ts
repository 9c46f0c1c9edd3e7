import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';
import { googleCalendarEnv, microsoftCalendarEnv } from '../support/calendarProviderEnv';
import { FakeGoogleApis } from '../support/fakeGoogleApis';
import { FakeMicrosoftGraph } from '../support/fakeMicrosoftGraph';
import { expectNoSecretIn, providerTestKit } from '../support/providerTestKit';
import { startTestApplication, type TestApplication } from '../support/testApplication';

/** A Monday, 05:00 UTC: with 4 hours' notice, the first free start is 09:00 UTC. */
const NOW = new Date('2030-06-03T05:00:00Z');
const MONDAY = '2030-06-03';

interface FreeTimesBody {
  freeTimes: Array<{ startsAt: string; endsAt: string }>;
  calendars: Array<{ interviewer: string; status: string; reason?: string }>;
}

async function freeTimes(app: TestApplication, query: string): Promise<{ status: number; body: FreeTimesBody }> {
  const response = await fetch(`${app.url}/api/free-times?${query}`);
  return { status: response.status, body: (await response.json()) as FreeTimesBody };
}

const starts = (body: FreeTimesBody) => body.freeTimes.map((time) => time.startsAt);

describeOnEachDatabase('GET /api/free-times', (openDatabase) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  describe('with no calendar provider', () => {
    let app: TestApplication;
    beforeAll(async () => {
      app = await startTestApplication({ env: database.env, now: () => NOW });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('offers the working hours on the grid, earliest first, and says no calendar was read', async () => {
      const { status, body } = await freeTimes(app, 'interviewers=ada@acme.test,U0GRACE&durationMinutes=60&limit=3');
      expect(status).toBe(200);
      expect(body.freeTimes).toEqual([
        { startsAt: `${MONDAY}T09:00:00.000Z`, endsAt: `${MONDAY}T10:00:00.000Z` },
        { startsAt: `${MONDAY}T09:30:00.000Z`, endsAt: `${MONDAY}T10:30:00.000Z` },
        { startsAt: `${MONDAY}T10:00:00.000Z`, endsAt: `${MONDAY}T11:00:00.000Z` },
      ]);
      expect(body.calendars).toEqual([
        { interviewer: 'ada@acme.test', status: 'none' },
        { interviewer: 'U0GRACE', status: 'none' },
      ]);
    });

    it("keeps the app's own interviews and their buffer out, and reads times in the request's zone", async () => {
      const created = await fetch(`${app.url}/api/interviews`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          candidateName: 'Jane Doe',
          candidateEmail: 'jane@example.com',
          interviewers: ['ada@acme.test'],
          scheduledTime: `${MONDAY}T09:00:00Z`,
          durationMinutes: 60,
        }),
      });
      expect(created.status).toBe(201);
      const { body } = await freeTimes(app, 'interviewers=ADA@acme.test&durationMinutes=60&limit=2');
      expect(starts(body)).toEqual([`${MONDAY}T10:30:00.000Z`, `${MONDAY}T11:00:00.000Z`]);

      const berlin = await freeTimes(
        app,
        `interviewers=grace@acme.test&durationMinutes=60&from=${MONDAY}T12:00&to=${MONDAY}T18:00&timezone=Europe/Berlin`,
      );
      // 12:00 in Berlin is 10:00 UTC; the working day (09:00-17:00 on the request's clock) ends at 15:00 UTC.
      expect(starts(berlin.body)[0]).toBe(`${MONDAY}T10:00:00.000Z`);
      expect(berlin.body.freeTimes.at(-1)?.endsAt).toBe(`${MONDAY}T15:00:00.000Z`);
    });

    it('answers 400 naming each bad field, and repeated or unknown parameters', async () => {
      const { status, body } = await freeTimes(
        app,
        'interviewers=not-a-person&durationMinutes=abc&from=yesterday&timezone=Mars/Base&limit=0&colour=red&slackTeamId=x',
      );
      expect(status).toBe(400);
      const fields = (body as unknown as { error: { fields: Record<string, string> } }).error.fields;
      expect(Object.keys(fields).sort()).toEqual(['colour', 'durationMinutes', 'from', 'interviewers', 'limit', 'slackTeamId', 'timezone']);
      expect(fields.interviewers).toContain('"not-a-person"');

      const missing = await freeTimes(app, 'limit=101');
      expect(Object.keys((missing.body as unknown as { error: { fields: object } }).error.fields).sort()).toEqual([
        'interviewers',
        'limit',
      ]);

      const tooLong = await freeTimes(app, `interviewers=ada@acme.test&from=${MONDAY}T00:00Z&to=2030-08-20T00:00Z`);
      expect(tooLong.status).toBe(400);
      expect((tooLong.body as unknown as { error: { fields: Record<string, string> } }).error.fields).toEqual({
        to: 'Must be at most 60 days after from.',
      });

      const twice = await freeTimes(app, 'interviewers=ada@acme.test&interviewers=U0GRACE');
      expect((twice.body as unknown as { error: { fields: Record<string, string> } }).error.fields).toEqual({
        interviewers: 'Send this parameter once.',
      });
    });
  });

  describe('with Google Workspace calendars', () => {
    let google: FakeGoogleApis;
    let app: TestApplication;
    const logs = providerTestKit();
    beforeAll(async () => {
      google = await FakeGoogleApis.start();
      google.addUser('ada@acme.test', { busy: [{ start: `${MONDAY}T09:00:00Z`, end: `${MONDAY}T10:00:00Z` }] });
      google.addUser('grace@acme.test', { busy: [{ start: `${MONDAY}T10:30:00Z`, end: `${MONDAY}T11:00:00Z` }] });
      app = await startTestApplication({ env: { ...database.env, ...googleCalendarEnv(google) }, now: () => NOW, logger: logs.logger });
    });
    afterAll(async () => {
      await app?.close();
      await google?.close();
    });

    afterAll(() => {
      // Every test above read calendars and logged at trace level; no token or key line may appear.
      expect(logs.logLines.length).toBeGreaterThan(0);
      expectNoSecretIn(logs.logLines, [
        ...google.issuedTokens,
        ...google.privateKeyPem.split('\n').filter((line) => !line.startsWith('-----')),
      ]);
    });

    it('takes pools as a JSON list: a time is free when a member is, and says whom the pool would pick', async () => {
      const pool = encodeURIComponent(JSON.stringify([{ anyOf: ['ada@acme.test', 'grace@acme.test'] }]));
      const { status, body } = await freeTimes(app, `interviewers=${pool}&durationMinutes=60&limit=3`);
      expect(status).toBe(200);
      // ada is busy 09:00–10:00, grace 10:30–11:00, each widened by the 10-minute buffer: at 09:00 only
      // grace is free, at 09:30 neither, at 10:30 and 11:00 only ada.
      expect(body.freeTimes).toEqual([
        { startsAt: `${MONDAY}T09:00:00.000Z`, endsAt: `${MONDAY}T10:00:00.000Z`, interviewers: ['grace@acme.test'] },
        { startsAt: `${MONDAY}T10:30:00.000Z`, endsAt: `${MONDAY}T11:30:00.000Z`, interviewers: ['ada@acme.test'] },
        { startsAt: `${MONDAY}T11:00:00.000Z`, endsAt: `${MONDAY}T12:00:00.000Z`, interviewers: ['ada@acme.test'] },
      ]);
      expect(body.calendars.map(({ interviewer, status: state }) => [interviewer, state])).toEqual([
        ['ada@acme.test', 'read'],
        ['grace@acme.test', 'read'],
      ]);
    });

    it.each([
      ['a pool without members', [{ anyOf: [] }], 'interviewers.0.anyOf'],
      ['a count larger than the pool', [{ anyOf: ['ada@acme.test'], count: 2 }], 'interviewers.0.count'],
      ['a person named and in a pool', ['ada@acme.test', { anyOf: ['ada@acme.test', 'grace@acme.test'] }], 'interviewers.1.anyOf'],
    ])('refuses %s with a 400 naming the field', async (_case, interviewers, field) => {
      const { status, body } = await freeTimes(app, `interviewers=${encodeURIComponent(JSON.stringify(interviewers))}&durationMinutes=60`);
      expect(status).toBe(400);
      expect(Object.keys((body as unknown as { error: { fields: object } }).error.fields)).toEqual([field]);
    });

    it('refuses a JSON list that does not parse with a 400 on interviewers', async () => {
      const { status, body } = await freeTimes(app, `interviewers=${encodeURIComponent('[{"anyOf": ')}&durationMinutes=60`);
      expect(status).toBe(400);
      expect(Object.keys((body as unknown as { error: { fields: object } }).error.fields)).toEqual(['interviewers']);
    });

    it('keeps every busy period, widened by the buffer, out of the panel’s free times, in one freeBusy call', async () => {
      const before = google.apiRequests().length;
      const { status, body } = await freeTimes(app, 'interviewers=ada@acme.test,grace@acme.test&durationMinutes=30&limit=3');
      expect(status).toBe(200);
      // Ada is busy until 10:00 (+10 min buffer), Grace from 10:30 (-10 min): 11:30 is the next start after 11:00 + buffer.
      expect(starts(body)).toEqual([`${MONDAY}T11:30:00.000Z`, `${MONDAY}T12:00:00.000Z`, `${MONDAY}T12:30:00.000Z`]);
      expect(body.calendars).toEqual([
        { interviewer: 'ada@acme.test', status: 'read' },
        { interviewer: 'grace@acme.test', status: 'read' },
      ]);
      expect(
        google
          .apiRequests()
          .slice(before)
          .filter((request) => request.path === '/calendar/v3/freeBusy'),
      ).toHaveLength(1);
    });

    it('offers nothing when one calendar cannot be read, and says whose and why', async () => {
      const { status, body } = await freeTimes(app, 'interviewers=ada@acme.test,nobody@acme.test,U0SLACKER');
      expect(status).toBe(200);
      expect(body.freeTimes).toEqual([]);
      expect(body.calendars[0]).toEqual({ interviewer: 'ada@acme.test', status: 'read' });
      expect(body.calendars[1]).toMatchObject({ interviewer: 'nobody@acme.test', status: 'unavailable' });
      expect(body.calendars[1].reason).toMatch(/nobody@acme\.test/);
      expect(body.calendars[2]).toMatchObject({ interviewer: 'U0SLACKER', status: 'unavailable' });
      expect(body.calendars[2].reason).toMatch(/Slack is off/);
    });

    it('offers nothing from a freeBusy answer whose busy period cannot be read, and says so', async () => {
      google.server.failNext(
        1,
        { status: 200, body: { calendars: { 'ada@acme.test': { busy: [{ start: `${MONDAY}T09:00:00Z` }] } } } },
        (request) => request.path === '/calendar/v3/freeBusy',
      );
      const { status, body } = await freeTimes(app, 'interviewers=ada@acme.test&limit=3');
      expect(status).toBe(200);
      expect(body.freeTimes).toEqual([]);
      expect(body.calendars).toEqual([
        {
          interviewer: 'ada@acme.test',
          status: 'unavailable',
          reason: "Google Calendar gave ada@acme.test's free/busy times in a form the app could not read",
        },
      ]);
    });

    it('says every calendar is unavailable when the admin takes the grant back', async () => {
      google.refuseGrant();
      try {
        const { body } = await freeTimes(app, 'interviewers=grace@acme.test');
        expect(body.freeTimes).toEqual([]);
        expect(body.calendars[0].status).toBe('unavailable');
        expect(body.calendars[0].reason).toMatch(/delegation|grant|refused|authori/i);
        expect(JSON.stringify(body)).not.toContain('ya29.');
      } finally {
        google.restoreGrant();
      }
    });
  });

  describe('with Google Workspace calendars that do not answer', () => {
    const BUDGET_MS = 1_500;
    let google: FakeGoogleApis;
    let app: TestApplication;
    beforeAll(async () => {
      google = await FakeGoogleApis.start();
      google.addUser('ada@acme.test');
      for (let index = 0; index < 6; index += 1) google.addUser(`hidden${index}@acme.test`, { sharesFreeBusy: false });
      app = await startTestApplication({
        env: { ...database.env, ...googleCalendarEnv(google) },
        now: () => NOW,
        calendarReadBudgetMs: BUDGET_MS,
      });
    });
    afterAll(async () => {
      await app?.close();
      await google?.close();
    });

    it('answers within the read’s budget, every calendar unavailable and why, when Google never answers', async () => {
      let hanging = true;
      const held = google.server.holdNextAnswers(100, (request) => hanging && request.path === '/calendar/v3/freeBusy');
      try {
        const startedAt = Date.now();
        const { status, body } = await freeTimes(app, 'interviewers=ada@acme.test,hidden0@acme.test&durationMinutes=60');
        expect(Date.now() - startedAt).toBeLessThan(2 * BUDGET_MS);
        expect(status).toBe(200);
        expect(body.freeTimes).toEqual([]);
        expect(body.calendars).toEqual(
          ['ada@acme.test', 'hidden0@acme.test'].map((interviewer) => ({
            interviewer,
            status: 'unavailable',
            reason: `Google Calendar did not answer in time (the ${BUDGET_MS} ms a calendar read may take ran out)`,
          })),
        );
      } finally {
        hanging = false;
        held.release();
      }
    });

    it('answers within the budget for a panel of six whose calendars are each re-read as their owner, when those reads hang', async () => {
      const panel = Array.from({ length: 6 }, (_, index) => `hidden${index}@acme.test`);
      let hanging = true;
      const held = google.server.holdNextAnswers(
        100,
        (request) =>
          hanging && request.path === '/calendar/v3/freeBusy' && (JSON.parse(request.text) as { items: unknown[] }).items.length === 1,
      );
      try {
        const startedAt = Date.now();
        const { status, body } = await freeTimes(app, `interviewers=${['ada@acme.test', ...panel].join(',')}&durationMinutes=60`);
        expect(Date.now() - startedAt).toBeLessThan(2 * BUDGET_MS);
        expect(status).toBe(200);
        expect(body.calendars[0]).toEqual({ interviewer: 'ada@acme.test', status: 'read' });
        expect(body.calendars.slice(1)).toEqual(
          panel.map((interviewer) => ({ interviewer, status: 'unavailable', reason: expect.stringMatching(/did not answer in time/) })),
        );
      } finally {
        hanging = false;
        held.release();
      }
    });

    it('says a calendar is unavailable, and does not fail, when Google answers with more than 4 MB', async () => {
      google.server.failNext(
        3,
        { status: 200, body: { calendars: {}, padding: 'x'.repeat(5 * 1024 * 1024) } },
        (request) => request.path === '/calendar/v3/freeBusy',
      );
      const { status, body } = await freeTimes(app, 'interviewers=ada@acme.test&durationMinutes=60');
      expect(status).toBe(200);
      expect(body.freeTimes).toEqual([]);
      // Retried while the budget leaves time for it (1.5 s here: twice).
      expect(body.calendars).toEqual([
        {
          interviewer: 'ada@acme.test',
          status: 'unavailable',
          reason: expect.stringMatching(/^Google Calendar gave an answer the app could not read \(more than 4 MB\) \(after \d attempts\)$/),
        },
      ]);
    });
  });

  describe('with Microsoft 365 calendars', () => {
    let graph: FakeMicrosoftGraph;
    let app: TestApplication;
    const logs = providerTestKit();
    beforeAll(async () => {
      graph = await FakeMicrosoftGraph.start();
      graph.addMailbox('ada@acme.test', [{ status: 'busy', start: `${MONDAY}T09:00:00`, end: `${MONDAY}T10:00:00` }]);
      graph.addMailbox('grace@acme.test', [{ status: 'oof', start: `${MONDAY}T00:00:00`, end: `${MONDAY}T23:59:00` }]);
      graph.addMailbox('hidden@acme.test');
      graph.denyAccessTo('hidden@acme.test');
      app = await startTestApplication({ env: { ...database.env, ...microsoftCalendarEnv(graph) }, now: () => NOW, logger: logs.logger });
    });
    afterAll(async () => {
      await app?.close();
      await graph?.close();
      expect(logs.logLines.length).toBeGreaterThan(0);
      expectNoSecretIn(logs.logLines, [graph.clientSecret, ...graph.issuedTokens]);
    });

    it('reads getSchedule and offers only the times every calendar leaves free', async () => {
      const { status, body } = await freeTimes(app, 'interviewers=ada@acme.test,grace@acme.test&durationMinutes=45&limit=2');
      expect(status).toBe(200);
      // Grace is out of office all Monday: the first time is Tuesday's first.
      expect(starts(body)).toEqual(['2030-06-04T09:00:00.000Z', '2030-06-04T09:30:00.000Z']);
      expect(body.calendars.map((calendar) => calendar.status)).toEqual(['read', 'read']);
      const alone = await freeTimes(app, 'interviewers=ada@acme.test&limit=1');
      expect(starts(alone.body)).toEqual([`${MONDAY}T10:30:00.000Z`]);
    });

    it('names a mailbox the access policy leaves out, and one that does not exist', async () => {
      const { body } = await freeTimes(app, 'interviewers=hidden@acme.test,ghost@acme.test');
      expect(body.freeTimes).toEqual([]);
      expect(body.calendars.map((calendar) => calendar.status)).toEqual(['unavailable', 'unavailable']);
      for (const calendar of body.calendars) expect(calendar.reason).toEqual(expect.any(String));
      expect(JSON.stringify(body)).not.toContain(graph.clientSecret);
    });
  });
});
