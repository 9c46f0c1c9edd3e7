import type { DataSource, EntityManager } from 'typeorm';
import { DatabaseAvailability } from './databaseAvailability';
import { SqliteTransactionBatches } from './sqliteTransactionBatches';

export type DatabaseDialect = 'sqlite' | 'postgres';

/** How long `/readyz` waits for the database before calling it unreachable. */
const READINESS_TIMEOUT_MS = 2000;

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
  private readonly sqliteBatches: SqliteTransactionBatches;

  /**
   * @param availability Told of every success and failure, so an outage is noticed (and logged)
   *   once however many requests, polls and deliveries run into it.
   */
  constructor(
    readonly dataSource: DataSource,
    readonly availability: DatabaseAvailability = new DatabaseAvailability(),
  ) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
    this.sqliteBatches = new SqliteTransactionBatches(dataSource, (work) => void this.serialize(work));
  }

  /**
   * Runs `work` in one transaction: all of it is stored, or none of it. On SQLite, transactions
   * that queue up behind one another are committed together, each in its own savepoint, so each
   * still succeeds or fails alone (see SqliteTransactionBatches). `work` may run twice, as any
   * retried transaction: it should change nothing but the database, through `manager`.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') {
      return this.watch(this.dataSource.transaction(work));
    }
    return this.watch(this.sqliteBatches.run(work));
  }

  /** Runs read-only `work`, never in the middle of another unit's transaction. */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') {
      return this.watch(work(this.dataSource.manager));
    }
    return this.watch(this.serialize(() => work(this.dataSource.manager)));
  }

  /** One trivial query, given at most `timeoutMs`: what `/readyz` asks. */
  async isReachable(timeoutMs = READINESS_TIMEOUT_MS): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const answered = this.read((manager) => manager.query('SELECT 1')).then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([answered, gaveUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    if (this.dataSource.isInitialized) {
      await this.dataSource.destroy();
    }
  }

  private watch<T>(operation: Promise<T>): Promise<T> {
    const startedAt = new Date();
    return operation.then(
      (result) => {
        this.availability.noticeSuccess(startedAt);
        return result;
      },
      (error: unknown) => {
        this.availability.noticeFailure(error);
        throw error;
      },
    );
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
