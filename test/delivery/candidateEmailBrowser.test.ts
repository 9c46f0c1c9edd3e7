import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import { closeLeftOpenPages } from '../support/browserPages';
import type { Interview } from '../../src/domain/interviews/Interview';
import { presentCandidateEmail, presentCandidateReminderEmail } from '../../src/delivery/email/candidateEmail';
import { presentInterviewerEmail } from '../../src/delivery/email/interviewerEmail';
import type { CandidateEmailReason } from '../../src/domain/deliveries/deliveryPayloads';
import { InterviewStatus } from '../../src/domain/interviews/interviewStatus';
import { checkAccessibility } from '../support/accessibilityCheck';
import { describeWithBrowser } from '../requirements/describeWith';
import { BROWSER_SETUP_TIMEOUT_MS, launchChromium } from '../requirements/chromium';

const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'email');
const sender = { name: 'Acme Hiring', email: 'hiring@acme.example' };

const interview = (status: InterviewStatus) =>
  ({
    id: '7d3c1f6e-2a4b-4c5d-8e9f-0a1b2c3d4e5f',
    candidateName: 'Jane Doe',
    candidateEmail: 'jane@example.com',
    role: 'Backend Engineer',
    interviewers: [{ slackUserId: 'U1', name: 'Ada Lovelace' }, { email: 'grace@acme.example' }],
    scheduledTime: new Date('2026-12-01T14:00:00Z'),
    durationMinutes: 45,
    timezone: 'Europe/Berlin',
    status,
    sessionKey: '0123456789abcdef0123456789abcdef',
    joinLink: 'https://hire.acme.example/interview/?session_key=0123456789abcdef0123456789abcdef',
    calendarSequence: 0,
  }) as Interview;

let browser: Browser;

const REASONS: Array<[CandidateEmailReason, InterviewStatus]> = [
  ['invitation', InterviewStatus.Scheduled],
  ['update', InterviewStatus.Scheduled],
  ['cancellation', InterviewStatus.Cancelled],
];

describeWithBrowser('the candidate’s emails in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  }, BROWSER_SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => closeLeftOpenPages(browser));

  describe.each(REASONS)('the candidate’s %s email, opened in a browser', (reason, status) => {
    it('passes axe-core’s WCAG 2.1 AA rules, and reads each detail with its label', async () => {
      const email = presentCandidateEmail(interview(status), reason, sender);
      const page = await browser.newPage({ viewport: { width: 640, height: 800 } });
      await page.setContent(email.html);
      await page.screenshot({ path: join(SCREENSHOTS, `${reason}.png`), fullPage: true });

      const report = await checkAccessibility(page);
      expect(report.violations).toEqual([]);
      expect(report.passedRules).toBeGreaterThan(0);

      const details = await page.getByRole('table', { name: 'Interview details' }).ariaSnapshot();
      expect(details).toContain('- rowheader "When"');
      expect(details).toContain('- cell "Tuesday, December 1, 2026 at 3:00 PM (Berlin time)"');
      expect(details).toContain('- rowheader "With"');
      expect(details).toContain('- cell "Ada Lovelace, grace@acme.example"');
      await page.close();
    });
  });

  const OTHER_EMAILS: Array<[string, () => { html: string }]> = [
    [
      'candidate-reminder',
      () => presentCandidateReminderEmail(interview(InterviewStatus.Scheduled), sender, new Date('2026-12-01T13:00:00Z')),
    ],
    [
      'interviewer-invitation',
      () =>
        presentInterviewerEmail(
          interview(InterviewStatus.Scheduled),
          'invitation',
          { email: 'grace@acme.example', name: 'Grace Hopper', timezone: 'America/New_York' },
          sender,
          [],
        ),
    ],
  ];

  describe.each(OTHER_EMAILS)('the %s email, opened in a browser', (name, present) => {
    it('passes axe-core’s WCAG 2.1 AA rules, with its details as a labelled table', async () => {
      const page = await browser.newPage({ viewport: { width: 640, height: 800 } });
      await page.setContent(present().html);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
      const report = await checkAccessibility(page);
      expect(report.violations).toEqual([]);
      expect(report.passedRules).toBeGreaterThan(0);
      expect(await page.getByRole('table', { name: 'Interview details' }).ariaSnapshot()).toContain('- rowheader "When"');
      await page.close();
    });
  });
});
