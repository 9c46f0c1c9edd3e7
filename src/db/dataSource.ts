import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions, type Migration } from 'typeorm';
import type { Logger } from '../logging/logger';
import type { DatabaseSettings } from '../config/appConfig';
import type { DatabaseAvailability } from './databaseAvailability';
import { CreateInitialSchema1764000000000 } from './migrations/1764000000000-CreateInitialSchema';
import { AddInterviewEventRequestKey1764100000000 } from './migrations/1764100000000-AddInterviewEventRequestKey';
import { AddInterviewNoShowAlertedAt1764200000000 } from './migrations/1764200000000-AddInterviewNoShowAlertedAt';
import { AddBookingRequests1764300000000 } from './migrations/1764300000000-AddBookingRequests';
import { AddSlackWorkspaces1764400000000 } from './migrations/1764400000000-AddSlackWorkspaces';
import { AddSlackEventReceipts1764500000000 } from './migrations/1764500000000-AddSlackEventReceipts';
import { AddSlackOAuthStates1764510000000 } from './migrations/1764510000000-AddSlackOAuthStates';
import { AddRequestKeys1764520000000 } from './migrations/1764520000000-AddRequestKeys';
import { AddMeetings1764590000000 } from './migrations/1764590000000-AddMeetings';
import { AddFreeTimeSlots1764600000000 } from './migrations/1764600000000-AddFreeTimeSlots';
import { AddInterviewCalendarEvents1764610000000 } from './migrations/1764610000000-AddInterviewCalendarEvents';
import { IndexEveryListFilter1764700000000 } from './migrations/1764700000000-IndexEveryListFilter';
import { IndexDueDeliveries1764710000000 } from './migrations/1764710000000-IndexDueDeliveries';
import { AddInterviewPlans1765000000000 } from './migrations/1765000000000-AddInterviewPlans';
import { AddBookingRequestPlans1765300000000 } from './migrations/1765300000000-AddBookingRequestPlans';
import { AddInterviewInterviewers1765320000000 } from './migrations/1765320000000-AddInterviewInterviewers';
import { CoverStartsInNewestIndex1765500000000 } from './migrations/1765500000000-CoverStartsInNewestIndex';
import { AddSlackClashConfirmations1765600000000 } from './migrations/1765600000000-AddSlackClashConfirmations';

export const MIGRATIONS = [
  CreateInitialSchema1764000000000,
  AddInterviewEventRequestKey1764100000000,
  AddInterviewNoShowAlertedAt1764200000000,
  AddBookingRequests1764300000000,
  AddSlackWorkspaces1764400000000,
  AddSlackEventReceipts1764500000000,
  AddSlackOAuthStates1764510000000,
  AddRequestKeys1764520000000,
  AddMeetings1764590000000,
  AddFreeTimeSlots1764600000000,
  AddInterviewCalendarEvents1764610000000,
  IndexEveryListFilter1764700000000,
  IndexDueDeliveries1764710000000,
  AddInterviewPlans1765000000000,
  AddBookingRequestPlans1765300000000,
  AddInterviewInterviewers1765320000000,
  CoverStartsInNewestIndex1765500000000,
  AddSlackClashConfirmations1765600000000,
];

const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * How long a query waits for a pooled connection, including opening a new one. pg-pool uses the
 * same limit for both, so it must ride out a burst of requests queueing for the pool; it bounds
 * the wait when the server stops answering at all. A refused or reset connection (a restart) fails
 * at once whatever this is, and Slack's answers have their own deadline (slackDeadline.ts).
 */
const POSTGRES_CONNECT_TIMEOUT_MS = 10_000;
const POSTGRES_POOL_SIZE = 10;

/**
 * The TypeORM entities to map: every table the app reads and writes through them. The database
 * knows none of them itself; whoever opens it hands them in (domain/appDatabase.ts: each
 * aggregate's entities, and the Slack adapter's tables in db/entities/).
 */
export type EntityList = NonNullable<DataSourceOptions['entities']>;

export interface DatabaseOpenOptions {
  entities?: EntityList;
  /** Told of a pooled PostgreSQL connection the server dropped, so an outage is noticed. */
  availability?: DatabaseAvailability;
  /** Where start-up says which migrations it applied, and that the schema is up to date. */
  logger?: Logger;
}

/** Builds the TypeORM data source for the configured database; call `openDataSource` to connect. */
export function createDataSource(settings: DatabaseSettings, options: DatabaseOpenOptions = {}): DataSource {
  const { entities = [], availability } = options;
  const common = {
    entities,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
  };
  if (settings.kind === 'postgres') {
    return new DataSource({
      ...common,
      type: 'postgres',
      url: settings.url,
      connectTimeoutMS: POSTGRES_CONNECT_TIMEOUT_MS,
      extra: { max: POSTGRES_POOL_SIZE, keepAlive: true },
      // An idle pooled connection the server dropped (a restart): the pool replaces it.
      poolErrorHandler: (error: unknown) => availability?.noticeFailure(error),
    });
  }
  if (settings.path !== ':memory:') {
    mkdirSync(dirname(settings.path), { recursive: true });
  }
  return new DataSource({
    ...common,
    type: 'better-sqlite3',
    database: settings.path,
    enableWAL: settings.path !== ':memory:',
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    prepareDatabase: (database: { pragma(statement: string): unknown }) => {
      database.pragma('foreign_keys = ON');
      database.pragma('synchronous = NORMAL');
    },
  });
}

/** An arbitrary constant: the PostgreSQL advisory lock replicas take to migrate one at a time. */
const MIGRATION_LOCK_ID = 7_240_517_311;

/** The configured database could not be opened; the message names DATABASE_URL but never its password. */
export class DatabaseOpenError extends Error {
  constructor(settings: DatabaseSettings, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Cannot open the database in DATABASE_URL (${describeDatabase(settings)}): ${reason}`, { cause });
    this.name = 'DatabaseOpenError';
  }
}

/** DATABASE_URL as it can be shown in a log or an error: the password replaced by ***. */
export function describeDatabase(settings: DatabaseSettings): string {
  if (settings.kind === 'sqlite') return `sqlite:${settings.path}`;
  if (!URL.canParse(settings.url)) return 'postgres://…';
  const url = new URL(settings.url);
  if (url.password) url.password = '***';
  return url.toString();
}

/**
 * Connects and brings the schema up to date; migrations, never `synchronize`. On PostgreSQL,
 * replicas starting together take turns through an advisory lock instead of racing. Any failure
 * (no server, a missing database, an unwritable SQLite folder) is a DatabaseOpenError.
 */
export async function openDataSource(settings: DatabaseSettings, options: DatabaseOpenOptions = {}): Promise<DataSource> {
  let dataSource: DataSource | undefined;
  try {
    dataSource = createDataSource(settings, options);
    await dataSource.initialize();
    const applied = await migrate(dataSource, settings);
    logMigrations(options.logger, applied, describeDatabase(settings));
    return dataSource;
  } catch (error) {
    if (dataSource?.isInitialized) await dataSource.destroy().catch(() => undefined);
    throw new DatabaseOpenError(settings, error);
  }
}

/** The migrations applied now, oldest first. */
async function migrate(dataSource: DataSource, settings: DatabaseSettings): Promise<Migration[]> {
  if (settings.kind !== 'postgres') {
    return dataSource.runMigrations({ transaction: 'each' });
  }
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lockHolder.release();
  }
}

/** One line per migration applied at this start, then one saying the schema is current (the password never shown). */
function logMigrations(logger: Logger | undefined, applied: Migration[], database: string): void {
  if (!logger) return;
  for (const migration of applied) logger.info({ migration: migration.name, database }, `Applied migration ${migration.name}`);
  logger.info(
    { database, appliedNow: applied.length, migrations: MIGRATIONS.length },
    applied.length === 0
      ? `Database schema is up to date (${MIGRATIONS.length} migrations, none to apply)`
      : `Database schema is up to date: applied ${applied.length} of ${MIGRATIONS.length} migrations now`,
  );
}
