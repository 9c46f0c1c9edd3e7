import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';
import { googleCalendarEnv, microsoftCalendarEnv } from '../support/calendarProviderEnv';
import { FakeGoogleApis } from '../support/fakeGoogleApis';
import { FakeMicrosoftGraph } from '../support/fakeMicrosoftGraph';
import { LessThanOrEqual } from 'typeorm';
import { DeliveryJob, DeliveryStatus } from '../../src/domain/deliveries/DeliveryJob';
import { FakeSlackWebApi } from '../support/fakeSlackWebApi';
import { eventually, startTestApplication, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, type TestApplication } from '../support/testApplication';

const MONDAY = '2030-06-03';

/** The app's clock: Monday 05:00 UTC when the file starts, moving on in real time (retries fall due). */
const CLOCK_OFFSET_MS = Date.parse(`${MONDAY}T05:00:00Z`) - Date.now();
const appNow = () => new Date(Date.now() + CLOCK_OFFSET_MS);

/** Waits until, on the app's clock, the outbox has nothing in flight and nothing due within the next second. */
async function settled(app: TestApplication): Promise<void> {
  await eventually(
    async () => {
      const busy = await app.database.read((manager) =>
        manager.count(DeliveryJob, {
          where: [
            { status: DeliveryStatus.InFlight },
            { status: DeliveryStatus.Pending, nextAttemptAt: LessThanOrEqual(new Date(appNow().getTime() + 1000)) },
          ],
        }),
      );
      return busy === 0;
    },
    'the outbox to settle',
    15_000,
  );
}

interface Delivery {
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

function send(app: TestApplication, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function deliveriesOf(app: TestApplication, id: string): Promise<Delivery[]> {
  return ((await (await fetch(`${app.url}/api/interviews/${id}`)).json()) as { deliveries: Delivery[] }).deliveries;
}

/** Who the app emailed (SendGrid's request bodies, as the mail folder keeps them), with each subject. */
function emailsSent(app: TestApplication): Array<{ to: string; subject: string }> {
  const folder = join(app.folder, 'mail');
  if (!existsSync(folder)) return [];
  const files = readdirSync(folder).filter((file) => file.endsWith('.json'));
  return files.map((file) => {
    const request = JSON.parse(readFileSync(join(folder, file), 'utf8')) as {
      personalizations: Array<{ to: Array<{ email: string }> }>;
      subject: string;
    };
    return { to: request.personalizations[0].to[0].email, subject: request.subject };
  });
}

const sentTo = (app: TestApplication, address: string) => emailsSent(app).filter((email) => email.to === address);

async function schedule(app: TestApplication, interviewers: string[], time = `${MONDAY}T11:00:00Z`): Promise<string> {
  const response = await send(app, 'POST', '/api/interviews', {
    candidateName: 'Jane Doe',
    candidateEmail: 'jane@example.com',
    role: 'Backend Engineer',
    interviewers,
    scheduledTime: time,
    durationMinutes: 60,
    channelId: 'C0HIRING',
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describeOnEachDatabase('interviews written on the interviewers’ own calendars', (openDatabase) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  describe('on Google Workspace', () => {
    let google: FakeGoogleApis;
    let slack: FakeSlackWebApi;
    let app: TestApplication;
    beforeAll(async () => {
      google = await FakeGoogleApis.start();
      google.addUser('ada@acme.test');
      slack = await FakeSlackWebApi.start();
      const slackEnv = { SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.url };
      app = await startTestApplication({ env: { ...database.env, ...googleCalendarEnv(google), ...slackEnv }, now: appNow });
    });
    afterAll(async () => {
      await app?.close();
      await google?.close();
      await slack?.close();
    });

    const refusalReplies = () =>
      slack.callsTo('chat.postMessage').filter((call) => String(call.args.text).includes('did not take the interview'));

    it('creates, moves and deletes the event once each, without attendees; emails instead the one whose calendar refuses, telling the thread once', async () => {
      const id = await schedule(app, ['ada@acme.test', 'ghost@acme.test']);
      await settled(app);
      const [event] = google.eventsOf('ada@acme.test');
      expect(google.eventsOf('ada@acme.test')).toHaveLength(1);
      expect(event.summary).toBe('Interview: Jane Doe (Backend Engineer)');
      expect(event.description).toContain('With: ghost@acme.test, Jane Doe');
      expect(event.attendees ?? []).toEqual([]);
      expect(Date.parse(event.start!.dateTime)).toBe(Date.parse(`${MONDAY}T11:00:00Z`));
      expect(sentTo(app, 'ada@acme.test')).toEqual([]);
      expect(sentTo(app, 'ghost@acme.test')).toHaveLength(1);
      expect(refusalReplies()).toHaveLength(1);
      expect(String(refusalReplies()[0].args.text)).toContain('ghost@acme.test');
      const writes = () => google.apiRequests().filter((request) => request.path.includes('/events') && request.method !== 'GET');
      const writesAfterCreate = writes().length;

      expect((await send(app, 'PATCH', `/api/interviews/${id}`, { scheduledTime: `${MONDAY}T13:00:00Z` })).status).toBe(200);
      await settled(app);
      expect(google.eventsOf('ada@acme.test')).toHaveLength(1);
      expect(Date.parse(google.eventsOf('ada@acme.test')[0].start!.dateTime)).toBe(Date.parse(`${MONDAY}T13:00:00Z`));
      expect(writes()).toHaveLength(writesAfterCreate + 1);
      expect(sentTo(app, 'ada@acme.test')).toEqual([]);
      expect(sentTo(app, 'ghost@acme.test')).toHaveLength(2);
      // No second word about Ghost's calendar.
      expect(refusalReplies()).toHaveLength(1);

      expect((await send(app, 'POST', `/api/interviews/${id}/cancel`)).status).toBe(200);
      await settled(app);
      expect(google.eventsOf('ada@acme.test')[0].status).toBe('cancelled');
      expect(writes()).toHaveLength(writesAfterCreate + 2);
      expect(sentTo(app, 'ghost@acme.test').map((email) => email.subject)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^Cancelled:/)]),
      );
      expect(refusalReplies()).toHaveLength(1);
      const calendarJobs = (await deliveriesOf(app, id)).filter((job) => job.kind === 'calendar_event');
      // Ada's event made, moved and deleted; Ghost's three refused (each emailed instead).
      expect(calendarJobs.map((job) => job.status).sort()).toEqual(['delivered', 'delivered', 'delivered', 'failed', 'failed', 'failed']);
    });

    it('retries an event write the provider answers 503 to, as long as Retry-After says', async () => {
      google.addUser('grace@acme.test');
      // More 503s than the adapter's own three attempts: the outbox tries the job again.
      google.server.failNext(
        4,
        { status: 503, headers: { 'Retry-After': '0' }, body: { error: { code: 503, message: 'Backend Error' } } },
        (request) => request.path.includes('/events'),
      );
      const id = await schedule(app, ['grace@acme.test'], `${MONDAY}T15:00:00Z`);
      await eventually(async () => google.eventsOf('grace@acme.test').length === 1, 'the event after the provider recovers', 15_000);
      await settled(app);
      const job = (await deliveriesOf(app, id)).find((each) => each.kind === 'calendar_event')!;
      expect(job.status).toBe('delivered');
      expect(job.attempts).toBeGreaterThan(1);
      expect(sentTo(app, 'grace@acme.test')).toEqual([]);
    });
  });

  describe('on Microsoft 365', () => {
    let graph: FakeMicrosoftGraph;
    let app: TestApplication;
    beforeAll(async () => {
      graph = await FakeMicrosoftGraph.start();
      graph.addMailbox('ada@acme.test');
      graph.addMailbox('hidden@acme.test');
      graph.denyAccessTo('hidden@acme.test');
      app = await startTestApplication({ env: { ...database.env, ...microsoftCalendarEnv(graph) }, now: appNow });
    });
    afterAll(async () => {
      await app?.close();
      await graph?.close();
    });

    it('writes each person’s own event without attendees, and emails the one the access policy leaves out', async () => {
      const id = await schedule(app, ['ada@acme.test', 'hidden@acme.test']);
      await settled(app);
      const events = graph.eventsOf('ada@acme.test');
      expect(events).toHaveLength(1);
      expect(events[0].subject).toBe('Interview: Jane Doe (Backend Engineer)');
      expect(events[0].attendees ?? []).toEqual([]);
      expect(sentTo(app, 'ada@acme.test')).toEqual([]);
      expect(sentTo(app, 'hidden@acme.test')).toHaveLength(1);

      expect((await send(app, 'POST', `/api/interviews/${id}/cancel`)).status).toBe(200);
      await settled(app);
      expect(graph.eventsOf('ada@acme.test')).toEqual([]);
    });
  });
});
