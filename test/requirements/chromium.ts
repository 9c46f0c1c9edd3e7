import { chromium, type Browser } from 'playwright-core';
import { chromiumExecutable } from './describeWith';

/** Headless Chromium as every browser test runs it: the machine's own, quiet, no sandbox (containers). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
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
