import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logging/logger';
import type { ProviderOptions } from '../../src/calendarProviders/providerOptions';

/**
 * What adapter tests give an adapter instead of the real world's defaults: a clock they move, a
 * sleep that records its waits instead of waiting, and a logger whose every line they can read.
 */
export interface ProviderTestKit {
  options: ProviderOptions;
  /** Every wait between attempts, in milliseconds. */
  waits: number[];
  /** Every log line, as written (JSON). */
  logLines: string[];
  /** The adapter's clock: token expiry and Retry-After dates are read from it. */
  now(): number;
  advanceClock(milliseconds: number): void;
  logger: Logger;
}

export function providerTestKit(): ProviderTestKit {
  const waits: number[] = [];
  const logLines: string[] = [];
  let now = Date.now();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger('trace', sink);
  return {
    waits,
    logLines,
    logger,
    now: () => now,
    advanceClock(milliseconds) {
      now += milliseconds;
    },
    options: {
      transport: { now: () => now, timeoutMs: 5_000 },
      sleep: (milliseconds) => {
        waits.push(milliseconds);
        return Promise.resolve();
      },
      logger,
    },
  };
}

/** Every secret value that must never show up in a log line or an error message. */
export function expectNoSecretIn(texts: readonly string[], secrets: readonly string[]): void {
  for (const secret of secrets.filter((each) => each.length >= 8)) {
    for (const text of texts) {
      if (text.includes(secret)) throw new Error(`a secret (${secret.slice(0, 6)}…) appeared in: ${text.slice(0, 200)}`);
    }
  }
}
