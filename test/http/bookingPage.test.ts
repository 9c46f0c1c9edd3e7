import { DateTime } from 'luxon';
import { AvailabilitySlot } from '../../src/domain/slots/AvailabilitySlot';
import { BookingRequest } from '../../src/domain/bookings/BookingRequest';
import { Interview } from '../../src/domain/interviews/Interview';
import { FakeSendGridApi, htmlPart, textPart } from '../support/fakeSendGridApi';
import { eventually, startTestApplication, type TestApplication } from '../support/testApplication';

let sendGrid: FakeSendGridApi;
let app: TestApplication;
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
let nextSlotHour = 30;

/** Open slots more than a day ahead, on the hour, one hour apart. */
async function offerSlots(count: number, interviewer = 'ada@example.com'): Promise<Array<{ id: string; startsAt: string }>> {
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
  return ((await response.json()) as { slots: Array<{ id: string; startsAt: string }> }).slots;
}

async function requestBooking(slotIds: string[], more: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
  const response = await fetch(`${app.url}/api/booking-requests`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      candidateName: 'Jane <b>Doe</b>',
      candidateEmail: `jane.${Math.random().toString(16).slice(2)}@example.com`,
      role: 'Backend Engineer',
      timezone: 'Europe/Berlin',
      interviewers: ['U0SECRET', 'grace@example.com'],
      slotIds,
      ...more,
    }),
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { id: string; bookingLink: string };
  return { id: body.id, token: body.bookingLink.split('token=')[1] };
}

const page = (token: string, query = '') => fetch(`${app.url}/book/?token=${token}${query}`);

function book(token: string, slotId: string | undefined, headers: Record<string, string> = {}) {
  const form = new URLSearchParams({ token, ...(slotId ? { slotId } : {}) });
  return fetch(`${app.url}/book/`, { method: 'POST', body: form, redirect: 'manual', headers });
}

const inBerlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).setLocale('en-US');

describe('GET /book/', () => {
  it('lists the offered times in the candidate’s zone, with the role and names, never a Slack id, and strict headers', async () => {
    const slots = await offerSlots(2);
    const { token } = await requestBooking(slots.map((slot) => slot.id));
    const response = await page(token);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Jane &lt;b&gt;Doe&lt;/b&gt;');
    expect(html).not.toContain('<b>Doe</b>');
    expect(html).toContain('Backend Engineer');
    expect(html).toContain('Times are shown in Berlin time.');
    for (const slot of slots) {
      expect(html).toContain(`value="${slot.id}"`);
      expect(html).toContain(inBerlin(slot.startsAt).toFormat('cccc, LLLL d, yyyy'));
      expect(html).toContain(inBerlin(slot.startsAt).toFormat('h:mm a'));
    }
    expect(html).toContain('with ada@example.com');
    expect(html).toContain('grace@example.com');
    expect(html).not.toContain('U0SECRET');
    expect(html).toContain('<button type="submit">Book this time</button>');
    expect(html).toMatch(/<label for="slot-[^"]+">/);
    expect(response.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'$/,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('shows the times in the zone the candidate switched to, with a way back', async () => {
    const [slot] = await offerSlots(1);
    const { token } = await requestBooking([slot.id]);
    const html = await (await page(token, '&zone=America%2FLos_Angeles')).text();
    expect(html).toContain('Times are shown in Los Angeles time.');
    expect(html).toContain(DateTime.fromISO(slot.startsAt, { zone: 'America/Los_Angeles' }).setLocale('en-US').toFormat('h:mm a'));
    expect(html).toContain(`<a href="?token=${token}">Show them in Berlin time</a>`);
    expect(await (await page(token, '&zone=Mars%2FBase')).text()).toContain('Times are shown in Berlin time.');
  });

  it('answers unknown, malformed and long-closed tokens with the same plain 404', async () => {
    const [slot] = await offerSlots(1);
    const { token, id } = await requestBooking([slot.id]);
    await fetch(`${app.url}/api/booking-requests/${id}/cancel`, { method: 'POST' });
    clockAheadMs = 31 * 24 * HOUR;
    try {
      const answers = await Promise.all([
        page(token),
        page('0'.repeat(32)),
        page('nope'),
        fetch(`${app.url}/book/`),
        page(`${token}&token=${token}`),
      ]);
      const bodies = await Promise.all(answers.map((answer) => answer.text()));
      expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404]);
      expect(new Set(bodies).size).toBe(1);
      expect(bodies[0]).toContain('Page not found');
    } finally {
      clockAheadMs = 0;
    }
  });
});

describe('POST /book/', () => {
  it('books the picked slot through scheduleInterview and sends the candidate to the join page, invitation on its way', async () => {
    const slots = await offerSlots(2);
    const { token, id } = await requestBooking(slots.map((slot) => slot.id));
    const response = await book(token, slots[1].id);
    expect(response.status).toBe(303);
    const interview = await app.database.read((manager) => manager.findOneByOrFail(Interview, { slotId: slots[1].id }));
    expect(response.headers.get('location')).toBe(interview.joinLink);
    expect(interview.joinLink).toBe(`https://hire.acme.example/interview/?session_key=${interview.sessionKey}`);
    expect(interview.scheduledTime.toISOString()).toBe(slots[1].startsAt);
    const join = await fetch(`${app.url}/interview/?session_key=${interview.sessionKey}`);
    expect(join.status).toBe(200);
    const mail = await eventually(
      () => sendGrid.mailTo(interview.candidateEmail).find((each) => each.body.subject.startsWith('Your interview')),
      'the invitation',
    );
    expect(textPart(mail)).toContain(interview.joinLink);
    expect(htmlPart(mail)).toContain(interview.joinLink);
    const request = await app.database.read((manager) => manager.findOneByOrFail(BookingRequest, { id }));
    expect(request).toMatchObject({ status: 'booked', interviewId: interview.id });
  });

  it('makes one interview of a double submit, answering both with the join page', async () => {
    const [slot] = await offerSlots(1);
    const { token } = await requestBooking([slot.id]);
    const answers = await Promise.all([book(token, slot.id), book(token, slot.id)]);
    expect(answers.map((answer) => answer.status)).toEqual([303, 303]);
    expect(answers[0].headers.get('location')).toBe(answers[1].headers.get('location'));
    expect(await app.database.read((manager) => manager.countBy(Interview, { slotId: slot.id }))).toBe(1);
  });

  it('gives one of twenty candidates racing for one slot the interview, and the others a 409 page with what is left', async () => {
    const [contested] = await offerSlots(1);
    const own = await offerSlots(20);
    const requests = await Promise.all(own.map((slot) => requestBooking([contested.id, slot.id])));
    const answers = await Promise.all(requests.map((request) => book(request.token, contested.id)));
    expect(answers.filter((answer) => answer.status === 303)).toHaveLength(1);
    const losers = answers.filter((answer) => answer.status === 409);
    expect(losers).toHaveLength(19);
    const html = await losers[0].text();
    expect(html).toContain('someone else just booked that time');
    expect(html).not.toContain(`value="${contested.id}"`);
    expect(html).toMatch(/name="slotId" id="slot-[^"]+" value="[^"]+" required/);
    expect(await app.database.read((manager) => manager.countBy(Interview, { slotId: contested.id }))).toBe(1);
    const slot = await app.database.read((manager) => manager.findOneByOrFail(AvailabilitySlot, { id: contested.id }));
    expect(slot.bookedInterviewId).not.toBeNull();
  });

  it('answers 200 with its state once booked: the page shows the booked time and join link, and books nothing more', async () => {
    const [first, second] = await offerSlots(2);
    const { token } = await requestBooking([first.id, second.id]);
    const booked = await book(token, first.id);
    const joinLink = booked.headers.get('location')!;
    const again = await book(token, second.id);
    expect(again.status).toBe(200);
    const html = await again.text();
    expect(html).toContain('Your interview is booked');
    expect(html).toContain(inBerlin(first.startsAt).toFormat("cccc, LLLL d, yyyy 'at' h:mm a"));
    expect(html).toContain(`href="${joinLink}"`);
    expect((await page(token)).status).toBe(200);
    const secondSlot = await app.database.read((manager) => manager.findOneByOrFail(AvailabilitySlot, { id: second.id }));
    expect(secondSlot.bookedInterviewId).toBeNull();
  });

  it('never shows a join link other than the one it booked: once rotated, the page and a repeated submit say it was emailed', async () => {
    const [slot] = await offerSlots(1);
    const { token } = await requestBooking([slot.id]);
    const bookedWith = (await book(token, slot.id)).headers.get('location')!;
    const interview = await app.database.read((manager) => manager.findOneByOrFail(Interview, { slotId: slot.id }));
    const rotated = await fetch(`${app.url}/api/interviews/${interview.id}/rotate-link`, { method: 'POST' });
    expect(rotated.status).toBe(200);
    const { interviewLink: newLink, sessionKey: newKey } = (await rotated.json()) as { interviewLink: string; sessionKey: string };

    for (const answer of [await page(token), await book(token, slot.id)]) {
      expect(answer.status).toBe(200);
      const html = await answer.text();
      expect(html).toContain('Your interview is booked');
      expect(html).toContain(inBerlin(slot.startsAt).toFormat("cccc, LLLL d, yyyy 'at' h:mm a"));
      expect(html).toContain('Your link to join was sent to you by email');
      expect(html).not.toContain(newKey);
      expect(html).not.toContain(bookedWith);
      expect(html).not.toContain('session_key');
      expect(answer.headers.get('location')).toBeNull();
    }
    expect(newLink).not.toBe(bookedWith);
  });

  it('answers 410 for a withdrawn link and for one whose only slot was booked elsewhere', async () => {
    const [slot] = await offerSlots(1);
    const withdrawn = await requestBooking([slot.id]);
    const left = await requestBooking([slot.id]);
    await fetch(`${app.url}/api/booking-requests/${withdrawn.id}/cancel`, { method: 'POST' });
    const cancelled = await book(withdrawn.token, slot.id);
    expect(cancelled.status).toBe(410);
    expect(await cancelled.text()).toContain('These times were withdrawn');
    await fetch(`${app.url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ candidateName: 'Other', candidateEmail: 'o@example.com', slotId: slot.id }),
    });
    const expired = await book(left.token, slot.id);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This booking link has expired');
  });

  it('answers a missing or foreign slot with 400 and the form again, and an unknown token with 404', async () => {
    const [slot, other] = await offerSlots(2);
    const { token } = await requestBooking([slot.id]);
    for (const slotId of [undefined, other.id, 'garbage']) {
      const answer = await book(token, slotId);
      expect(answer.status).toBe(400);
      expect(await answer.text()).toContain('Please pick one of the times below.');
    }
    expect((await book('0'.repeat(32), slot.id)).status).toBe(404);
    expect(
      (
        await fetch(`${app.url}/book/`, {
          method: 'POST',
          body: 'x'.repeat(5000),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(413);
    expect(await app.database.read((manager) => manager.countBy(Interview, { slotId: slot.id }))).toBe(0);
  });

  it('refuses a form sent from another site, booking nothing', async () => {
    const [slot] = await offerSlots(1);
    const { token } = await requestBooking([slot.id]);
    expect((await book(token, slot.id, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await book(token, slot.id, { Origin: 'https://evil.example' })).status).toBe(403);
    expect(await app.database.read((manager) => manager.countBy(Interview, { slotId: slot.id }))).toBe(0);
    expect((await book(token, slot.id, { 'Sec-Fetch-Site': 'same-origin', Origin: 'null' })).status).toBe(303);
  });

  it('compares the whole origin, scheme and port included, of the Origin or else the Referer', async () => {
    const ownHost = new URL(app.url).host;
    const foreign: Array<Record<string, string>> = [
      { Origin: `https://${ownHost}` },
      { Origin: `http://${ownHost.split(':')[0]}:1` },
      { Origin: 'http://hire.acme.example' },
      { Origin: 'https://hire.acme.example:8443' },
      { Referer: `https://${ownHost}/book/` },
      { Referer: 'https://evil.example/book/' },
      { Origin: 'null', Referer: `https://${ownHost}/book/` },
      { Origin: 'not a url' },
    ];
    const [slot, another] = await offerSlots(2);
    const { token } = await requestBooking([slot.id]);
    for (const headers of foreign) {
      expect({ headers, status: (await book(token, slot.id, headers)).status }).toEqual({ headers, status: 403 });
    }
    expect(await app.database.read((manager) => manager.countBy(Interview, { slotId: slot.id }))).toBe(0);
    expect((await book(token, slot.id, { Origin: 'https://hire.acme.example', 'Sec-Fetch-Site': 'same-origin' })).status).toBe(303);
    const other = await requestBooking([another.id]);
    expect((await book(other.token, another.id, { Referer: `${app.url}/book/?token=${other.token}` })).status).toBe(303);
  });
});

describe('the booking page’s rate limit', () => {
  it('answers 429 past JOIN_PAGE_RATE_LIMIT_PER_MINUTE requests from one client', async () => {
    const limited = await startTestApplication({ env: { JOIN_PAGE_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const statuses = [];
      for (let index = 0; index < 4; index += 1) statuses.push((await fetch(`${limited.url}/book/?token=${'0'.repeat(32)}`)).status);
      expect(statuses).toEqual([404, 404, 404, 429]);
    } finally {
      await limited.close();
    }
  });
});
