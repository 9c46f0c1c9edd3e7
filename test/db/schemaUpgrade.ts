import type { DataSource } from 'typeorm';
import type { DatabaseSettings } from '../../src/config/appConfig';
import { MIGRATIONS } from '../../src/db/dataSource';

/** A database to test a migration on: its settings, and how to drop it afterwards. */
export type OpenTestDatabase = () => Promise<{ settings: DatabaseSettings; cleanUp: () => Promise<void> }>;

/**
 * For a describe block testing a migration: before its tests, opens a database, brings it to an
 * earlier schema with rows in it (`atEarlierSchema`), then runs every migration, as an upgrade of a
 * running deployment would; afterwards closes and drops it. Read the upgraded database through
 * `.dataSource` inside the tests.
 */
export function upgradedFromEarlierSchema(
  open: OpenTestDatabase,
  atEarlierSchema: (settings: DatabaseSettings) => Promise<DataSource>,
): { readonly dataSource: DataSource } {
  let dataSource: DataSource;
  let cleanUp: () => Promise<void>;
  beforeAll(async () => {
    const opened = await open();
    cleanUp = opened.cleanUp;
    dataSource = await atEarlierSchema(opened.settings);
    dataSource.setOptions({ migrations: MIGRATIONS });
    await dataSource.destroy();
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await cleanUp?.();
  });
  return {
    get dataSource() {
      return dataSource;
    },
  };
}
