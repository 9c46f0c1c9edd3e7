import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { LessThanOrEqual } from 'typeorm';
import { startApplication, type RunningApplication, type StartOptions } from '../../src/application';
import type { Database } from '../../src/db/database';
import { DeliveryJob, DeliveryStatus } from '../../src/domain/deliveries/DeliveryJob';
import { loadConfig } from '../../src/config/appConfig';
import type { Logger } from '../../src/logging/logger';
import { cleanUpAfterThisFile, temporaryFolder } from './cleanUp';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEST_BOT_TOKEN = 'xoxb-test-0000-bot-token';
export const TEST_API_TOKEN = 'test-api-token-0123456789';

export interface TestApplication extends RunningApplication {
  /** The folder holding this run's database (and mail folder, when SendGrid is off). */
  folder: string;
  /**
   * Waits until the outbox has nothing in flight and nothing due within a second by the app's
   * clock (see outboxSettled): before checking that something was not sent (again).
   */
  settle(timeoutMs?: number): Promise<void>;
  /** Stops the app and deletes its folder. */
  close(): Promise<void>;
}

export interface TestApplicationOptions {
  /** Extra or overriding environment variables, as strings, exactly as a user would set them. */
  env?: Record<string, string | undefined>;
  /** Reuse a folder (and so its database) from an earlier run, e.g. to restart. */
  folder?: string;
  /** The app's clock, e.g. to look at a join page after the interview. */
  now?: () => Date;
  /** Capture the app's logs instead of silencing them. */
  logger?: Logger;
  formOpeningLimits?: StartOptions['formOpeningLimits'];
  /** How long one calendar read may take in all: tests of a provider that does not answer make it short. */
  calendarReadBudgetMs?: number;
}

/**
 * What tests run with unless they say otherwise: an interview given no time starts in 60 to 65
 * minutes, so the default hour-ahead reminder would fall due at a random moment of some test's
 * run and add an email it does not expect. Tests of reminders set CANDIDATE_REMINDERS themselves.
 */
export const TEST_REMINDER_ENV = { CANDIDATE_REMINDERS: 'P1D' };

/**
 * Starts the real application on a random loopback port with its own SQLite database, fast
 * delivery polling and retries, and silent logs. Point SENDGRID_API_URL and SLACK_API_URL at fakes.
 */
export async function startTestApplication(options: TestApplicationOptions = {}): Promise<TestApplication> {
  const folder = options.folder ?? temporaryFolder('app');
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: `sqlite:${join(folder, 'interviews.sqlite')}`,
    MAIL_DIR: join(folder, 'mail'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DELIVERY_POLL_INTERVAL_MS: '25',
    DELIVERY_RETRY_BASE_MS: '50',
    DELIVERY_RETRY_MAX_MS: '2000',
    SHUTDOWN_GRACE_MS: '2000',
    API_RATE_LIMIT_PER_MINUTE: '100000',
    JOIN_PAGE_RATE_LIMIT_PER_MINUTE: '100000',
    ...TEST_REMINDER_ENV,
    ...options.env,
  });
  const application = await startApplication(config, {
    host: '127.0.0.1',
    now: options.now,
    logger: options.logger,
    formOpeningLimits: options.formOpeningLimits,
    calendarReadBudgetMs: options.calendarReadBudgetMs,
  });
  cleanUpAfterThisFile(() => application.stop());
  return {
    ...application,
    folder,
    settle: (timeoutMs = 5000) => outboxSettled(application.database, timeoutMs, application.context.now),
    close: async () => {
      await application.stop();
      if (!options.folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns something truthy, or fails with `description` after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T> | T, description: string, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${description}${last ? `: ${last instanceof Error ? last.message : JSON.stringify(last)}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Waits until the outbox has nothing in flight and nothing due within the next second, by the
 * app's clock `now`: what a test waits for before checking that something was NOT sent (again).
 */
export async function outboxSettled(database: Database, timeoutMs = 5000, now: () => Date = () => new Date()): Promise<void> {
  await eventually(
    async () => {
      const busy = await database.read((manager) =>
        manager.count(DeliveryJob, {
          where: [
            { status: DeliveryStatus.InFlight },
            { status: DeliveryStatus.Pending, nextAttemptAt: LessThanOrEqual(new Date(now().getTime() + 1000)) },
          ],
        }),
      );
      return busy === 0 ? true : null;
    },
    'the outbox to settle',
    timeoutMs,
  );
}

export interface MovableClock {
  /** The time: the real time plus every move so far. */
  now(): Date;
  /** Moves the time ahead at once, e.g. to a reminder's moment, instead of waiting for it. */
  moveAhead(ms: number): void;
}

/** A clock for the app (`now` in startTestApplication) that runs like the real one until a test moves it ahead. */
export function movableClock(): MovableClock {
  let aheadMs = 0;
  return {
    now: () => new Date(Date.now() + aheadMs),
    moveAhead: (ms) => {
      aheadMs += ms;
    },
  };
}
