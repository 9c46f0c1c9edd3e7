import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';
import { googleCalendarEnv } from '../support/calendarProviderEnv';
import { FakeGoogleApis } from '../support/fakeGoogleApis';
import { startTestApplication, type TestApplication } from '../support/testApplication';

/** A Monday, 05:00 UTC: with 4 hours' notice, the first free start is 09:00 UTC. */
const NOW = new Date('2030-06-03T05:00:00Z');
const MONDAY = '2030-06-03';
const TUESDAY = '2030-06-04';
const WEDNESDAY = '2030-06-05';

interface BookingRequestBody {
  id: string;
  bookingLink: string;
  slots: Array<{ id: string; startsAt: string; durationMinutes: number }>;
}

function post(app: TestApplication, path: string, body: unknown): Promise<Response> {
  return fetch(`${app.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

const request = (overrides: object = {}) => ({
  candidateName: 'Jane Doe',
  candidateEmail: 'jane@example.com',
  interviewers: ['ada@acme.test', 'grace@acme.test'],
  durationMinutes: 60,
  findTimes: { count: 3, from: `${MONDAY}T00:00:00Z`, to: `${MONDAY}T23:59:00Z` },
  ...overrides,
});

const slotIdsOnPage = (html: string) => [...html.matchAll(/name="slotId" id="[^"]+" value="([^"]+)"/g)].map((match) => match[1]);

describeOnEachDatabase('booking requests that offer the panel’s free times', (openDatabase) => {
  let database: TestDatabase;
  let google: FakeGoogleApis;
  let app: TestApplication;

  beforeAll(async () => {
    database = await openDatabase();
    google = await FakeGoogleApis.start();
    google.addUser('ada@acme.test', { busy: [{ start: `${MONDAY}T09:00:00Z`, end: `${MONDAY}T10:00:00Z` }] });
    google.addUser('grace@acme.test');
    google.addUser('linus@acme.test', { busy: [{ start: `${TUESDAY}T09:00:00Z`, end: `${TUESDAY}T15:30:00Z` }] });
    google.addUser('barbara@acme.test');
    app = await startTestApplication({ env: { ...database.env, ...googleCalendarEnv(google) }, now: () => NOW });
  });
  afterAll(async () => {
    await app?.close();
    await google?.close();
    await database?.drop();
  });

  it('offers `count` free times, earliest first, as slots no other list shows', async () => {
    const response = await post(app, '/api/booking-requests', request());
    expect(response.status).toBe(201);
    const body = (await response.json()) as BookingRequestBody;
    expect(body.slots.map((slot) => [slot.startsAt, slot.durationMinutes])).toEqual([
      [`${MONDAY}T10:30:00.000Z`, 60],
      [`${MONDAY}T11:00:00.000Z`, 60],
      [`${MONDAY}T11:30:00.000Z`, 60],
    ]);
    const openSlots = (await (await fetch(`${app.url}/api/slots?limit=100`)).json()) as { slots: Array<{ id: string }> };
    expect(openSlots.slots.map((slot) => slot.id)).not.toEqual(expect.arrayContaining([body.slots[0].id]));
  });

  it('spreads the offered times over the days with free time, filling up from the earliest left when a day has too few', async () => {
    const response = await post(
      app,
      '/api/booking-requests',
      request({
        candidateEmail: 'spread@example.com',
        interviewers: ['linus@acme.test', 'barbara@acme.test'],
        findTimes: { count: 6, from: `${MONDAY}T00:00:00Z`, to: '2030-06-06T00:00:00Z' },
      }),
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as BookingRequestBody;
    // Three days with free time: at most two a day; Tuesday has one (16:00), so Monday's next fills up.
    expect(body.slots.map((slot) => slot.startsAt)).toEqual([
      `${MONDAY}T09:00:00.000Z`,
      `${MONDAY}T09:30:00.000Z`,
      `${MONDAY}T10:00:00.000Z`,
      `${TUESDAY}T16:00:00.000Z`,
      `${WEDNESDAY}T09:00:00.000Z`,
      `${WEDNESDAY}T09:30:00.000Z`,
    ]);
  });

  it('answers 409 no_free_times with each calendar’s state when there is none', async () => {
    const response = await post(app, '/api/booking-requests', request({ interviewers: ['ada@acme.test', 'nobody@acme.test'] }));
    expect(response.status).toBe(409);
    const body = (await response.json()) as {
      error: { code: string; calendars: Array<{ interviewer: string; status: string; reason?: string }> };
    };
    expect(body.error.code).toBe('no_free_times');
    expect(body.error.calendars.map(({ interviewer, status }) => [interviewer, status])).toEqual([
      ['ada@acme.test', 'read'],
      ['nobody@acme.test', 'unavailable'],
    ]);
    expect(body.error.calendars[1].reason).toEqual(expect.any(String));
  });

  it.each([
    ['a count of 0', { findTimes: { count: 0 } }, ['findTimes']],
    ['findTimes beside slotIds', { slotIds: ['0b7f4c1e-2a43-4d55-9d3e-6f1a2b3c4d5e'] }, ['findTimes']],
    ['no interviewers', { interviewers: [] }, ['interviewers']],
    ['an unknown key', { findTimes: { count: 2, colour: 'red' } }, ['findTimes']],
    ['an unreadable from', { findTimes: { from: 'soon' } }, ['findTimes.from']],
    ['a window longer than 60 days', { findTimes: { from: `${MONDAY}T00:00Z`, to: '2030-09-01T00:00Z' } }, ['findTimes.to']],
  ])('refuses %s with a 400 naming the field', async (_case, overrides, fields) => {
    const response = await post(app, '/api/booking-requests', request(overrides));
    expect(response.status).toBe(400);
    expect(Object.keys(((await response.json()) as { error: { fields: object } }).error.fields)).toEqual(fields);
  });

  it('shows only the times still free on the page, and refuses with a 409 page a pick that became busy, listing what is left', async () => {
    const created = (await (await post(app, '/api/booking-requests', request())).json()) as BookingRequestBody;
    const token = created.bookingLink.split('token=')[1];
    const [first, second, third] = created.slots.map((slot) => slot.id);
    // Grace's calendar fills 12:00-13:00 after the link went out (10 minutes' buffer before it): the 11:00 and 11:30 times are gone.
    google.addUser('grace@acme.test', { busy: [{ start: `${MONDAY}T12:00:00Z`, end: `${MONDAY}T13:00:00Z` }] });
    const pageAfter = await fetch(`${app.url}/book/?token=${token}`);
    expect(pageAfter.status).toBe(200);
    expect(slotIdsOnPage(await pageAfter.text())).toEqual([first]);

    const refused = await fetch(`${app.url}/book/`, {
      method: 'POST',
      body: new URLSearchParams({ token, slotId: second }),
      redirect: 'manual',
    });
    expect(refused.status).toBe(409);
    const refusedPage = await refused.text();
    expect(refusedPage).toContain('no longer free for the interviewers');
    expect(slotIdsOnPage(refusedPage)).toEqual([first]);
    expect(slotIdsOnPage(refusedPage)).not.toContain(third);

    const booked = await fetch(`${app.url}/book/`, {
      method: 'POST',
      body: new URLSearchParams({ token, slotId: first }),
      redirect: 'manual',
    });
    expect(booked.status).toBe(303);
    const state = (await (await fetch(`${app.url}/api/booking-requests/${created.id}`)).json()) as { status: string; interviewId: string };
    expect(state.status).toBe('booked');
    const interview = (await (await fetch(`${app.url}/api/interviews/${state.interviewId}`)).json()) as {
      scheduledTime: string;
      interviewers: Array<{ email?: string }>;
    };
    expect(interview.scheduledTime).toBe(`${MONDAY}T10:30:00.000Z`);
    expect(interview.interviewers.map((person) => person.email)).toEqual(['ada@acme.test', 'grace@acme.test']);
  });

  it('tells the candidate no time can be offered now, with the link’s real deadline, while a calendar cannot be read; and refuses a pick then', async () => {
    const created = (await (
      await post(app, '/api/booking-requests', request({ interviewers: ['barbara@acme.test'] }))
    ).json()) as BookingRequestBody;
    const token = created.bookingLink.split('token=')[1];
    let googleDown = true;
    google.server.failNext(1_000, { status: 503 }, (received) => googleDown && received.path === '/calendar/v3/freeBusy');
    try {
      const page = await fetch(`${app.url}/book/?token=${token}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(slotIdsOnPage(html)).toEqual([]);
      expect(html).toContain('None of the offered times can be confirmed free for the interviewers right now');
      expect(html).not.toContain('Book this time');
      expect(html).not.toContain('Invalid');

      const refused = await fetch(`${app.url}/book/`, {
        method: 'POST',
        body: new URLSearchParams({ token, slotId: created.slots[0].id }),
        redirect: 'manual',
      });
      expect(refused.status).toBe(409);
      expect(await refused.text()).not.toContain('Invalid');
    } finally {
      googleDown = false;
    }
  });
});
