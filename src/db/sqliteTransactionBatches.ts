import type { DataSource, EntityManager } from 'typeorm';

/** More than this wait for the next batch, so one batch never holds the database for long. */
const MAX_TRANSACTIONS_PER_BATCH = 64;

interface WaitingTransaction {
  work: (manager: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { value: unknown } | { error: unknown };

/**
 * SQLite commits one transaction at a time, and each commit writes every page it changed to the
 * WAL again: with WAL and `synchronous = NORMAL` already on, separate commits still cost ~40 % of
 * API creations per second (docs/decisions/sqlite-commits.md). So the transactions asked for while
 * one runs are committed together, in one transaction, each inside a savepoint of its own, in the
 * order they were asked for: exactly what running them one after another would store.
 *
 * What one of them does never decides another's outcome:
 * - one that throws, or breaks a constraint, is rolled back to its savepoint and fails alone, with
 *   its own error, while the others commit in the same COMMIT;
 * - when the batch cannot commit as a whole (a constraint checked only at COMMIT, a full disk, a
 *   snapshot another process made stale), nothing of it is stored and each one runs again alone,
 *   so each gets the outcome it would have had without the others.
 * A transaction's work may therefore run twice, as a retried transaction's does: it should change
 * nothing but the database, through the manager it is given.
 *
 * Nothing waits for a batch to fill: a lone transaction runs once the event loop has read what had
 * already arrived.
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
      await this.runAlone(batch[0]);
      return;
    }
    const outcomes: Outcome[] = [];
    try {
      await this.dataSource.transaction(async (manager) => {
        for (const transaction of batch) outcomes.push(await inSavepoint(manager, transaction.work));
      });
    } catch {
      for (const transaction of batch) await this.runAlone(transaction);
      return;
    }
    batch.forEach((transaction, index) => {
      const outcome = outcomes[index];
      if ('error' in outcome) transaction.reject(outcome.error);
      else transaction.resolve(outcome.value);
    });
  }

  private runAlone(transaction: WaitingTransaction): Promise<void> {
    return this.dataSource.transaction(transaction.work).then(transaction.resolve, transaction.reject);
  }
}

/**
 * Runs `work` in a savepoint: kept when it succeeds, undone when it throws. A stale snapshot is
 * rethrown instead, to fail the whole batch: the snapshot was taken by whichever transaction of
 * the batch read first, so alone this one might well have succeeded. So is a savepoint SQLite can
 * no longer roll back to, because it already undid the whole transaction.
 */
async function inSavepoint(manager: EntityManager, work: (manager: EntityManager) => Promise<unknown>): Promise<Outcome> {
  await manager.query('SAVEPOINT batched_transaction');
  let outcome: Outcome;
  try {
    outcome = { value: await work(manager) };
  } catch (error) {
    if (isStaleSnapshot(error)) throw error;
    await manager.query('ROLLBACK TO batched_transaction');
    outcome = { error };
  }
  await manager.query('RELEASE batched_transaction');
  return outcome;
}

/** SQLite's answer when a transaction that has read wants to write after another connection committed. */
function isStaleSnapshot(error: unknown): boolean {
  const failure = error as { code?: string; driverError?: { code?: string } } | undefined;
  return (failure?.driverError?.code ?? failure?.code) === 'SQLITE_BUSY_SNAPSHOT';
}
