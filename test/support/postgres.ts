import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server PostgreSQL tests use; CI starts one on this machine. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Why PostgreSQL cannot be used here (no server at POSTGRES_ADMIN_URL, refused login, …), or null
 * when a server answers. Jest's global setup asks once, to run or skip the PostgreSQL tests.
 */
export async function postgresUnavailableReason(): Promise<string | null> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** True when a PostgreSQL server answers; the benchmark then measures PostgreSQL too. */
export async function isPostgresReachable(): Promise<boolean> {
  return (await postgresUnavailableReason()) === null;
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
