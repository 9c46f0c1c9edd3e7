import type { Browser } from 'playwright-core';
import { describeWithBrowser } from '../requirements/describeWith';
import { BROWSER_SETUP_TIMEOUT_MS, connectedChromium } from '../requirements/chromium';
import { closeLeftOpenPages } from '../support/browserPages';
import { FakeZoomApi } from '../support/fakeZoomApi';
import { eventually, startTestApplication, type TestApplication } from '../support/testApplication';
import { zoomMeetingEnv } from '../support/calendarProviderEnv';

let app: TestApplication;
let zoom: FakeZoomApi;
let browser: Browser;

describeWithBrowser('the join page while the call is being prepared, in Chromium', () => {
  beforeAll(async () => {
    zoom = await FakeZoomApi.start();
    zoom.addUser('grace@acme.test');
    app = await startTestApplication({
      // Zoom's Retry-After (20 s, below) is honoured up to the outbox's longest wait: one above it here.
      env: { ...zoomMeetingEnv(zoom), DELIVERY_RETRY_MAX_MS: '60000' },
    });
  }, BROWSER_SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await zoom?.close();
  });
  afterEach(() => closeLeftOpenPages(browser));

  it('refreshes itself, with no script error or CSP violation, until the Join the call button leads to the meeting (never the host’s link)', async () => {
    // Zoom asks the app to come back in 20 seconds: the meeting stays pending for about that long.
    zoom.server.failNext(
      1,
      { status: 429, headers: { 'retry-after': '20' }, body: { code: 429, message: 'Too many requests' } },
      (request) => request.method === 'POST' && request.path.endsWith('/meetings'),
    );
    const response = await fetch(`${app.url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        candidateName: 'Ada Lovelace',
        candidateEmail: 'ada-browser@example.com',
        interviewers: ['grace@acme.test'],
        scheduledTime: new Date(Date.now() + 10 * 60_000).toISOString(),
      }),
    });
    expect(response.status).toBe(201);
    const interview = (await response.json()) as { id: string; interviewLink: string };

    browser = await connectedChromium(browser);
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    let loads = 0;
    page.on('load', () => (loads += 1));

    await page.goto(interview.interviewLink.replace(/^https?:\/\/[^/]+/, app.url));
    expect(await page.locator('main').innerText()).toContain('Your video call is being prepared');
    expect(await page.locator('a.join').count()).toBe(0);

    // Still pending: the page loads itself again (15 s), without anyone touching it.
    await eventually(() => loads >= 2, 'the page to refresh itself', 25_000);
    expect(await page.locator('main').innerText()).toContain('Your video call is being prepared');

    await eventually(
      () => zoom.liveMeetings().find((meeting) => meeting.agenda.includes(interview.id)),
      'the Zoom meeting to be made',
      30_000,
    );
    const [meeting] = zoom.liveMeetings().filter((each) => each.agenda.includes(interview.id));
    await page.locator('a.join').waitFor({ timeout: 25_000 });
    expect(await page.locator('a.join').getAttribute('href')).toBe(meeting.join_url);
    expect(await page.content()).not.toContain(meeting.start_url);
    const loadsOnceReady = loads;
    await page.waitForTimeout(16_000);
    expect(loads).toBe(loadsOnceReady);
    expect(problems).toEqual([]);
  }, 90_000);
});
