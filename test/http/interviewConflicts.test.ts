import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';
import { googleCalendarEnv, microsoftCalendarEnv } from '../support/calendarProviderEnv';
import { FakeGoogleApis } from '../support/fakeGoogleApis';
import { FakeMicrosoftGraph } from '../support/fakeMicrosoftGraph';
import { startTestApplication, type TestApplication } from '../support/testApplication';

const NOW = new Date('2030-06-03T05:00:00Z');
const MONDAY = '2030-06-03';

interface ErrorBody {
  error: { code: string; message: string; busy?: Array<{ interviewer: string; startsAt: string; endsAt: string }> };
}

function send(app: TestApplication, method: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${app.url}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

const interview = (overrides: object = {}) => ({
  candidateName: 'Jane Doe',
  candidateEmail: 'jane@example.com',
  interviewers: ['ada@acme.test', 'grace@acme.test'],
  durationMinutes: 60,
  ...overrides,
});

async function interviewCount(app: TestApplication): Promise<number> {
  const response = await fetch(`${app.url}/api/interviews?limit=100`);
  return ((await response.json()) as { interviews: unknown[] }).interviews.length;
}

describeOnEachDatabase('a chosen time that clashes with a calendar', (openDatabase) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  describe('on Google Workspace', () => {
    let google: FakeGoogleApis;
    let app: TestApplication;
    beforeAll(async () => {
      google = await FakeGoogleApis.start();
      google.addUser('ada@acme.test', { busy: [{ start: `${MONDAY}T10:00:00Z`, end: `${MONDAY}T10:30:00Z` }] });
      google.addUser('grace@acme.test', { busy: [{ start: `${MONDAY}T14:00:00Z`, end: `${MONDAY}T15:00:00Z` }] });
      app = await startTestApplication({ env: { ...database.env, ...googleCalendarEnv(google) }, now: () => NOW });
    });
    afterAll(async () => {
      await app?.close();
      await google?.close();
    });

    it('never picks a pool member whose calendar is busy at a chosen time, and answers 409 when every member is', async () => {
      google.addUser('ivy@acme.test', { busy: [{ start: `${MONDAY}T10:00:00Z`, end: `${MONDAY}T10:30:00Z` }] });
      google.addUser('jon@acme.test');
      const picked = await send(
        app,
        'POST',
        '/api/interviews',
        interview({ interviewers: [{ anyOf: ['ivy@acme.test', 'jon@acme.test'] }], scheduledTime: `${MONDAY}T10:00:00Z` }),
      );
      expect(picked.status).toBe(201);
      // ivy's calendar is busy 10:00–10:30: the pool picks jon, though ivy comes first.
      expect(((await picked.json()) as { interviewers: unknown[] }).interviewers).toEqual([{ email: 'jon@acme.test' }]);

      google.addUser('jon@acme.test', { busy: [{ start: `${MONDAY}T10:00:00Z`, end: `${MONDAY}T10:30:00Z` }] });
      const before = await interviewCount(app);
      const refused = await send(
        app,
        'POST',
        '/api/interviews',
        interview({
          candidateEmail: 'pool-busy@example.com',
          interviewers: [{ anyOf: ['ivy@acme.test', 'jon@acme.test'] }],
          scheduledTime: `${MONDAY}T10:00:00Z`,
        }),
      );
      expect(refused.status).toBe(409);
      const body = (await refused.json()) as ErrorBody;
      expect(body.error.code).toBe('interviewers_busy');
      expect(new Set(body.error.busy?.map((period) => period.interviewer))).toEqual(new Set(['ivy@acme.test', 'jon@acme.test']));
      expect(await interviewCount(app)).toBe(before);
    });

    it('picks a pool member whose calendar it could read before one whose calendar it could not, and that one only when nobody else is free', async () => {
      // Google knows no ghost@: their calendar is unreadable ("notFound"), so their time is unknown.
      google.addUser('kim@acme.test');
      const picked = await send(
        app,
        'POST',
        '/api/interviews',
        interview({
          candidateEmail: 'pool-unknown@example.com',
          interviewers: [{ anyOf: ['ghost@acme.test', 'kim@acme.test'] }],
          scheduledTime: `${MONDAY}T11:00:00Z`,
        }),
      );
      expect(picked.status).toBe(201);
      const answer = (await picked.json()) as { interviewers: unknown[]; poolPicks: unknown };
      expect(answer.interviewers).toEqual([{ email: 'kim@acme.test' }]);
      expect(JSON.stringify(answer.poolPicks)).toContain('ghost@acme.test');

      google.addUser('kim@acme.test', { busy: [{ start: `${MONDAY}T11:00:00Z`, end: `${MONDAY}T12:00:00Z` }] });
      const onlyUnknownLeft = await send(
        app,
        'POST',
        '/api/interviews',
        interview({
          candidateEmail: 'pool-unknown-2@example.com',
          interviewers: [{ anyOf: ['ghost@acme.test', 'kim@acme.test'] }],
          scheduledTime: `${MONDAY}T11:00:00Z`,
        }),
      );
      expect(onlyUnknownLeft.status).toBe(201);
      expect(((await onlyUnknownLeft.json()) as { interviewers: unknown[] }).interviewers).toEqual([{ email: 'ghost@acme.test' }]);
    });

    it('refuses a loop whose session falls on a calendar-busy interviewer with 409, storing nothing', async () => {
      const before = await interviewCount(app);
      const response = await send(app, 'POST', '/api/interviews', {
        candidateName: 'Loop Candidate',
        candidateEmail: 'loop-busy@example.com',
        scheduledTime: `${MONDAY}T13:00:00Z`,
        maxGapMinutes: 0,
        sessions: [
          { title: 'Coding', durationMinutes: 60, interviewers: ['ada@acme.test'] },
          { title: 'Design', durationMinutes: 60, interviewers: ['grace@acme.test'] },
        ],
      });
      expect(response.status).toBe(409);
      const body = (await response.json()) as ErrorBody;
      expect(body.error.code).toBe('interviewers_busy');
      expect(body.error.busy).toEqual([
        { interviewer: 'grace@acme.test', startsAt: `${MONDAY}T14:00:00.000Z`, endsAt: `${MONDAY}T15:00:00.000Z` },
      ]);
      expect(await interviewCount(app)).toBe(before);
    });

    it('refuses POST with 409 interviewers_busy naming who is busy when, and stores nothing', async () => {
      const before = await interviewCount(app);
      const response = await send(app, 'POST', '/api/interviews', interview({ scheduledTime: `${MONDAY}T09:45:00Z` }));
      expect(response.status).toBe(409);
      const body = (await response.json()) as ErrorBody;
      expect(body.error.code).toBe('interviewers_busy');
      expect(body.error.busy).toEqual([
        { interviewer: 'ada@acme.test', startsAt: `${MONDAY}T10:00:00.000Z`, endsAt: `${MONDAY}T10:30:00.000Z` },
      ]);
      expect(body.error.message).toContain('ada@acme.test');
      expect(await interviewCount(app)).toBe(before);
    });

    it('schedules at a free time, and at a busy one when the body says allowConflicts', async () => {
      const free = await send(app, 'POST', '/api/interviews', interview({ scheduledTime: `${MONDAY}T11:00:00Z` }));
      expect(free.status).toBe(201);
      const anyway = await send(app, 'POST', '/api/interviews', interview({ scheduledTime: `${MONDAY}T10:00:00Z`, allowConflicts: true }));
      expect(anyway.status).toBe(201);
      const wrong = await send(app, 'POST', '/api/interviews', interview({ scheduledTime: `${MONDAY}T10:00:00Z`, allowConflicts: 'yes' }));
      expect(wrong.status).toBe(400);
      expect(((await wrong.json()) as { error: { fields: object } }).error.fields).toEqual({
        allowConflicts: 'allowConflicts must be true or false.',
      });
    });

    it('refuses PATCH into a busy time, counts not the interview’s own current time, and moves with allowConflicts', async () => {
      const created = await send(
        app,
        'POST',
        '/api/interviews',
        interview({ interviewers: ['grace@acme.test'], scheduledTime: `${MONDAY}T12:00:00Z` }),
      );
      const { id } = (await created.json()) as { id: string };
      // Grace's calendar now shows the interview itself at 12:00-13:00, as its own event would.
      google.addUser('grace@acme.test', {
        busy: [
          { start: `${MONDAY}T12:00:00Z`, end: `${MONDAY}T13:00:00Z` },
          { start: `${MONDAY}T14:00:00Z`, end: `${MONDAY}T15:00:00Z` },
        ],
      });
      const busy = await send(app, 'PATCH', `/api/interviews/${id}`, { scheduledTime: `${MONDAY}T13:30:00Z` });
      expect(busy.status).toBe(409);
      expect(((await busy.json()) as ErrorBody).error.busy).toEqual([
        { interviewer: 'grace@acme.test', startsAt: `${MONDAY}T14:00:00.000Z`, endsAt: `${MONDAY}T14:30:00.000Z` },
      ]);
      const overlapsItself = await send(app, 'PATCH', `/api/interviews/${id}`, { scheduledTime: `${MONDAY}T12:30:00Z` });
      expect(overlapsItself.status).toBe(200);
      const anyway = await send(app, 'PATCH', `/api/interviews/${id}`, { scheduledTime: `${MONDAY}T14:00:00Z`, allowConflicts: true });
      expect(anyway.status).toBe(200);
      expect(((await anyway.json()) as { scheduledTime: string }).scheduledTime).toBe(`${MONDAY}T14:00:00.000Z`);
    });
  });

  describe('on Microsoft 365', () => {
    let graph: FakeMicrosoftGraph;
    let app: TestApplication;
    beforeAll(async () => {
      graph = await FakeMicrosoftGraph.start();
      graph.addMailbox('ada@acme.test', [{ status: 'tentative', start: `${MONDAY}T10:00:00`, end: `${MONDAY}T11:00:00` }]);
      graph.addMailbox('grace@acme.test');
      app = await startTestApplication({ env: { ...database.env, ...microsoftCalendarEnv(graph) }, now: () => NOW });
    });
    afterAll(async () => {
      await app?.close();
      await graph?.close();
    });

    it('refuses a time a tentative event holds, and takes one nobody is busy at', async () => {
      const busy = await send(app, 'POST', '/api/interviews', interview({ scheduledTime: `${MONDAY}T10:30:00Z` }));
      expect(busy.status).toBe(409);
      expect(((await busy.json()) as ErrorBody).error.busy?.map((each) => each.interviewer)).toEqual(['ada@acme.test']);
      const free = await send(app, 'POST', '/api/interviews', interview({ scheduledTime: `${MONDAY}T11:00:00Z` }));
      expect(free.status).toBe(201);
    });
  });
});
