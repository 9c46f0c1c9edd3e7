import type { DataSource, EntitySubscriberInterface } from 'typeorm';
import { Interview } from './entities/Interview';

/**
 * Calls `listener` whenever this process changes or deletes an interview row, however the write
 * was made (repository, manager or query builder). A new row is left out: it changes nothing that
 * was read before it, and interviews are created far more often than changed. Returns a function
 * that stops it.
 */
export function watchInterviewWrites(dataSource: DataSource, listener: () => void): () => void {
  const subscriber: EntitySubscriberInterface<Interview> = {
    listenTo: () => Interview,
    afterUpdate: listener,
    afterRemove: listener,
    afterSoftRemove: listener,
  };
  dataSource.subscribers.push(subscriber);
  return () => {
    const index = dataSource.subscribers.indexOf(subscriber);
    if (index >= 0) dataSource.subscribers.splice(index, 1);
  };
}
