import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { closeLeftOpenPages } from '../support/browserPages';
import { Interview } from '../../src/domain/interviews/Interview';
import type { BookingRequest } from '../../src/domain/bookings/BookingRequest';
import { presentBookingLinkEmail } from '../../src/delivery/email/bookingLinkEmail';
import type { BookingOffer } from '../../src/domain/bookings/bookingOffers';
import { BookingRequestStatus } from '../../src/domain/bookings/bookingRequestStatus';
import { checkAccessibility } from '../support/accessibilityCheck';
import { describeWithBrowser } from '../requirements/describeWith';
import { BROWSER_SETUP_TIMEOUT_MS, connectedChromium } from '../requirements/chromium';
import { startTestApplication, type TestApplication } from '../support/testApplication';

const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'booking-page');
const EMAIL_SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'email');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const HOUR = 3_600_000;

/** A port nothing listens on, so the app's PUBLIC_BASE_URL can name it before it starts: the 303 then lands on this app's join page. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

let app: TestApplication;
let browser: Browser;
/** Two days ahead, on the hour, so every slot is in the future and on days the page groups. */
const firstSlot = Math.ceil(Date.now() / HOUR) * HOUR + 48 * HOUR;
let nextSlot = 0;

async function offerSlots(count: number, interviewer = 'ada@example.com'): Promise<string[]> {
  const response = await fetch(`${app.url}/api/slots`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      slots: Array.from({ length: count }, () => ({
        startsAt: new Date(firstSlot + (nextSlot++ % 3) * HOUR + Math.floor(nextSlot / 3) * 24 * HOUR).toISOString(),
        durationMinutes: 45,
        interviewer,
      })),
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { slots: Array<{ id: string }> }).slots.map((slot) => slot.id);
}

async function requestBooking(slotIds: string[]): Promise<{ id: string; token: string; bookingLink: string }> {
  const response = await fetch(`${app.url}/api/booking-requests`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      candidateName: 'Jane <i>Browser</i> Doe',
      candidateEmail: 'browser.booking@example.com',
      role: 'Backend Engineer',
      timezone: 'Europe/Berlin',
      interviewers: ['grace@example.com'],
      slotIds,
    }),
  });
  expect(response.status).toBe(201);
  const { id, bookingLink } = (await response.json()) as { id: string; bookingLink: string };
  return { id, token: bookingLink.split('token=')[1], bookingLink };
}

/** Opens a page in a browser in `timezoneId`, collecting console errors (CSP violations included). */
async function openPage(url: string, timezoneId: string, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ timezoneId, locale: 'en-US', viewport: DESKTOP, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const response = await page.goto(url);
  return { page, status: response?.status(), problems };
}

/** Screenshots at desktop and phone size, with axe-core's WCAG 2.1 AA rules run at each. */
async function screenshotAndCheck(page: Page, name: string): Promise<void> {
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.${size}.png`), fullPage: true });
    const report = await checkAccessibility(page);
    expect(report.violations).toEqual([]);
    expect(report.passedRules).toBeGreaterThan(0);
  }
}

const text = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();

describeWithBrowser('the booking page in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    mkdirSync(EMAIL_SCREENSHOTS, { recursive: true });
    const port = await freePort();
    app = await startTestApplication({ env: { PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}` } });
  }, BROWSER_SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    browser = await connectedChromium(browser);
  }, BROWSER_SETUP_TIMEOUT_MS);
  afterEach(() => closeLeftOpenPages(browser));

  it('lets the candidate pick a slot with the keyboard alone and lands them on their join page', async () => {
    const slotIds = await offerSlots(4);
    const { bookingLink } = await requestBooking(slotIds);
    const { page, status, problems } = await openPage(bookingLink, 'Europe/Berlin');
    expect(status).toBe(200);
    expect(await text(page, 'h1')).toBe('Pick a time for your interview');
    expect(await text(page, '.eyebrow')).toBe('Hi Jane <i>Browser</i> Doe');
    expect(await page.locator('#browser-zone').isVisible()).toBe(false);
    expect(await page.getByRole('radio').count()).toBe(4);
    await screenshotAndCheck(page, '1-pick-a-time');

    await page.setViewportSize(PHONE);
    await page.getByRole('radio').first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio').nth(1).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Book this time');
    await Promise.all([page.waitForURL(/\/interview\/\?session_key=[0-9a-f]{32}$/), page.keyboard.press('Enter')]);
    const interview = await app.database.read((manager) => manager.findOneByOrFail(Interview, { slotId: slotIds[1] }));
    expect(page.url()).toBe(interview.joinLink);
    expect(await text(page, 'h1')).toBe('Your interview is coming up');
    await page.screenshot({ path: join(SCREENSHOTS, '2-booked-join-page.phone.png'), fullPage: true });
    expect(problems).toEqual([]);

    const again = await openPage(bookingLink, 'Europe/Berlin');
    expect(again.status).toBe(200);
    expect(await text(again.page, 'h1')).toBe('Your interview is booked');
    expect(await again.page.getByRole('link', { name: 'Open your interview page' }).getAttribute('href')).toBe(interview.joinLink);
    await screenshotAndCheck(again.page, '3-already-booked');
    await page.close();
    await again.page.close();
  });

  it('offers the browser’s own zone as a switch, and shows the times there when asked', async () => {
    const slotIds = await offerSlots(2);
    const { bookingLink } = await requestBooking(slotIds);
    const { page, problems } = await openPage(bookingLink, 'America/Los_Angeles');
    expect(await text(page, '.zone')).toBe('Times are shown in Berlin time.');
    const berlinTime = await text(page, '.slot .time');
    const toggle = page.getByRole('link', { name: 'Show the times in my own time zone' });
    expect(await toggle.isVisible()).toBe(true);
    await Promise.all([page.waitForURL(/zone=America%2FLos_Angeles/), toggle.click()]);
    expect(await text(page, '.zone')).toBe('Times are shown in Los Angeles time. Show them in Berlin time.');
    expect(await text(page, '.slot .time')).not.toBe(berlinTime);
    expect(await page.locator('#browser-zone').isVisible()).toBe(false);
    await screenshotAndCheck(page, '4-in-the-browsers-zone');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows what is left when the time was just taken, and books another', async () => {
    const slotIds = await offerSlots(3);
    const { bookingLink } = await requestBooking(slotIds);
    const { page, problems } = await openPage(bookingLink, 'Asia/Kolkata');
    const rival = await requestBooking([slotIds[0]]);
    const taken = await fetch(`${app.url}/book/`, {
      method: 'POST',
      body: new URLSearchParams({ token: rival.token, slotId: slotIds[0] }),
      redirect: 'manual',
    });
    expect(taken.status).toBe(303);
    await page.getByRole('radio').first().check();
    const [response] = await Promise.all([
      page.waitForResponse((each) => each.url().endsWith('/book/')),
      page.getByRole('button', { name: 'Book this time' }).click(),
    ]);
    expect(response.status()).toBe(409);
    await page.waitForLoadState();
    expect(await text(page, '[role=alert]')).toBe('Sorry, someone else just booked that time. Please pick another one.');
    expect(await page.getByRole('radio').count()).toBe(2);
    await screenshotAndCheck(page, '5-time-just-taken');
    await page.getByRole('radio').last().check();
    await Promise.all([page.waitForURL(/\/interview\/\?session_key=/), page.getByRole('button', { name: 'Book this time' }).click()]);
    expect(await text(page, 'h1')).toBe('Your interview is coming up');
    // Chromium logs any 4xx page it loads; that one is the 409 above.
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
    await page.close();
  });

  it('books without JavaScript too; the zone switch, which needs it, is simply absent', async () => {
    const slotIds = await offerSlots(2);
    const { bookingLink } = await requestBooking(slotIds);
    const { page, problems } = await openPage(bookingLink, 'Asia/Kolkata', { javaScriptEnabled: false });
    expect(await page.locator('#browser-zone').isVisible()).toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, '7-without-javascript.desktop.png'), fullPage: true });
    await page
      .getByText(/^\d{1,2}:\d{2} [AP]M/)
      .first()
      .click();
    await Promise.all([page.waitForURL(/\/interview\/\?session_key=/), page.getByRole('button', { name: 'Book this time' }).click()]);
    expect(await text(page, 'h1')).toBe('Your interview is coming up');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says so, plainly, when the link was withdrawn', async () => {
    const created = await requestBooking(await offerSlots(1));
    await fetch(`${app.url}/api/booking-requests/${created.id}/cancel`, { method: 'POST' });
    const { page, status } = await openPage(created.bookingLink, 'Europe/Berlin');
    expect(status).toBe(410);
    expect(await text(page, 'h1')).toBe('These times were withdrawn');
    await screenshotAndCheck(page, '6-withdrawn');
    await page.close();
  });

  it('renders the “pick your time” email accessibly, with its button and raw link', async () => {
    const offer: BookingOffer = {
      request: {
        candidateName: 'Jane Doe',
        role: 'Backend Engineer',
        timezone: 'Europe/Berlin',
        interviewers: [{ email: 'grace@acme.example' }],
        bookingLink: 'https://hire.acme.example/book/?token=0123456789abcdef0123456789abcdef',
        expiresAt: new Date('2026-12-04T14:00:00Z'),
      } as BookingRequest,
      state: BookingRequestStatus.Open,
      openSlots: [0, 1, 2].map((index) => ({
        id: `s${index}`,
        startsAt: new Date(Date.UTC(2026, 11, 2 + index, 9)),
        durationMinutes: 45,
        interviewer: 'U0ADA',
        interviewerName: 'Ada Lovelace',
      })),
      interview: null,
      bookedJoinLink: null,
    };
    for (const reason of ['request', 'nudge'] as const) {
      const email = presentBookingLinkEmail(offer, reason);
      const page = await browser.newPage({ viewport: { width: 640, height: 800 } });
      await page.setContent(email.html);
      await page.screenshot({ path: join(EMAIL_SCREENSHOTS, `booking-link-${reason}.png`), fullPage: true });
      const report = await checkAccessibility(page);
      expect(report.violations).toEqual([]);
      expect(await page.getByRole('link', { name: 'Pick your time' }).getAttribute('href')).toBe(offer.request.bookingLink);
      expect(await page.getByRole('listitem').count()).toBe(3);
      await page.close();
    }
  });
});
