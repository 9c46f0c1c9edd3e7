import type { DataSource, EntityManager } from 'typeorm';

export type DatabaseDialect = 'sqlite' | 'postgres';

/**
 * The one way the app touches its database.
 *
 * TypeORM's better-sqlite3 driver runs everything through one shared connection, so two
 * interleaved async transactions would silently merge into one. On SQLite every unit of work
 * therefore waits its turn; on PostgreSQL each gets its own pooled connection and transaction.
 */
export class Database {
  readonly dialect: DatabaseDialect;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataSource: DataSource) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** Runs `work` in one transaction: all of it is stored, or none of it. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') {
      return this.dataSource.transaction(work);
    }
    return this.serialize(() => this.dataSource.transaction(work));
  }

  /** Runs read-only `work`, never in the middle of another unit's transaction. */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') {
      return work(this.dataSource.manager);
    }
    return this.serialize(() => work(this.dataSource.manager));
  }

  async isReachable(): Promise<boolean> {
    try {
      await this.read((manager) => manager.query('SELECT 1'));
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    if (this.dataSource.isInitialized) {
      await this.dataSource.destroy();
    }
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

/** True when `error` is a unique-constraint violation from either database. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string } } | undefined;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
