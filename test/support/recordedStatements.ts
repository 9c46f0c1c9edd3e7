import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';

/** One statement a data source ran, as its logger heard it. */
export interface RecordedStatement {
  query: string;
  parameters: unknown[];
}

const TRANSACTION_CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET )/i;

/**
 * Records every statement `dataSource` runs (TypeORM hands each to its logger), so a test can ask
 * the database how it plans the SQL the app really sends.
 */
export class StatementRecorder {
  private recorded: RecordedStatement[] = [];

  constructor(dataSource: DataSource) {
    const logger: TypeOrmLogger = {
      logQuery: (query, parameters) => {
        this.recorded.push({ query, parameters: Array.isArray(parameters) ? parameters : [] });
      },
      logQueryError: () => undefined,
      logQuerySlow: () => undefined,
      logSchemaBuild: () => undefined,
      logMigration: () => undefined,
      log: () => undefined,
    };
    (dataSource as { logger: TypeOrmLogger }).logger = logger;
  }

  /** Runs `action` and returns the statements it sent, less transaction control. */
  async during(action: () => Promise<unknown>): Promise<RecordedStatement[]> {
    this.recorded = [];
    await action();
    return this.recorded.filter((statement) => !TRANSACTION_CONTROL.test(statement.query));
  }
}

/**
 * The SQLite plan's lines (`SEARCH interview USING INDEX …`, `SCAN …`, `USE TEMP B-TREE FOR ORDER
 * BY`) of every read `action` sends (`reads` says which statements are reads), at least one.
 */
export async function sqlitePlanLinesOf(
  dataSource: DataSource,
  recorder: StatementRecorder,
  action: () => Promise<unknown>,
  reads = /^\s*SELECT/i,
): Promise<string[]> {
  const statements = (await recorder.during(action)).filter((statement) => reads.test(statement.query));
  if (statements.length === 0) throw new Error('The action sent no read to plan.');
  const lines: string[] = [];
  for (const read of statements) {
    const plan = await dataSource.query<Array<{ detail: string }>>(`EXPLAIN QUERY PLAN ${read.query}`, read.parameters);
    lines.push(...plan.map((step) => step.detail));
  }
  return lines;
}
