import { readTestRequirements, type TestRequirements } from './testRequirements';

/**
 * `describe` for tests that need a PostgreSQL server; jest reports them as skipped (not passed)
 * on a machine without one. CI sets REQUIRE_POSTGRES=1, so there a missing server fails the run.
 */
export const describeWithPostgres = describeRequiring('postgres');

/** `describe` for tests that drive Chromium; skipped without one, failed without one under REQUIRE_BROWSER=1. */
export const describeWithBrowser = describeRequiring('browser');

/** The Chromium the global setup found (CHROMIUM_PATH, a system install, or Playwright's cache). */
export function chromiumExecutable(): string {
  const browser = readTestRequirements()?.browser;
  return browser?.available ? browser.detail : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
}

function describeRequiring(key: keyof TestRequirements) {
  return (name: string, body: () => void): void => {
    const requirement = readTestRequirements()?.[key];
    if (requirement && !requirement.available) {
      describe.skip(`${name} ${requirement.skipMarker}`, body);
      return;
    }
    describe(name, body);
  };
}
