import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { Interview } from '../../src/db/entities/Interview';
import { cancelInterview } from '../../src/domain/cancelInterview';
import { chromiumExecutable, describeWithBrowser } from '../requirements/describeWith';
import { eventually, startTestApplication, type TestApplication } from '../support/testApplication';

const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'join-page');
const CHROMIUM = chromiumExecutable();

let app: TestApplication;
let browser: Browser;
let clockOffsetMs = 0;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  app = await startTestApplication({
    env: { VIDEO_BASE_URL: 'https://meet.acme.example/rooms' },
    now: () => new Date(Date.now() + clockOffsetMs),
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

afterEach(() => {
  clockOffsetMs = 0;
});

async function createInterview(body: Record<string, unknown>) {
  const response = await fetch(`${app.url}/api/interviews`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ candidateName: 'Jane <i>Browser</i> Doe', candidateEmail: 'browser@example.com', role: 'Backend Engineer', timezone: 'Europe/Berlin', ...body }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; sessionKey: string; meetingUrl: string; scheduledTime: string };
}

async function openPage(sessionKey: string, name: string) {
  const page = await browser.newPage({ timezoneId: 'America/Los_Angeles', locale: 'en-US' });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const response = await page.goto(`${app.url}/interview/?session_key=${sessionKey}`);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  return { page, status: response?.status(), problems };
}

describeWithBrowser('the candidate’s join page in a real browser', () => {
  it('before the window: says when it opens, in the candidate’s zone and the browser’s own', async () => {
    const interview = await createInterview({ scheduledTime: new Date(Date.now() + 2 * 86_400_000).toISOString() });
    const { page, status, problems } = await openPage(interview.sessionKey, 'not-open-yet');
    expect(status).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Your interview is coming up');
    expect(await page.locator('.eyebrow').textContent()).toBe('Hi Jane <i>Browser</i> Doe');
    expect(await page.locator('.status').textContent()).toMatch(/You can join from .*\(Europe\/Berlin\)/);
    expect(await page.locator('.local-time').first().textContent()).toMatch(/where you are \(America\/Los_Angeles\)/);
    expect(await page.locator('a.join').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('records the first real visit through the page’s own script, allowed by the CSP', async () => {
    const interview = await createInterview({ scheduledTime: new Date(Date.now() + 3 * 86_400_000).toISOString(), candidateEmail: 'visit@example.com' });
    const get = await fetch(`${app.url}/interview/?session_key=${interview.sessionKey}`);
    expect(get.status).toBe(200);
    const untouched = await app.database.read((manager) => manager.findOneByOrFail(Interview, { id: interview.id }));
    expect(untouched.candidateFirstOpenedAt).toBeNull();
    const { page, problems } = await openPage(interview.sessionKey, 'visit-recorded');
    await eventually(
      () => app.database.read((manager) => manager.findOneByOrFail(Interview, { id: interview.id })).then((stored) => stored.candidateFirstOpenedAt),
      'the visit to be recorded',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('during the window: a Join button goes to the meeting', async () => {
    const interview = await createInterview({ scheduledTime: new Date(Date.now() + 10 * 60_000).toISOString() });
    const { page } = await openPage(interview.sessionKey, 'open');
    expect(await page.locator('h1').textContent()).toBe('Your interview is open');
    expect(await page.locator('a.join').getAttribute('href')).toBe(`https://meet.acme.example/rooms/interview-${interview.id}`);
    await page.close();
  });

  it('after the end and the grace period: says it is over', async () => {
    const interview = await createInterview({ scheduledTime: new Date(Date.now() + 10 * 60_000).toISOString(), durationMinutes: 30 });
    clockOffsetMs = 2 * 60 * 60_000;
    const { page } = await openPage(interview.sessionKey, 'over');
    expect(await page.locator('h1').textContent()).toBe('This interview is over');
    expect(await page.locator('a.join').count()).toBe(0);
    await page.close();
  });

  it('cancelled: says so', async () => {
    const interview = await createInterview({ scheduledTime: new Date(Date.now() + 86_400_000).toISOString() });
    await cancelInterview(app.context, { interviewId: interview.id, actor: { kind: 'api' } });
    const { page } = await openPage(interview.sessionKey, 'cancelled');
    expect(await page.locator('h1').textContent()).toBe('This interview was cancelled');
    await page.close();
  });

  it('an unknown key, or one long past its interview, is a plain 404 that reveals nothing', async () => {
    const interview = await createInterview({ scheduledTime: new Date(Date.now() + 10 * 60_000).toISOString() });
    const unknown = await openPage('0'.repeat(32), 'unknown-key');
    expect(unknown.status).toBe(404);
    const unknownHtml = await unknown.page.content();
    clockOffsetMs = 40 * 86_400_000;
    const expired = await openPage(interview.sessionKey, 'expired-key');
    expect(expired.status).toBe(404);
    const strip = (html: string) => html.replace(/nonce="[^"]+"/g, '');
    expect(strip(await expired.page.content())).toBe(strip(unknownHtml));
    await unknown.page.close();
    await expired.page.close();
  });

  it('offers the calendar file', async () => {
    const interview = await createInterview({ scheduledTime: new Date(Date.now() + 86_400_000).toISOString() });
    const response = await fetch(`${app.url}/interview/calendar.ics?session_key=${interview.sessionKey}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await response.text()).toContain('BEGIN:VEVENT');
    expect((await fetch(`${app.url}/interview/calendar.ics?session_key=${'1'.repeat(32)}`)).status).toBe(404);
  });
});
