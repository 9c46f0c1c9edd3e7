#!/usr/bin/env node
// Prints one plain closing line ("tests: N passed, N failed, N skipped") from Jest's JSON report.
const { readFileSync } = require('node:fs');

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
process.stdout.write(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped\n`);
process.exitCode = report.success && report.numTotalTests > 0 ? 0 : 1;
