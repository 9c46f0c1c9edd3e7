import { chromium, type Browser } from 'playwright-core';
import { chromiumExecutable } from './describeWith';

const LAUNCH_ATTEMPTS = 3;

/** Headless Chromium as every browser test runs it: the machine's own, quiet, no sandbox (containers). */
function launchOnce(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    timeout: 60_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Launches Chromium, trying again when it closes while starting. A freshly installed Chromium on a
 * busy machine can exit during its first start (it builds its font cache then); CI saw that once
 * as "Target page, context or browser has been closed" from the launch itself.
 */
export async function launchChromium(): Promise<Browser> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= LAUNCH_ATTEMPTS; attempt += 1) {
    try {
      return await launchOnce();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** How long a browser test's beforeAll may take: starting apps plus up to three launches. */
export const BROWSER_SETUP_TIMEOUT_MS = 120_000;

/**
 * The browser a test file shares: `current` while it is connected, else a new one (its first use,
 * or after Chromium went away), so one failed start costs a test at most, not the whole file. A
 * new browser must draw and capture a first page before it is handed out: under the whole suite's
 * load, the first test of a fresh Chromium was seen failing with "Target page, context or browser
 * has been closed" while every later test passed.
 */
export async function connectedChromium(current: Browser | undefined): Promise<Browser> {
  if (current?.isConnected()) return current;
  let lastProblem: unknown;
  for (let attempt = 1; attempt <= LAUNCH_ATTEMPTS; attempt += 1) {
    const browser = await launchChromium();
    try {
      // A first page drawn and captured: the first screenshot of a fresh Chromium is the step seen failing under load.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.setContent('<main><h1>Ready</h1><p>Warming up the renderer.</p></main>');
      await page.screenshot({ fullPage: true });
      await context.close();
      return browser;
    } catch (problem) {
      lastProblem = problem;
      await browser.close().catch(() => undefined);
    }
  }
  throw lastProblem;
}
