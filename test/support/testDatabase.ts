import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../../src/db/database';
import { openDatabase } from '../../src/domain/appDatabase';
import { expireOffersLeftWithoutSlots } from '../../src/domain/bookings/expireBookingRequest';
import type { DomainContext } from '../../src/domain/shared/domainContext';
import { cleanUpAfterThisFile, temporaryFolder } from './cleanUp';
import { NO_REMINDERS, type ReminderSettings } from '../../src/config/reminderSettings';

export interface TestDomain {
  context: DomainContext;
  database: Database;
  /** Moves the test's clock. */
  setNow(instant: Date): void;
  /** How many times the worker would have been woken. */
  wakeCount(): number;
  close(): Promise<void>;
}

/**
 * A real SQLite database in a fresh temporary folder, migrated, with a controllable clock. No
 * reminders unless `reminders` says so, so a test sees only the deliveries it is about.
 */
export async function openTestDomain(
  options: { now?: Date; defaultLeadMinutes?: number; reminders?: ReminderSettings } = {},
): Promise<TestDomain> {
  const folder = temporaryFolder('test');
  const database = new Database(await openDatabase({ kind: 'sqlite', path: join(folder, 'test.sqlite') }));
  cleanUpAfterThisFile(() => database.close());
  let now = options.now ?? new Date('2030-03-04T10:02:30.000Z');
  let wakes = 0;
  const context: DomainContext = {
    database,
    now: () => now,
    publicBaseUrl: 'https://hire.example.com',
    defaultLeadMinutes: options.defaultLeadMinutes ?? 60,
    reminders: options.reminders ?? NO_REMINDERS,
    expireOffersLeftWithoutSlots,
    onDeliveriesQueued: () => {
      wakes += 1;
    },
  };
  return {
    context,
    database,
    setNow: (instant) => {
      now = instant;
    },
    wakeCount: () => wakes,
    close: async () => {
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
