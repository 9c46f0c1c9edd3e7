import type { Browser } from 'playwright-core';

/**
 * Closes every browser context (and so every page) a test left open, e.g. because it failed
 * before closing its page, so the next test starts with a clean browser. For an `afterEach`.
 */
export async function closeLeftOpenPages(browser: Browser | undefined): Promise<void> {
  await Promise.all((browser?.contexts() ?? []).map((context) => context.close()));
}
