#!/usr/bin/env node
// Prints one plain closing line ("tests: N passed, N failed, N skipped") from Jest's JSON reports,
// one or several (e.g. `npm test`'s and `npm run test:slow`'s), added up. A report that is missing
// (its run never got as far as writing it) fails the summary.
const { existsSync, readFileSync } = require('node:fs');

const files = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0, tests: 0 };
let success = files.length > 0;
for (const file of files) {
  if (!existsSync(file)) {
    process.stdout.write(`${file}: no report (the run did not finish)\n`);
    success = false;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  totals.tests += report.numTotalTests;
  success &&= report.success && report.numTotalTests > 0;
}
process.stdout.write(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exitCode = success ? 0 : 1;
