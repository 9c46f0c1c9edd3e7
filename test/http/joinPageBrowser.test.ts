import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { closeLeftOpenPages } from '../support/browserPages';
import { Interview } from '../../src/domain/interviews/Interview';
import { cancelInterview } from '../../src/domain/interviews/cancelInterview';
import { checkAccessibility } from '../support/accessibilityCheck';
import { describeWithBrowser } from '../requirements/describeWith';
import { BROWSER_SETUP_TIMEOUT_MS, connectedChromium } from '../requirements/chromium';
import { eventually, startTestApplication, type TestApplication } from '../support/testApplication';

const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'join-page');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Every interview here is stored in Berlin time, at 8:00 AM on Tuesday: 11:00 PM on Monday for a
 * browser in Los Angeles, 12:30 PM on Tuesday for one in Kolkata. The join window opens 15
 * minutes before (7:45 AM) and closes 30 minutes after the 45-minute interview ends.
 */
const START = new Date('2026-12-01T07:00:00Z');
const OPENS = new Date(START.getTime() - 15 * MINUTE);
const CLOSES = new Date(START.getTime() + (45 + 30) * MINUTE);
const WHEN_IN_BERLIN = 'Tuesday, December 1, 2026 at 8:00 AM (Berlin time)';

const BROWSER_ZONES = [
  {
    timezoneId: 'America/Los_Angeles',
    slug: 'los-angeles',
    startHere: 'Monday, November 30, 2026 at 11:00 PM where you are (Los Angeles time)',
    opensHere: 'Monday, November 30, 2026 at 10:45 PM where you are (Los Angeles time)',
  },
  {
    timezoneId: 'Asia/Kolkata',
    slug: 'kolkata',
    startHere: '12:30 PM where you are (Kolkata time)',
    opensHere: '12:15 PM where you are (Kolkata time)',
  },
];

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** The app's clock; each test sets it. Browsers get the same time through Playwright's clock. */
let now = new Date(START.getTime() - DAY);
/** VIDEO_BASE_URL gives every interview a call link, so interviews without one need a second app. */
let app: TestApplication;
let appWithoutCalls: TestApplication;
let browser: Browser;

async function createInterview(target: TestApplication, body: Record<string, unknown> = {}) {
  const response = await fetch(`${target.url}/api/interviews`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      candidateName: 'Jane <i>Browser</i> Doe',
      candidateEmail: 'browser@example.com',
      role: 'Backend Engineer',
      timezone: 'Europe/Berlin',
      scheduledTime: START.toISOString(),
      durationMinutes: 45,
      ...body,
    }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; sessionKey: string; meetingUrl: string | null };
}

interface OpenedPage {
  page: Page;
  status: number | undefined;
  /** Console errors and uncaught exceptions, CSP violations included. */
  problems: string[];
  /** Main-frame navigations after the first load: reloads the page did by itself. */
  reloads: () => number;
  /** The delay of every setTimeout the current document has set, in order. */
  timerDelays: () => Promise<number[]>;
}

/** Records each setTimeout's delay; added through DevTools, so the page's CSP does not apply. */
const RECORD_TIMERS = `(() => {
  const setTimeoutBefore = window.setTimeout;
  window.__timerDelays = [];
  window.setTimeout = function (handler, delay, ...rest) {
    window.__timerDelays.push(delay);
    return setTimeoutBefore.call(this, handler, delay, ...rest);
  };
})();`;

/** Opens a join page in a browser in `timezoneId`, whose clock starts at the app's (or `clockAheadMs` later). */
async function openPage(target: TestApplication, sessionKey: string, timezoneId: string, clockAheadMs = 0): Promise<OpenedPage> {
  browser = await connectedChromium(browser);
  const context = await browser.newContext({ timezoneId, locale: 'en-US', viewport: DESKTOP });
  const page = await context.newPage();
  await page.clock.install({ time: new Date(now.getTime() + clockAheadMs) });
  await page.addInitScript(RECORD_TIMERS);
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  let navigations = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  const response = await page.goto(`${target.url}/interview/?session_key=${sessionKey}`);
  await page.waitForLoadState('networkidle');
  return {
    page,
    status: response?.status(),
    problems,
    reloads: () => navigations - 1,
    timerDelays: () => page.evaluate<number[]>('window.__timerDelays'),
  };
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

const text = async (page: Page, selector: string) => (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();

describeWithBrowser('the join page in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startTestApplication({ env: { VIDEO_BASE_URL: 'https://meet.acme.example/rooms' }, now: () => now });
    appWithoutCalls = await startTestApplication({ now: () => now });
  }, BROWSER_SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await appWithoutCalls?.close();
  });

  beforeEach(() => {
    now = new Date(START.getTime() - DAY);
  });
  beforeEach(async () => {
    browser = await connectedChromium(browser);
  }, BROWSER_SETUP_TIMEOUT_MS);
  afterEach(() => closeLeftOpenPages(browser));

  describe.each(BROWSER_ZONES)(
    'the candidate’s join page, read in a browser in $timezoneId',
    ({ timezoneId, slug, startHere, opensHere }) => {
      it('before the window: says when it opens, in Berlin time and the browser’s own, and that it will update itself', async () => {
        const interview = await createInterview(app);
        now = new Date(OPENS.getTime() - 60 * MINUTE);
        const { page, status, problems } = await openPage(app, interview.sessionKey, timezoneId);
        expect(status).toBe(200);
        expect(await text(page, 'h1')).toBe('Your interview is coming up');
        expect(await text(page, '.eyebrow')).toBe('Hi Jane <i>Browser</i> Doe');
        expect(await text(page, 'dd time')).toBe(WHEN_IN_BERLIN);
        expect(await text(page, 'dd .local-time')).toBe(startHere);
        expect(await text(page, '.status')).toBe(
          `You can join from 7:45 AM (Berlin time) — ${opensHere}. This page will update itself then.`,
        );
        expect(await page.locator('a.join').count()).toBe(0);
        expect(await page.locator('a', { hasText: 'Add to my calendar' }).count()).toBe(1);
        expect(await page.locator('main').innerText()).not.toMatch(/Europe\/|Central European|UTC|is starting/);
        await screenshotAndCheck(page, `1-not-open-yet.${slug}`);
        expect(problems).toEqual([]);
        await page.close();
      });

      it('before the window without a call link: says the details come by email, and promises no Join button', async () => {
        const interview = await createInterview(appWithoutCalls);
        now = new Date(OPENS.getTime() - 60 * MINUTE);
        const { page, problems } = await openPage(appWithoutCalls, interview.sessionKey, timezoneId);
        expect(await text(page, 'h1')).toBe('Your interview is coming up');
        expect(await text(page, 'dd .local-time')).toBe(startHere);
        expect(await text(page, '.status')).toBe('Your interviewer will send you the call details by email before the start.');
        await screenshotAndCheck(page, `1-not-open-yet-without-call-link.${slug}`);
        expect(problems).toEqual([]);
        await page.close();
      });

      it('in the window: a Join button that goes to the call', async () => {
        const interview = await createInterview(app);
        now = new Date(START.getTime() - 10 * MINUTE);
        const { page, problems } = await openPage(app, interview.sessionKey, timezoneId);
        expect(await text(page, 'h1')).toBe('Your interview is open');
        expect(await page.locator('a.join').getAttribute('href')).toBe(`https://meet.acme.example/rooms/interview-${interview.id}`);
        expect(await text(page, 'dd time')).toBe(WHEN_IN_BERLIN);
        expect(await text(page, 'dd .local-time')).toBe(startHere);
        expect(await page.locator('a', { hasText: 'Add to my calendar' }).count()).toBe(1);
        await screenshotAndCheck(page, `2-open.${slug}`);
        expect(problems).toEqual([]);
        await page.close();
      });

      it('in the window without a call link: says the details come by email, never that they will appear here', async () => {
        const interview = await createInterview(appWithoutCalls);
        expect(interview.meetingUrl).toBeNull();
        now = new Date(START.getTime() - 10 * MINUTE);
        const { page, problems } = await openPage(appWithoutCalls, interview.sessionKey, timezoneId);
        expect(await text(page, 'h1')).toBe('It’s time for your interview');
        expect(await text(page, '.status')).toBe(
          'This page has no call link for this interview: your interviewer will send you the call details by email. If nothing has arrived, check your spam folder.',
        );
        expect(await page.locator('a.join').count()).toBe(0);
        expect(await page.locator('main').innerText()).not.toMatch(/ here|is starting/);
        await screenshotAndCheck(page, `3-open-without-call-link.${slug}`);
        expect(problems).toEqual([]);
        await page.close();
      });

      it('after the window: says it is over, with nothing left to join or add to a calendar', async () => {
        const interview = await createInterview(app);
        now = new Date(CLOSES.getTime() + 5 * MINUTE);
        const { page, problems } = await openPage(app, interview.sessionKey, timezoneId);
        expect(await text(page, 'h1')).toBe('This interview is over');
        expect(await text(page, '.status')).toBe('Thank you for your time. The hiring team will be in touch.');
        expect(await page.locator('a').count()).toBe(0);
        expect(await text(page, 'dd .local-time')).toBe(startHere);
        await screenshotAndCheck(page, `4-over.${slug}`);
        expect(problems).toEqual([]);
        await page.close();
      });

      it('cancelled: says so, with nothing to join or add to a calendar', async () => {
        const interview = await createInterview(app);
        await cancelInterview(app.context, { interviewId: interview.id, actor: { kind: 'api' } });
        now = new Date(START.getTime() - 10 * MINUTE);
        const { page, problems } = await openPage(app, interview.sessionKey, timezoneId);
        expect(await text(page, 'h1')).toBe('This interview was cancelled');
        expect(await page.locator('a').count()).toBe(0);
        await screenshotAndCheck(page, `5-cancelled.${slug}`);
        expect(problems).toEqual([]);
        await page.close();
      });
    },
  );

  describe('the join page keeps itself current', () => {
    it('shows the Join button when the window opens, and says it is over when it closes, with nobody reloading', async () => {
      const interview = await createInterview(app);
      now = new Date(OPENS.getTime() - 2 * MINUTE);
      const { page, problems, reloads, timerDelays } = await openPage(app, interview.sessionKey, 'America/Los_Angeles');
      expect(await text(page, 'h1')).toBe('Your interview is coming up');
      expect(await timerDelays()).toHaveLength(1);

      await page.clock.fastForward(MINUTE);
      expect(await text(page, 'h1')).toBe('Your interview is coming up');
      expect(await timerDelays()).toHaveLength(1);
      expect(reloads()).toBe(0);

      now = new Date(OPENS.getTime() + 30_000);
      await page.clock.fastForward(2 * MINUTE);
      await page.locator('a.join').waitFor();
      expect(await text(page, 'h1')).toBe('Your interview is open');
      expect(reloads()).toBe(1);
      expect(await timerDelays()).toHaveLength(1);

      now = new Date(CLOSES.getTime() + 30_000);
      await page.clock.fastForward(CLOSES.getTime() - OPENS.getTime());
      await page.locator('h1', { hasText: 'This interview is over' }).waitFor();
      expect(await page.locator('a').count()).toBe(0);
      expect(reloads()).toBe(2);
      expect(problems).toEqual([]);
      await page.close();
    });

    it('times its reload by the server’s clock, not a device clock that runs ahead', async () => {
      const interview = await createInterview(app);
      now = new Date(OPENS.getTime() - 10 * MINUTE);
      const { page, reloads } = await openPage(app, interview.sessionKey, 'Asia/Kolkata', 30 * MINUTE);
      await page.clock.fastForward(5 * MINUTE);
      expect(await text(page, 'h1')).toBe('Your interview is coming up');
      expect(reloads()).toBe(0);
      now = new Date(OPENS.getTime() + 30_000);
      await page.clock.fastForward(6 * MINUTE);
      await page.locator('a.join').waitFor();
      expect(reloads()).toBe(1);
      await page.close();
    });

    it('waits for a window more than 24.8 days away (setTimeout’s limit) without reloading early', async () => {
      const interview = await createInterview(app);
      now = new Date(OPENS.getTime() - 40 * DAY);
      const { page, reloads, timerDelays } = await openPage(app, interview.sessionKey, 'Asia/Kolkata');
      const longestTimeout = 2 ** 31 - 1;
      expect(await timerDelays()).toEqual([longestTimeout]);
      await page.clock.fastForward(MINUTE);
      expect(await timerDelays()).toEqual([longestTimeout]);
      await page.clock.fastForward(30 * DAY);
      const [, rest, ...more] = await timerDelays();
      expect(rest).toBeGreaterThan(9 * DAY);
      expect(rest).toBeLessThan(10 * DAY);
      expect(more).toEqual([]);
      expect(reloads()).toBe(0);
      now = new Date(OPENS.getTime() + 30_000);
      await page.clock.fastForward(10 * DAY + MINUTE);
      await page.locator('a.join').waitFor();
      expect(reloads()).toBe(1);
      await page.close();
    });

    it('tells a browser without JavaScript to come back, instead of promising an update it cannot make', async () => {
      const interview = await createInterview(app);
      now = new Date(OPENS.getTime() - 60 * MINUTE);
      const html = await (await fetch(`${app.url}/interview/?session_key=${interview.sessionKey}`)).text();
      expect(html).toContain('>Come back to this page then.</span>');
      expect(html).toContain(`data-changes-at="${OPENS.toISOString()}" data-server-time="${now.toISOString()}"`);
    });
  });

  describe('the join page’s own script', () => {
    it('runs under the page’s strict Content-Security-Policy and records the first real visit', async () => {
      const interview = await createInterview(app, { candidateEmail: 'visit@example.com' });
      now = new Date(OPENS.getTime() - 60 * MINUTE);
      const get = await fetch(`${app.url}/interview/?session_key=${interview.sessionKey}`);
      expect(get.status).toBe(200);
      const policy = get.headers.get('content-security-policy') ?? '';
      expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'(;|$)/);
      expect(policy).not.toContain('unsafe');
      const untouched = await app.database.read((manager) => manager.findOneByOrFail(Interview, { id: interview.id }));
      expect(untouched.candidateFirstOpenedAt).toBeNull();
      const { page, problems } = await openPage(app, interview.sessionKey, 'Asia/Kolkata');
      await eventually(
        () =>
          app.database
            .read((manager) => manager.findOneByOrFail(Interview, { id: interview.id }))
            .then((stored) => stored.candidateFirstOpenedAt),
        'the visit to be recorded',
      );
      expect(await text(page, '.status')).toContain('This page will update itself then.');
      expect(problems).toEqual([]);
      await page.close();
    });

    it('adds no second time when the browser is in the candidate’s own zone', async () => {
      const interview = await createInterview(app);
      now = new Date(OPENS.getTime() - 60 * MINUTE);
      const { page, problems } = await openPage(app, interview.sessionKey, 'Europe/Berlin');
      expect(await text(page, 'dd time')).toBe(WHEN_IN_BERLIN);
      expect(await page.locator('.local-time').count()).toBe(0);
      expect(await text(page, '.status')).toBe('You can join from 7:45 AM (Berlin time). This page will update itself then.');
      expect(problems).toEqual([]);
      await page.close();
    });

    it('names UTC once for an interview stored in UTC', async () => {
      const interview = await createInterview(app, { timezone: 'UTC' });
      now = new Date(OPENS.getTime() - 60 * MINUTE);
      const { page } = await openPage(app, interview.sessionKey, 'Asia/Kolkata');
      expect(await text(page, 'dd time')).toBe('Tuesday, December 1, 2026 at 7:00 AM (UTC)');
      expect(await text(page, '.status')).toBe(
        'You can join from 6:45 AM (UTC) — 12:15 PM where you are (Kolkata time). This page will update itself then.',
      );
      await page.close();
    });
  });

  describe('the join page’s other answers', () => {
    it('an unknown key, or one long past its interview, is a plain 404 that reveals nothing', async () => {
      const interview = await createInterview(app);
      const unknown = await openPage(app, '0'.repeat(32), 'America/Los_Angeles');
      expect(unknown.status).toBe(404);
      const unknownHtml = await unknown.page.content();
      now = new Date(START.getTime() + 40 * DAY);
      const expired = await openPage(app, interview.sessionKey, 'America/Los_Angeles');
      expect(expired.status).toBe(404);
      expect(await expired.page.content()).toBe(unknownHtml);
      await unknown.page.screenshot({ path: join(SCREENSHOTS, '6-unknown-key.desktop.png'), fullPage: true });
      expect((await checkAccessibility(unknown.page)).violations).toEqual([]);
      await unknown.page.close();
      await expired.page.close();
    });
  });
});
