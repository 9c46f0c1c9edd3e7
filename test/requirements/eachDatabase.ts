import { describeWithPostgres } from './describeWith';
import { createScratchDatabase } from '../support/postgres';

/** A database for one describe block: the environment that points the app at it, and how to remove it. */
export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * The same tests on SQLite and on PostgreSQL, which refuse different things (NUL bytes, far-off
 * years, lock timing). The PostgreSQL half is skipped, and reported so, without a server.
 */
export function describeOnEachDatabase(title: string, body: (openDatabase: () => Promise<TestDatabase>) => void): void {
  describe(`${title}, on SQLite`, () => body(async () => ({ env: {}, drop: async () => undefined })));
  describeWithPostgres(`${title}, on PostgreSQL`, () =>
    body(async () => {
      const scratch = await createScratchDatabase();
      return { env: { DATABASE_URL: scratch.url }, drop: scratch.drop };
    }),
  );
}
