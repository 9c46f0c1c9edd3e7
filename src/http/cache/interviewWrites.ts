import type { DataSource, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { Interview } from '../../domain/interviews/Interview';

/**
 * Calls `listener` once a change or deletion of an interview row made by this process can be read
 * by others, however the write was made (repository, manager or query builder): when the
 * transaction holding it commits, or at once for a write made outside a transaction. Never in
 * between: a lookup made after the write but before the COMMIT still reads the old row
 * (PostgreSQL's read committed), and anything remembered from it then would outlive the change.
 * A new row is left out: it changes nothing that was read before it, and interviews are created
 * far more often than changed. Returns a function that stops it.
 */
export function watchInterviewWrites(dataSource: DataSource, listener: () => void): () => void {
  const transactionsThatWrote = new WeakSet<QueryRunner>();
  const noticeWrite = ({ queryRunner }: { queryRunner: QueryRunner }) => {
    if (queryRunner.isTransactionActive) transactionsThatWrote.add(queryRunner);
    else listener();
  };
  const subscriber: EntitySubscriberInterface<Interview> = {
    listenTo: () => Interview,
    afterUpdate: noticeWrite,
    afterRemove: noticeWrite,
    afterSoftRemove: noticeWrite,
    // Called for every transaction's commit or rollback, and for each savepoint's: only the outermost one ends the transaction.
    afterTransactionCommit: ({ queryRunner }) => {
      if (!queryRunner.isTransactionActive && transactionsThatWrote.delete(queryRunner)) listener();
    },
    afterTransactionRollback: ({ queryRunner }) => {
      if (!queryRunner.isTransactionActive) transactionsThatWrote.delete(queryRunner);
    },
  };
  dataSource.subscribers.push(subscriber);
  return () => {
    const index = dataSource.subscribers.indexOf(subscriber);
    if (index >= 0) dataSource.subscribers.splice(index, 1);
  };
}
