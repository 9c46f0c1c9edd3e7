const { availableParallelism } = require('node:os');
const SLOW_SUITES = require('./test/slowSuites');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: '<rootDir>/test/support/cleaningTestEnvironment.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...SLOW_SUITES.map((path) => `<rootDir>/${path}`)],
  transform: {
    // uuid 14 ships only ES modules; compile it to CommonJS like our own TypeScript.
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!uuid/)'],
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/globalSetup.ts',
  reporters: ['default', '<rootDir>/test/requirements/skippedTestsReporter.js'],
  testTimeout: 30000,
  // Most test files spend their time waiting on sockets, PostgreSQL or Chromium, so on 2 cores two
  // workers beat jest's default of one (cores - 1) by about half, and three were slower than two.
  maxWorkers: Math.max(2, availableParallelism() - 1),
};
