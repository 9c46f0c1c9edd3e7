import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseSettings } from '../config';
import { AvailabilitySlot } from './entities/AvailabilitySlot';
import { DeliveryJob } from './entities/DeliveryJob';
import { Interview } from './entities/Interview';
import { InterviewEvent } from './entities/InterviewEvent';
import { CreateInitialSchema1764000000000 } from './migrations/1764000000000-CreateInitialSchema';

export const ENTITIES = [Interview, AvailabilitySlot, DeliveryJob, InterviewEvent];
export const MIGRATIONS = [CreateInitialSchema1764000000000];

const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** Builds the TypeORM data source for the configured database; call `openDatabase` to connect. */
export function createDataSource(settings: DatabaseSettings): DataSource {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
  };
  if (settings.kind === 'postgres') {
    return new DataSource({ ...common, type: 'postgres', url: settings.url, extra: { max: 10 } });
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

/** Connects and brings the schema up to date; migrations, never `synchronize`. */
export async function openDatabase(settings: DatabaseSettings): Promise<DataSource> {
  const dataSource = createDataSource(settings);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

