import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server PostgreSQL tests use; CI starts one on this machine. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachable: Promise<boolean> | undefined;

/** True when a PostgreSQL server answers; with REQUIRE_POSTGRES=1 (as in CI) a missing server is an error. */
export function isPostgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch (error) {
      if (process.env.REQUIRE_POSTGRES === '1') {
        throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL at ${POSTGRES_ADMIN_URL} is not reachable: ${String(error)}`);
      }
      process.stderr.write(
        `\nSkipping PostgreSQL tests: no server at ${POSTGRES_ADMIN_URL} (${String(error)}).\n` +
          'Start one, or set TEST_POSTGRES_URL, to run them.\n',
      );
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

/** A fresh, empty database for one test file; `drop()` removes it. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `interview_scheduler_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = new Client({ connectionString: POSTGRES_ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
