import { POSTGRES_ADMIN_URL, postgresUnavailableReason } from '../support/postgres';
import { findChromium, type ChromiumSearchPlaces, THIS_MACHINE } from './findChromium';

/** Something outside Node a group of tests needs: whether this machine has it, and how to get it. */
export interface TestRequirement {
  /** How the summary names the tests, e.g. "PostgreSQL" tests. */
  label: string;
  available: boolean;
  /** Where it was found (the browser's path, the server's URL), or why not. */
  detail: string;
  /** One sentence a person can act on to run these tests. */
  howToEnable: string;
  /** The variable that, set to 1 (as .ci/run does), turns a missing requirement into a failed run. */
  requiredBy: string;
  /** Appended to a skipped group's name, so the summary can count its tests. */
  skipMarker: string;
}

export interface TestRequirements {
  postgres: TestRequirement;
  browser: TestRequirement;
}

/**
 * Jest's global setup probes once and hands the answer to every test worker through this variable
 * (workers inherit the environment), because jest decides what to skip while collecting tests,
 * synchronously, before any test could connect to anything.
 */
export const TEST_REQUIREMENTS_VARIABLE = 'TEST_REQUIREMENTS';

/**
 * Jest's global setup: finds what this machine has, fails the run if CI insists on something
 * missing, and publishes the answer to the test workers, which start after this and inherit the
 * environment (describeWithPostgres and describeWithBrowser read it, and so does the reporter).
 */
export async function prepareTestRequirements(): Promise<void> {
  const requirements = await probeTestRequirements();
  assertRequiredAreAvailable(requirements);
  process.env[TEST_REQUIREMENTS_VARIABLE] = JSON.stringify(requirements);
}

export async function probeTestRequirements(chromiumPlaces: ChromiumSearchPlaces = THIS_MACHINE): Promise<TestRequirements> {
  const postgresProblem = await postgresUnavailableReason();
  const chromium = findChromium(chromiumPlaces);
  const server = withoutPassword(POSTGRES_ADMIN_URL);
  return {
    postgres: {
      label: 'PostgreSQL',
      available: postgresProblem === null,
      detail: postgresProblem === null ? server : `no server at ${server}: ${postgresProblem}`,
      howToEnable: 'start one, or set TEST_POSTGRES_URL',
      requiredBy: 'REQUIRE_POSTGRES',
      skipMarker: '(skipped: no PostgreSQL)',
    },
    browser: {
      label: 'browser',
      available: chromium.found,
      detail: chromium.found ? chromium.path : chromium.reason,
      howToEnable: 'install Chromium (apt-get install chromium, or npx playwright install chromium), or set CHROMIUM_PATH',
      requiredBy: 'REQUIRE_BROWSER',
      skipMarker: '(skipped: no Chromium)',
    },
  };
}

/** Throws, naming each one, when a requirement CI insists on (REQUIRE_POSTGRES=1, REQUIRE_BROWSER=1) is missing. */
export function assertRequiredAreAvailable(requirements: TestRequirements, env: NodeJS.ProcessEnv = process.env): void {
  const missing = [requirements.postgres, requirements.browser].filter(
    (requirement) => env[requirement.requiredBy] === '1' && !requirement.available,
  );
  if (missing.length > 0) {
    throw new Error(missing.map((requirement) => `${requirement.requiredBy}=1, but ${requirement.detail}.`).join('\n'));
  }
}

/** What the global setup found, in a test worker; undefined when jest ran without that setup. */
export function readTestRequirements(env: NodeJS.ProcessEnv = process.env): TestRequirements | undefined {
  const serialized = env[TEST_REQUIREMENTS_VARIABLE];
  return serialized ? (JSON.parse(serialized) as TestRequirements) : undefined;
}

function withoutPassword(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
