import type { DataSource, EntityManager } from 'typeorm';

/** More than this wait for the next batch, so one batch never holds the database for long. */
const MAX_TRANSACTIONS_PER_BATCH = 64;

interface WaitingTransaction {
  work: (manager: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * SQLite commits one transaction at a time. The transactions asked for while one runs are not
 * committed one by one afterwards but together, in one transaction, each inside a savepoint of its
 * own: one that fails is rolled back to its savepoint and fails alone, with its own error, while
 * the others commit. Nothing waits for a batch to fill: a lone transaction runs once the event loop
 * has read what had already arrived. Under load this spends one BEGIN and COMMIT on many requests
 * (see BENCHMARKS.md).
 */
export class SqliteTransactionBatches {
  private waiting: WaitingTransaction[] = [];

  /** @param inTurn Runs work when no other unit of work holds the connection. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly inTurn: (work: () => Promise<void>) => void,
  ) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // better-sqlite3 blocks while it works, so requests wait in their sockets, not here: the
      // batch starts after the requests already read in this turn of the event loop have joined.
      if (this.waiting.length === 1) setImmediate(() => this.inTurn(() => this.runWaiting()));
    });
  }

  private async runWaiting(): Promise<void> {
    const batch = this.waiting.splice(0, MAX_TRANSACTIONS_PER_BATCH);
    if (this.waiting.length > 0) this.inTurn(() => this.runWaiting());
    if (batch.length === 1) {
      const [only] = batch as [WaitingTransaction];
      await this.dataSource.transaction(only.work).then(only.resolve, only.reject);
      return;
    }
    const outcomes: Array<{ value: unknown } | { error: unknown }> = [];
    try {
      await this.dataSource.transaction(async (manager) => {
        for (const transaction of batch) outcomes.push(await inSavepoint(manager, transaction.work));
      });
    } catch (error) {
      for (const transaction of batch) transaction.reject(error);
      return;
    }
    batch.forEach((transaction, index) => {
      const outcome = outcomes[index];
      if ('error' in outcome) transaction.reject(outcome.error);
      else transaction.resolve(outcome.value);
    });
  }
}

async function inSavepoint(
  manager: EntityManager,
  work: (manager: EntityManager) => Promise<unknown>,
): Promise<{ value: unknown } | { error: unknown }> {
  await manager.query('SAVEPOINT batched_transaction');
  try {
    const value = await work(manager);
    await manager.query('RELEASE batched_transaction');
    return { value };
  } catch (error) {
    await manager.query('ROLLBACK TO batched_transaction');
    await manager.query('RELEASE batched_transaction');
    return { error };
  }
}
