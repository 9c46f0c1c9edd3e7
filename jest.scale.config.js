/**
 * `npm run test:scale`: the query plans on a large seeded PostgreSQL database (test/scale/). Kept
 * out of `npm test` (jest.config.js runs `*.test.ts`) because seeding takes a minute or two; CI
 * runs it after the main tests.
 */
const main = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...main,
  roots: ['<rootDir>/test/scale'],
  testMatch: ['**/*.scale.ts'],
  testTimeout: 15 * 60 * 1000,
};
