import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';

type Column = EntityMetadata['columns'][number];

/** The INSERT statement for one entity, per set of columns given and number of rows: written once, then reused. */
const statements = new WeakMap<EntityMetadata, Map<string, { sql: string; columns: Column[] }>>();

/**
 * Inserts rows whose every column the caller has already set. Unlike `manager.insert`, it does not
 * read each row back for database-generated values (on SQLite that is one SELECT per INSERT), as
 * there are none; and it writes each statement's SQL once, instead of having the query builder
 * write it again for every row (a third of an API creation's CPU, docs/decisions/insert-statements.md).
 *
 * Everything it uses is TypeORM's public surface: the entity's metadata, and the methods of the
 * exported `Driver` interface that name a column (`escape`), write a parameter (`createParameter`)
 * and convert a value for the database exactly as every TypeORM write does
 * (`preparePersistentValue`: dates, JSON, transformers); then `EntityManager.query`.
 */
export async function insertRows<Entity extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<Entity>,
  rows: QueryDeepPartialEntity<Entity> | QueryDeepPartialEntity<Entity>[],
): Promise<void> {
  const list = (Array.isArray(rows) ? rows : [rows]) as ObjectLiteral[];
  if (list.length === 0) return;
  const metadata = manager.connection.getMetadata(entity);
  const { sql, columns } = insertStatementFor(manager, metadata, list);
  const driver = manager.connection.driver;
  const parameters = list.flatMap((row) =>
    columns.map((column) => driver.preparePersistentValue(column.getEntityValue(row), column) as unknown),
  );
  await manager.query(sql, parameters);
}

function insertStatementFor(manager: EntityManager, metadata: EntityMetadata, rows: ObjectLiteral[]) {
  const given = metadata.columns.filter((column) => column.isInsert && column.getEntityValue(rows[0]) !== undefined);
  const key = `${rows.length}:${given.map((column) => column.propertyName).join(',')}`;
  let forEntity = statements.get(metadata);
  if (!forEntity) {
    forEntity = new Map();
    statements.set(metadata, forEntity);
  }
  let statement = forEntity.get(key);
  if (!statement) {
    const driver = manager.connection.driver;
    let position = 0;
    const parameter = (column: Column) => driver.createParameter(column.propertyName, position++);
    const values = rows.map(() => `(${given.map(parameter).join(', ')})`).join(', ');
    const names = given.map((column) => driver.escape(column.databaseName)).join(', ');
    statement = { sql: `INSERT INTO ${driver.escape(metadata.tablePath)} (${names}) VALUES ${values}`, columns: given };
    forEntity.set(key, statement);
  }
  for (const row of rows.slice(1)) {
    const sameColumns = metadata.columns.every(
      (column) => !column.isInsert || (column.getEntityValue(row) !== undefined) === statement.columns.includes(column),
    );
    if (!sameColumns) throw new Error(`insertRows: every ${metadata.name} row in one call must set the same columns`);
  }
  return statement;
}
