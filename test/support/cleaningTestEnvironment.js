// Jest's node environment, plus one duty: once a test file is over (after its last afterAll, even
// when a test failed or timed out and its own clean-up never ran), it runs what the file registered
// with `cleanUpAfterThisFile` (test/support/cleanUp.ts): stopping child processes the file started
// and deleting its temporary folders. Plain JavaScript because jest loads environments untransformed.
const { TestEnvironment } = require('jest-environment-node');

/** Where test/support/cleanUp.ts keeps its list, on the test file's global object. */
const CLEAN_UPS = Symbol.for('interview-scheduler.cleanUpsAfterTestFile');

class CleaningTestEnvironment extends TestEnvironment {
  async teardown() {
    const cleanUps = this.global[CLEAN_UPS] ?? [];
    this.global[CLEAN_UPS] = [];
    for (const cleanUp of cleanUps.reverse()) {
      try {
        await cleanUp();
      } catch (error) {
        process.stderr.write(`Cleaning up after a test file failed: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    await super.teardown();
  }
}

module.exports = CleaningTestEnvironment;
