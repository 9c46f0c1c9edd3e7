/** `npm run test:slow`: only the slow suites jest.config.js leaves out, one file at a time. */
const fastConfig = require('./jest.config');
const SLOW_SUITES = require('./test/slowSuites');

/** @type {import('jest').Config} */
module.exports = {
  ...fastConfig,
  testMatch: SLOW_SUITES.map((path) => `<rootDir>/${path}`),
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
};
