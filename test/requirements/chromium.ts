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
 * Launches Chromium, trying again when it exits while starting: a freshly installed Chromium on a
 * busy machine builds its font cache during its first start.
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
 * or after Chromium went away), so one failed start costs a test at most, not the whole file.
 */
export async function connectedChromium(current: Browser | undefined): Promise<Browser> {
  if (current?.isConnected()) return current;
  return launchChromium();
}
