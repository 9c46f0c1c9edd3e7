// Jest global setup, run once before any test file.
import { join } from 'node:path';
import { build, staleBuildReason } from '../scripts/build';
import { prepareTestRequirements } from './requirements/testRequirements';

const ROOT = join(__dirname, '..');
/** The app, the benchmark and test/support, so tests can run the app as a real child process (crash with SIGKILL, restart, several replicas) exactly as `npm start` would. */
const TEST_BUILD_PROJECT = 'tsconfig.bench.json';

export default async function globalSetup(): Promise<void> {
  const staleBecause = staleBuildReason(ROOT, TEST_BUILD_PROJECT);
  if (staleBecause) {
    process.stdout.write(`\nCompiling for the tests (${staleBecause})…\n`);
    build(ROOT, TEST_BUILD_PROJECT);
  }
  await prepareTestRequirements();
}
