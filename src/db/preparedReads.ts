import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

interface PreparedStatement {
  all(...parameters: unknown[]): unknown[];
}

interface SqliteConnection {
  prepare(sql: string): PreparedStatement;
}

/** Each SQLite connection's statements, prepared once by their SQL. */
const preparedStatements = new WeakMap<SqliteConnection, Map<string, PreparedStatement>>();

/**
 * Runs one read-only SQL statement written with `?` placeholders. On SQLite the statement is
 * prepared once and run on the shared connection directly, without TypeORM's query runner, whose
 * per-query machinery (events, logging, statement lookup) costs several times the query itself; on
 * PostgreSQL it goes through the pool with `$1, $2…` placeholders. For the hottest reads only,
 * such as the one every slash command makes: call it inside `Database.read` so that on SQLite it
 * never runs in the middle of another unit's transaction.
 */
export async function queryPrepared(manager: EntityManager, sql: string, parameters: unknown[]): Promise<ObjectLiteral[]> {
  const driver = manager.connection.driver;
  if (driver.options.type === 'postgres') {
    let position = 0;
    return manager.query<ObjectLiteral[]>(
      sql.replace(/\?/g, () => `$${(position += 1)}`),
      parameters,
    );
  }
  const connection = (driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
  let statements = preparedStatements.get(connection);
  if (!statements) {
    statements = new Map();
    preparedStatements.set(connection, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = connection.prepare(sql);
    statements.set(sql, statement);
  }
  return statement.all(...parameters) as ObjectLiteral[];
}

/** `value` as the database stores `entity`'s `property`, converted exactly as TypeORM converts it (dates, JSON, transformers). */
export function columnValue<Entity extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<Entity>,
  property: keyof Entity & string,
  value: unknown,
): unknown {
  const column = manager.connection.getMetadata(entity).findColumnWithPropertyName(property);
  if (!column) throw new Error(`columnValue: no column for ${property}`);
  return manager.connection.driver.preparePersistentValue(value, column) as unknown;
}

/** A table or column name quoted for the database in use. */
export function quotedName(manager: EntityManager, name: string): string {
  return manager.connection.driver.escape(name);
}
