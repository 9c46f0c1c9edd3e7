// Jest reporter: one closing line saying which tests were skipped for want of PostgreSQL or
// Chromium, and how to run them. Plain JavaScript because jest loads reporters untransformed;
// it reads what the global setup found from TEST_REQUIREMENTS (see testRequirements.ts).
class SkippedTestsReporter {
  onRunComplete(_testContexts, results) {
    const serialized = process.env.TEST_REQUIREMENTS;
    if (!serialized) return;
    const requirements = Object.values(JSON.parse(serialized)).filter((requirement) => !requirement.available);
    const parts = requirements
      .map((requirement) => ({ requirement, count: countSkipped(results, requirement.skipMarker) }))
      .filter(({ count }) => count > 0)
      .map(
        ({ requirement, count }) =>
          `${count} ${requirement.label} test${count === 1 ? '' : 's'} (${requirement.detail}; ${requirement.howToEnable})`,
      );
    if (parts.length > 0) {
      process.stderr.write(`\nSkipped ${parts.join(', and ')}.\n`);
    }
  }
}

function countSkipped(results, skipMarker) {
  let count = 0;
  for (const file of results.testResults) {
    for (const test of file.testResults) {
      if (test.status === 'pending' && test.ancestorTitles.some((title) => title.endsWith(skipMarker))) count += 1;
    }
  }
  return count;
}

module.exports = SkippedTestsReporter;
