// The suites that run several app processes, load the machine on purpose or generate thousands of
// inputs. `npm test` leaves them out (jest.config.js), `npm run test:slow` runs only them
// (jest.slow.config.js), and CI (`.ci/run`) runs both.
module.exports = [
  'test/bench/quickBenchmark.test.ts',
  'test/db/replicas.test.ts',
  'test/db/databaseOutage.test.ts',
  'test/delivery/crashRecovery.test.ts',
  'test/http/joinLinkChangesUnderLoad.test.ts',
  // Twenty pages in Chromium, each screenshot at two sizes and checked by axe-core: about 40 s.
  'test/http/joinPageBrowser.test.ts',
  // Waits out the join page's own 15-second refreshes in Chromium.
  'test/http/joinPagePreparingBrowser.test.ts',
  'test/security/hostileInput.test.ts',
  'test/security/slackRequestFlood.test.ts',
];
