import type { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';

/**
 * Inserts rows whose every column the caller has already set, through TypeORM's insert query
 * builder. Unlike `manager.insert`, it does not read each row back for database-generated values
 * (`updateEntity(false)`): there are none, and on SQLite that read-back is one SELECT per INSERT.
 */
export async function insertRows<Entity extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<Entity>,
  rows: QueryDeepPartialEntity<Entity> | QueryDeepPartialEntity<Entity>[],
): Promise<void> {
  if (Array.isArray(rows) && rows.length === 0) return;
  await manager.createQueryBuilder().insert().into(entity).values(rows).updateEntity(false).execute();
}
