import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Shared with test/support/cleaningTestEnvironment.js, which runs the list when the test file is over. */
const CLEAN_UPS = Symbol.for('interview-scheduler.cleanUpsAfterTestFile');

type CleanUp = () => void | Promise<void>;

/**
 * Runs `cleanUp` once this test file is over, after its last afterAll, whether its tests passed,
 * failed or timed out: a safety net for what a test's own clean-up may not reach. It must be safe
 * to run after that clean-up already did the job.
 */
export function cleanUpAfterThisFile(cleanUp: CleanUp): void {
  const global = globalThis as unknown as Record<symbol, CleanUp[] | undefined>;
  (global[CLEAN_UPS] ??= []).push(cleanUp);
}

/** A new empty folder under the system's temporary folder, deleted when this test file is over at the latest. */
export function temporaryFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), `interview-scheduler-${prefix}-`));
  cleanUpAfterThisFile(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}
