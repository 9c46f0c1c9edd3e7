import { computeRetryDelayMs, hasAttemptsLeft } from '../../src/delivery/retryPolicy';

const settings = { retryBaseMs: 1000, retryMaxMs: 60_000, maxAttempts: 5 };

describe('waiting between delivery attempts', () => {
  it('waits between half and all of the base delay after the first failure', () => {
    expect(computeRetryDelayMs(1, settings, undefined, () => 0)).toBe(500);
    expect(computeRetryDelayMs(1, settings, undefined, () => 1)).toBe(1000);
  });

  it('doubles the delay with every attempt', () => {
    expect(computeRetryDelayMs(3, settings, undefined, () => 1)).toBe(4000);
  });

  it('never waits longer than the maximum', () => {
    expect(computeRetryDelayMs(30, settings, undefined, () => 1)).toBe(60_000);
  });

  it('waits at least as long as the provider asked with Retry-After', () => {
    expect(computeRetryDelayMs(1, settings, 30_000, () => 0)).toBe(30_000);
  });

  it('waits no longer than the maximum, whatever Retry-After says', () => {
    expect(computeRetryDelayMs(1, settings, 90_000, () => 0)).toBe(60_000);
    expect(computeRetryDelayMs(1, settings, 999_999_000, () => 0)).toBe(60_000);
    expect(computeRetryDelayMs(1, settings, 1e17, () => 0)).toBe(60_000);
  });

  it('stops after the last allowed attempt', () => {
    expect(hasAttemptsLeft(4, settings)).toBe(true);
    expect(hasAttemptsLeft(5, settings)).toBe(false);
  });
});
