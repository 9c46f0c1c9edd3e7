import { Gauge, Registry } from 'prom-client';
import type { Database } from '../db/database';
import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../domain/deliveries/DeliveryJob';

/** Two gauges read in one query per scrape: the second one's collect reuses the first one's answer. */
const ONE_SCRAPE_MS = 1000;

interface DueJobsOfKind {
  kind: DeliveryKind;
  due: number;
  oldestDueAt: Date | null;
}

/**
 * The outbox's backlog, read when Prometheus scrapes: per kind, how many jobs are due and not yet
 * delivered (pending and due, or in flight), and how long the oldest of them has been due. Jobs due
 * later (reminders) are not backlog and are not counted. One query, through the
 * (status, nextAttemptAt) index, reading only the due rows.
 */
export function outboxMetrics(database: Database, now: () => Date = () => new Date()): Registry {
  const registry = new Registry();
  let lastRead: { atMs: number; rows: Promise<DueJobsOfKind[]> } | null = null;
  const readDueJobs = (): Promise<DueJobsOfKind[]> => {
    const atMs = now().getTime();
    if (!lastRead || atMs - lastRead.atMs > ONE_SCRAPE_MS) lastRead = { atMs, rows: queryDueJobs(database, new Date(atMs)) };
    return lastRead.rows;
  };
  new Gauge({
    name: 'outbox_due_jobs',
    help: 'Outbox jobs due and not yet delivered (pending and due, or in flight), by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
    async collect() {
      const rows = await readDueJobs();
      for (const kind of Object.values(DeliveryKind)) this.set({ kind }, rows.find((row) => row.kind === kind)?.due ?? 0);
    },
  });
  new Gauge({
    name: 'outbox_oldest_due_age_seconds',
    help: 'How long the oldest due, undelivered outbox job of each kind has been due, in seconds (0 when none is)',
    labelNames: ['kind'] as const,
    registers: [registry],
    async collect() {
      const rows = await readDueJobs();
      const nowMs = now().getTime();
      for (const kind of Object.values(DeliveryKind)) {
        const oldest = rows.find((row) => row.kind === kind)?.oldestDueAt;
        this.set({ kind }, oldest ? Math.max(0, (nowMs - oldest.getTime()) / 1000) : 0);
      }
    },
  });
  return registry;
}

async function queryDueJobs(database: Database, now: Date): Promise<DueJobsOfKind[]> {
  const rows = await database.read((manager) =>
    manager
      .createQueryBuilder(DeliveryJob, 'job')
      .select('job.kind', 'kind')
      .addSelect('COUNT(*)', 'due')
      .addSelect('MIN(job.nextAttemptAt)', 'oldestDueAt')
      .where('job.status IN (:...unfinished) AND job.nextAttemptAt <= :now', {
        unfinished: [DeliveryStatus.Pending, DeliveryStatus.InFlight],
        now,
      })
      .groupBy('job.kind')
      .getRawMany<{ kind: DeliveryKind; due: string | number; oldestDueAt: string | Date | null }>(),
  );
  return rows.map((row) => ({ kind: row.kind, due: Number(row.due), oldestDueAt: readInstant(row.oldestDueAt) }));
}

/** A raw MIN() over an instant column: a Date from PostgreSQL, text from SQLite. */
function readInstant(value: string | Date | null): Date | null {
  if (value === null) return null;
  if (value instanceof Date) return value;
  const parsed = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}
