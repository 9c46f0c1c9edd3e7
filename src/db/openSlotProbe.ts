import type { EntityManager, EntityMetadata } from 'typeorm';

/** Which workspace's slots to look at: all, one team's, or one Enterprise Grid organization's. */
export type SlotProbeScope = { column: null } | { column: 'slackTeamId' | 'slackEnterpriseId'; value: string };

/** The slots' table, named as the migrations name it: db/ knows tables, not the domain's entities. */
const SLOT_TABLE = 'availability_slot';

/** The probe's SQL per table and scope column: written once, then reused. */
const statements = new WeakMap<EntityMetadata, Map<string, string>>();

/**
 * Whether any slot within `scope` is open (nobody has booked it and it starts after `now`): one
 * `SELECT 1 … LIMIT 1` on the `startsAt` index through `EntityManager.query`. Asked before the
 * query builder reads the slots themselves, because most forms open where no slot is offered and
 * building that query costs far more CPU than running it (docs/decisions/open-slot-probe.md).
 */
export async function anyOpenSlot(manager: EntityManager, now: Date, scope: SlotProbeScope): Promise<boolean> {
  const metadata = manager.connection.getMetadata(SLOT_TABLE);
  const startsAt = metadata.findColumnWithPropertyName('startsAt')!;
  const parameters: unknown[] = [manager.connection.driver.preparePersistentValue(now, startsAt)];
  if (scope.column) parameters.push(scope.value);
  const rows: unknown[] = await manager.query(probeStatement(manager, metadata, scope.column), parameters);
  return rows.length > 0;
}

function probeStatement(manager: EntityManager, metadata: EntityMetadata, scopeColumn: SlotProbeScope['column']): string {
  let forTable = statements.get(metadata);
  if (!forTable) {
    forTable = new Map();
    statements.set(metadata, forTable);
  }
  const key = scopeColumn ?? '';
  let sql = forTable.get(key);
  if (!sql) {
    const driver = manager.connection.driver;
    const column = (property: string) => driver.escape(metadata.findColumnWithPropertyName(property)!.databaseName);
    const conditions = [`${column('bookedInterviewId')} IS NULL`, `${column('startsAt')} > ${driver.createParameter('now', 0)}`];
    if (scopeColumn) conditions.push(`${column(scopeColumn)} = ${driver.createParameter('scope', 1)}`);
    sql = `SELECT 1 FROM ${driver.escape(metadata.tablePath)} WHERE ${conditions.join(' AND ')} LIMIT 1`;
    forTable.set(key, sql);
  }
  return sql;
}
