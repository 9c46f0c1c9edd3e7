import { BookingRequest } from '../../src/domain/bookings/BookingRequest';
import { DeliveryJob } from '../../src/domain/deliveries/DeliveryJob';
import { FakeSendGridApi, htmlPart, textPart } from '../support/fakeSendGridApi';
import { eventually, startTestApplication, TEST_API_TOKEN, type TestApplication } from '../support/testApplication';

let sendGrid: FakeSendGridApi;
let app: TestApplication;
/** How far the app's clock runs ahead of the real one; tests move it to reach a quiet period's end. */
let clockAheadMs = 0;

beforeAll(async () => {
  sendGrid = await FakeSendGridApi.start();
  app = await startTestApplication({
    env: {
      SENDGRID_API_KEY: sendGrid.apiKey,
      SENDGRID_API_URL: sendGrid.url,
      MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
      PUBLIC_BASE_URL: 'https://hire.acme.example',
    },
    now: () => new Date(Date.now() + clockAheadMs),
  });
});
afterAll(async () => {
  await app?.close();
  await sendGrid?.close();
});

const HOUR = 3_600_000;
let nextSlotHour = 48;

/** Open slots a day or more ahead, one hour apart. */
async function offerSlots(count: number, interviewer = 'U0ADA'): Promise<Array<{ id: string; startsAt: string }>> {
  const response = await fetch(`${app.url}/api/slots`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      slots: Array.from({ length: count }, () => ({
        startsAt: new Date(Math.ceil(Date.now() / HOUR) * HOUR + nextSlotHour++ * HOUR).toISOString(),
        durationMinutes: 30,
        interviewer,
      })),
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { slots: Array<{ id: string; startsAt: string }> }).slots;
}

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${app.url}/api/booking-requests${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const candidate = (email: string, slotIds: string[], more: Record<string, unknown> = {}) => ({
  candidateName: 'Jane Doe',
  candidateEmail: email,
  role: 'Backend Engineer',
  timezone: 'Europe/Berlin',
  slotIds,
  ...more,
});

interface BookingRequestJson {
  id: string;
  status: string;
  bookingLink: string;
  slots: Array<{ id: string; startsAt: string; durationMinutes: number }>;
  expiresAt: string;
  interviewId: string | null;
  deliveries?: Array<{ kind: string; status: string }>;
}

const countRows = async () => ({
  requests: await app.database.read((manager) => manager.count(BookingRequest)),
  jobs: await app.database.read((manager) => manager.count(DeliveryJob)),
});

describe('POST /api/booking-requests', () => {
  it('answers 201 with the open request, its booking link, its slots and its expiry, and emails the candidate the link', async () => {
    const slots = await offerSlots(2);
    const before = Date.now();
    const response = await post(
      '',
      candidate(
        'pick@example.com',
        slots.map((slot) => slot.id),
      ),
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as BookingRequestJson;
    expect(response.headers.get('location')).toBe(`/api/booking-requests/${body.id}`);
    expect(body).toMatchObject({
      status: 'open',
      interviewId: null,
      slots: slots.map((slot) => ({ id: slot.id, startsAt: slot.startsAt, durationMinutes: 30 })),
    });
    expect(body.bookingLink).toMatch(/^https:\/\/hire\.acme\.example\/book\/\?token=[0-9a-f]{32}$/);
    const expiresAt = Date.parse(body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 72 * HOUR);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 72 * HOUR);
    const mail = await eventually(() => sendGrid.mailTo('pick@example.com')[0], 'the booking link email');
    expect(mail.body.subject).toBe('Pick a time for your interview for Backend Engineer');
    expect(textPart(mail)).toContain(body.bookingLink);
    expect(htmlPart(mail)).toContain(body.bookingLink);
    expect(mail.body.attachments ?? []).toEqual([]);
  });

  it.each([
    ['no slots', (slotIds: string[]) => candidate('a@example.com', slotIds, { slotIds: undefined }), ['slotIds']],
    [
      'more than 20 slots',
      () =>
        candidate(
          'a@example.com',
          Array.from({ length: 21 }, () => crypto.randomUUID()),
        ),
      ['slotIds'],
    ],
    ['an unknown slot', () => candidate('a@example.com', ['00000000-0000-4000-8000-000000000000']), ['slotIds']],
    [
      'a time as well as slots',
      (slotIds: string[]) => candidate('a@example.com', slotIds, { scheduledTime: '2031-01-01T10:00:00Z' }),
      ['slotIds'],
    ],
    ['a bad name and email', (slotIds: string[]) => candidate('nope', slotIds, { candidateName: '' }), ['candidateName', 'candidateEmail']],
    ['a JSON array', () => [1, 2], ['body']],
  ])('answers %s with 400 naming each bad field, and stores and sends nothing', async (_case, makeBody, fields) => {
    const [slot] = await offerSlots(1);
    const before = await countRows();
    const mailsBefore = sendGrid.requests.length;
    const response = await post('', makeBody([slot.id]));
    expect(response.status).toBe(400);
    const error = (await response.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(error.error.code).toBe('validation_failed');
    expect(Object.keys(error.error.fields).sort()).toEqual([...fields].sort());
    expect(await countRows()).toEqual(before);
    await app.settle();
    expect(sendGrid.requests.length).toBe(mailsBefore);
  });

  it('names slotIds when a slot is already booked', async () => {
    const [slot] = await offerSlots(1);
    const booked = await fetch(`${app.url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ candidateName: 'Other', candidateEmail: 'other@example.com', slotId: slot.id }),
    });
    expect(booked.status).toBe(201);
    const response = await post('', candidate('late@example.com', [slot.id]));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      slotIds: 'That slot was just booked by someone else. Pick another slot.',
    });
  });

  it('returns the same request for a retry with the same Idempotency-Key, and 409 for a different body', async () => {
    const [slot] = await offerSlots(1);
    const body = candidate('retry.booking@example.com', [slot.id]);
    const first = await post('', body, { 'Idempotency-Key': 'booking-42' });
    const second = await post('', body, { 'Idempotency-Key': 'booking-42' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(((await second.json()) as BookingRequestJson).id).toBe(((await first.json()) as BookingRequestJson).id);
    const conflict = await post('', { ...body, role: 'Other' }, { 'Idempotency-Key': 'booking-42' });
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_reused');
    const badKey = await post('', body, { 'Idempotency-Key': 'x'.repeat(201) });
    expect(badKey.status).toBe(400);
    await eventually(() => sendGrid.mailTo('retry.booking@example.com').length === 1, 'one email');
    await app.settle();
    expect(sendGrid.mailTo('retry.booking@example.com')).toHaveLength(1);
  });
});

describe('GET /api/booking-requests', () => {
  it('shows one request with its deliveries, and 404 for an unknown or malformed id', async () => {
    const [slot] = await offerSlots(1);
    const created = (await (await post('', candidate('get@example.com', [slot.id]))).json()) as BookingRequestJson;
    const response = await fetch(`${app.url}/api/booking-requests/${created.id}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as BookingRequestJson;
    expect(body).toMatchObject({ id: created.id, status: 'open', bookingLink: created.bookingLink, slots: [{ id: slot.id }] });
    expect(body.deliveries!.map((delivery) => delivery.kind)).toEqual([
      'booking_link_email',
      'booking_link_email',
      'booking_request_expiry',
    ]);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      const missing = await fetch(`${app.url}/api/booking-requests/${id}`);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('lists newest first, filters by status and candidate, and pages with a cursor', async () => {
    const slots = await offerSlots(3);
    const ids: string[] = [];
    for (const slot of slots)
      ids.push(((await (await post('', candidate('lister@example.com', [slot.id]))).json()) as BookingRequestJson).id);
    await post(`/${ids[0]}/cancel`, {});
    const first = (await (await fetch(`${app.url}/api/booking-requests?candidateEmail=LISTER@example.com&limit=2`)).json()) as {
      bookingRequests: BookingRequestJson[];
      nextCursor: string;
    };
    expect(first.bookingRequests.map((request) => request.id)).toEqual([ids[2], ids[1]]);
    const second = (await (
      await fetch(`${app.url}/api/booking-requests?candidateEmail=lister@example.com&limit=2&cursor=${first.nextCursor}`)
    ).json()) as { bookingRequests: BookingRequestJson[]; nextCursor: string | null };
    expect(second).toEqual({ bookingRequests: [expect.objectContaining({ id: ids[0], status: 'cancelled' })], nextCursor: null });
    const open = (await (await fetch(`${app.url}/api/booking-requests?candidateEmail=lister@example.com&status=open`)).json()) as {
      bookingRequests: BookingRequestJson[];
    };
    expect(open.bookingRequests.map((request) => request.id)).toEqual([ids[2], ids[1]]);
  });

  it('refuses bad filters with 400 naming them', async () => {
    const response = await fetch(`${app.url}/api/booking-requests?limit=0&status=Open&cursor=garbage&state=open`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(body.error.fields).sort()).toEqual(['cursor', 'limit', 'state', 'status']);
  });
});

describe('POST /api/booking-requests/:id/cancel and /resend', () => {
  it('cancels an open request (again: no change) and refuses once the candidate booked', async () => {
    const [slot] = await offerSlots(1);
    const created = (await (await post('', candidate('cancel.booking@example.com', [slot.id]))).json()) as BookingRequestJson;
    const cancelled = await post(`/${created.id}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as BookingRequestJson).status).toBe('cancelled');
    expect((await post(`/${created.id}/cancel`, {})).status).toBe(200);
    const page = await fetch(created.bookingLink.replace('https://hire.acme.example', app.url));
    expect(page.status).toBe(410);

    const [other] = await offerSlots(1);
    const toBook = (await (await post('', candidate('booked.first@example.com', [other.id]))).json()) as BookingRequestJson;
    const form = new URLSearchParams({ token: toBook.bookingLink.split('token=')[1], slotId: other.id });
    const booking = await fetch(`${app.url}/book/`, { method: 'POST', body: form, redirect: 'manual' });
    expect(booking.status).toBe(303);
    const refused = await post(`/${toBook.id}/cancel`, {});
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: 'booking_request_closed',
      message: 'The candidate already picked a time, so there is nothing to withdraw. Cancel the interview instead.',
    });
    const shown = (await (await fetch(`${app.url}/api/booking-requests/${toBook.id}`)).json()) as BookingRequestJson;
    expect(shown).toMatchObject({ status: 'booked', interviewId: expect.any(String) as string, slots: [] });
    expect((await post('/00000000-0000-4000-8000-000000000000/cancel', {})).status).toBe(404);
  });

  it('resends the link once the first email is a minute old, and not twice in a row', async () => {
    const [slot] = await offerSlots(1);
    const created = (await (await post('', candidate('resend.booking@example.com', [slot.id]))).json()) as BookingRequestJson;
    const tooSoon = await post(`/${created.id}/resend`, {});
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.headers.get('retry-after')).toMatch(/^\d+$/);
    clockAheadMs += 61_000;
    expect((await post(`/${created.id}/resend`, {})).status).toBe(202);
    expect((await post(`/${created.id}/resend`, {})).status).toBe(429);
    await eventually(() => sendGrid.mailTo('resend.booking@example.com').length === 2, 'the link sent twice');
    expect(textPart(sendGrid.mailTo('resend.booking@example.com')[1])).toContain(created.bookingLink);
  });
});

describe('an Idempotency-Key on /cancel and /resend', () => {
  it('answers a retried resend as the first, sending one email, and marks a repeated cancel as replayed', async () => {
    const [slot] = await offerSlots(1);
    const created = (await (await post('', candidate('keyed.resend@example.com', [slot.id]))).json()) as BookingRequestJson;
    // The first email is recorded as sent before the clock moves a minute on (past its lease).
    await eventually(
      async () =>
        ((await (await fetch(`${app.url}/api/booking-requests/${created.id}`)).json()) as { deliveries: Array<{ status: string }> })
          .deliveries[0]?.status === 'delivered',
      'the link’s first email',
    );
    clockAheadMs += 61_000;
    const first = await post(`/${created.id}/resend`, {}, { 'Idempotency-Key': 'resend-once' });
    expect(first.status).toBe(202);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const retried = await post(`/${created.id}/resend`, {}, { 'Idempotency-Key': 'resend-once' });
    expect(retried.status).toBe(202);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect((await post(`/${created.id}/resend`, {}, { 'Idempotency-Key': 'another-resend' })).status).toBe(429);
    expect((await post(`/${created.id}/resend`, {}, { 'Idempotency-Key': 'bad key' })).status).toBe(400);
    await eventually(() => sendGrid.mailTo('keyed.resend@example.com').length === 2, 'the link and its one resend');

    const cancelled = await post(`/${created.id}/cancel`, {}, { 'Idempotency-Key': 'cancel-once' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.headers.get('idempotent-replayed')).toBeNull();
    const again = await post(`/${created.id}/cancel`, {}, { 'Idempotency-Key': 'cancel-once' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await post(`/${created.id}/cancel`, {}, { 'Idempotency-Key': 'bad key' })).status).toBe(400);
    await app.settle();
    expect(sendGrid.mailTo('keyed.resend@example.com')).toHaveLength(2);
  });
});

describe('the nudge halfway to the deadline', () => {
  it('reminds a candidate who has not picked, and nobody who has', async () => {
    const [waiting, booking] = await offerSlots(2);
    const idle = (await (await post('', candidate('idle@example.com', [waiting.id]))).json()) as BookingRequestJson;
    const keen = (await (await post('', candidate('keen@example.com', [booking.id]))).json()) as BookingRequestJson;
    const form = new URLSearchParams({ token: keen.bookingLink.split('token=')[1], slotId: booking.id });
    expect((await fetch(`${app.url}/book/`, { method: 'POST', body: form, redirect: 'manual' })).status).toBe(303);
    await eventually(() => sendGrid.mailTo('idle@example.com').length === 1, 'the first email');
    expect(sendGrid.mailTo('idle@example.com')[0].body.subject).toBe('Pick a time for your interview for Backend Engineer');
    clockAheadMs += 37 * HOUR;
    try {
      const reminder = await eventually(() => sendGrid.mailTo('idle@example.com')[1], 'the nudge');
      expect(reminder.body.subject).toBe('Reminder: pick a time for your interview for Backend Engineer');
      expect(textPart(reminder)).toContain(idle.bookingLink);
      const nudge = await eventually(async () => {
        const shown = (await (await fetch(`${app.url}/api/booking-requests/${keen.id}`)).json()) as BookingRequestJson;
        return shown.deliveries!.find((delivery) => delivery.kind === 'booking_link_email' && delivery.status === 'skipped');
      }, 'the booked candidate’s nudge to be skipped');
      expect(nudge).toMatchObject({ lastError: 'Not needed any more: the booking request is booked.' });
      expect(sendGrid.mailTo('keen@example.com').filter((mail) => mail.body.subject.startsWith('Reminder'))).toEqual([]);
    } finally {
      clockAheadMs -= 37 * HOUR;
    }
  });
});

describe('with API_TOKEN set', () => {
  it('needs the bearer token, like /api/interviews', async () => {
    const guarded = await startTestApplication({ env: { API_TOKEN: TEST_API_TOKEN } });
    try {
      const without = await fetch(`${guarded.url}/api/booking-requests`);
      expect(without.status).toBe(401);
      const withToken = await fetch(`${guarded.url}/api/booking-requests`, { headers: { Authorization: `Bearer ${TEST_API_TOKEN}` } });
      expect(withToken.status).toBe(200);
      expect(await withToken.json()).toEqual({ bookingRequests: [], nextCursor: null });
    } finally {
      await guarded.close();
    }
  });
});
