import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';
import { startTestApplication, type TestApplication } from '../support/testApplication';

/**
 * Whatever reaches a booking link's doors (the API, the page, its form), on either database:
 * a clear 400 or the same 404, never a 500, and nothing stored.
 */
describeOnEachDatabase('hostile input to booking links', (openDatabase) => {
  let app: TestApplication;
  let database: TestDatabase | undefined;
  let slotId: string;

  beforeAll(async () => {
    database = await openDatabase();
    app = await startTestApplication({ env: database.env });
    const response = await fetch(`${app.url}/api/slots`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ startsAt: new Date(Date.now() + 48 * 3_600_000).toISOString(), durationMinutes: 30, interviewers: ['U0ADA'] }),
    });
    slotId = ((await response.json()) as { id: string }).id;
  }, 30_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const requestCount = async () =>
    ((await (await fetch(`${app.url}/api/booking-requests?limit=100`)).json()) as { bookingRequests: unknown[] }).bookingRequests.length;

  it.each([
    ['a name with a NUL byte', { candidateName: 'Jane\u0000Doe' }, ['candidateName']],
    ['a slot id with a NUL byte', { slotIds: ['\u0000'] }, ['slotIds']],
    ['slot ids that are not text', { slotIds: [42, null, {}] }, ['slotIds']],
    ['a slot id of 40,000 characters', { slotIds: ['a'.repeat(40_000)] }, ['slotIds']],
    ['a time zone with a NUL byte', { timezone: 'Europe/Berlin\u0000' }, ['timezone']],
    ['a time in year 275760 beside the slots', { scheduledTime: '+275760-09-13T00:00:00Z' }, ['slotIds']],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_case, fields, expected) => {
    const before = await requestCount();
    const response = await fetch(`${app.url}/api/booking-requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ candidateName: 'Jane', candidateEmail: 'jane@example.com', slotIds: [slotId], ...fields }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(body.error.fields)).toEqual(expected);
    expect(await requestCount()).toBe(before);
  });

  it.each([
    ['a NUL byte', '%00'],
    ['5,000 characters', 'a'.repeat(5000)],
    ['31 hex digits and a NUL byte', `${'0'.repeat(31)}%00`],
    ['broken UTF-8', '%E0%A4%A'],
  ])('answers the page for a token of %s with the plain 404', async (_case, token) => {
    const response = await fetch(`${app.url}/book/?token=${token}&zone=%00`);
    expect(response.status).toBe(404);
  });

  it.each([
    ['a NUL token', (slot: string) => ({ token: '\u0000', slotId: slot })],
    ['a NUL slot', () => ({ token: '0'.repeat(32), slotId: '\u0000' })],
    ['no fields at all', () => ({})],
  ])('answers the form with %s with the plain 404', async (_case, form) => {
    const response = await fetch(`${app.url}/book/`, { method: 'POST', body: new URLSearchParams(form(slotId)), redirect: 'manual' });
    expect(response.status).toBe(404);
  });

  it('answers a form sent as JSON, or as nothing, with the plain 404', async () => {
    for (const init of [
      { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: '0'.repeat(32), slotId }) },
      { body: undefined },
    ]) {
      expect((await fetch(`${app.url}/book/`, { method: 'POST', ...init })).status).toBe(404);
    }
  });

  it('adds a window sent twice once, keeping its first id', async () => {
    const window = { startsAt: new Date(Date.now() + 72 * 3_600_000).toISOString(), durationMinutes: 45, interviewer: 'U0TWICE' };
    const send = async () => {
      const response = await fetch(`${app.url}/api/slots`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ slots: [window, window] }),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { slots: Array<{ id: string }> }).slots.map((slot) => slot.id);
    };
    const first = await send();
    expect(new Set(first).size).toBe(1);
    expect(await send()).toEqual(first);
  });

  it('answers unknown ids on the API with 404', async () => {
    for (const id of ['%00', '00000000-0000-4000-8000-000000000000', 'x'.repeat(300)]) {
      expect((await fetch(`${app.url}/api/booking-requests/${id}`)).status).toBe(404);
      expect((await fetch(`${app.url}/api/booking-requests/${id}/cancel`, { method: 'POST' })).status).toBe(404);
    }
  });
});
