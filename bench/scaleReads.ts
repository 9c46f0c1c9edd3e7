/**
 * Issue 32: the listed reads on a small database and on a large one seeded the same way, side by
 * side, on PostgreSQL and on SQLite (`npm run bench -- --only=scale`). The small one holds 1,000 interviews rather
 * than none, so both answer pages as full (an empty page is cheaper to write out than a full one,
 * whatever the database): the ratio is what the table's size costs. Target: at most 1.5×.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { encodeCursor } from '../src/domain/interviews/interviewQueries';
import {
  ISSUE_SIZES,
  SEEDED,
  seedLargePostgresDatabase,
  seedLargeSqliteDatabase,
  type LargeDatabaseSizes,
} from '../test/support/largeDatabase';
import { createScratchDatabase } from '../test/support/postgres';
import { runLoad } from './load';
import { startProcess, type BenchProcess } from './processes';

/** The seeded size: the issue's million interviews, unless BENCH_SCALE_INTERVIEWS says otherwise. */
function sizesFor(interviews: number): LargeDatabaseSizes {
  return { ...ISSUE_SIZES, interviews, bookingRequests: Math.ceil(interviews / 10), slots: Math.ceil(interviews / 5) };
}

const SMALL_INTERVIEWS = 1000;
/** Requests to each app before measuring, so neither is measured cold. */
const WARM_UP_REQUESTS = 5;

export interface ScaleRow {
  scenario: string;
  concurrency: number | string;
  ours: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

const SEQUENTIAL_REQUESTS = 20;
const TARGET_RATIO = 1.5;
/** Below this, a difference is noise of the machine rather than of the query: both count as this. */
const FLOOR_MS = 2;

interface ScaleRead {
  label: string;
  path: (position: { deepCursor: string }) => string;
}

const TWO_YEARS_AGO = () => new Date(Date.now() - 2 * 365 * 24 * 60 * 60 * 1000).toISOString();

const READS: ScaleRead[] = [
  {
    label: '`GET /api/interviews?candidateEmail=`',
    path: () => `/api/interviews?candidateEmail=${SEEDED.candidateEmail(123).toUpperCase()}`,
  },
  { label: '`?participant=` with no interviews', path: () => '/api/interviews?participant=U0NOBODY' },
  // Three a page: the small database's user takes part in four interviews, so both pages are full.
  { label: '`?participant=` active user (pages of 3)', path: () => `/api/interviews?participant=${SEEDED.slackUser(42)}&limit=3` },
  { label: 'a page deep in the cursor (half way)', path: ({ deepCursor }) => `/api/interviews?cursor=${deepCursor}` },
  { label: '`?channelId=` (unknown value)', path: () => '/api/interviews?channelId=C0UNKNOWN' },
  { label: '`?slackTeamId=` (unknown)', path: () => '/api/interviews?slackTeamId=T0UNKNOWN' },
  { label: '`?startsBefore=` two years ago', path: () => `/api/interviews?startsBefore=${TWO_YEARS_AGO()}` },
  { label: 'first page', path: () => '/api/interviews' },
  // Two people with no interviews: what the table's size costs the search (a busy panel's own interviews cost more anywhere).
  {
    label: '`GET /api/free-times` (a panel of 2 without interviews, 14 days)',
    path: () => '/api/free-times?interviewers=U0NOBODY,nobody@example.com&durationMinutes=45&limit=5',
  },
];

async function medianMs(url: string): Promise<number> {
  for (let index = 0; index < WARM_UP_REQUESTS; index += 1) await (await fetch(url)).arrayBuffer();
  const times: number[] = [];
  for (let index = 0; index < SEQUENTIAL_REQUESTS; index += 1) {
    const started = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** A cursor half way through the seeded three years. */
async function deepCursorOf(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const middle = await client.query<{ createdAt: Date; id: string }>(
      `SELECT "createdAt", "id" FROM "interview" WHERE "createdAt" < now() - interval '18 months' ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`,
    );
    return encodeCursor(
      middle.rows[0] ?? { createdAt: new Date(Date.now() - 548 * 24 * 60 * 60 * 1000), id: '00000001-0000-4000-8000-000000000000' },
    );
  } finally {
    await client.end();
  }
}

/** The same cursor on a seeded SQLite file (instants stored as UTC `datetime` text). */
function sqliteDeepCursorOf(path: string): string {
  const database = new BetterSqlite3(path, { readonly: true });
  try {
    const halfWay = new Date(Date.now() - 548 * 24 * 60 * 60 * 1000);
    const middle = database
      .prepare<[string], { createdAt: string; id: string }>(
        `SELECT "createdAt", "id" FROM "interview" WHERE "createdAt" < ? ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`,
      )
      .get(halfWay.toISOString().replace('T', ' ').replace('Z', ''));
    return encodeCursor(
      middle
        ? { createdAt: new Date(`${middle.createdAt.replace(' ', 'T')}Z`), id: middle.id }
        : { createdAt: halfWay, id: '00000001-0000-4000-8000-000000000000' },
    );
  } finally {
    database.close();
  }
}

/** The large size: the issue's million interviews, unless BENCH_SCALE_INTERVIEWS says otherwise. */
function largeSizes(): LargeDatabaseSizes {
  return sizesFor(Number(process.env.BENCH_SCALE_INTERVIEWS ?? ISSUE_SIZES.interviews));
}

/** Seeds a large PostgreSQL database and a small one, starts the app on each, and measures each read on both. */
export async function scaleReadRows(
  appScript: string,
  appEnv: Record<string, string>,
  nodeArguments: string[],
  durationSeconds: number,
): Promise<ScaleRow[]> {
  const sizes = largeSizes();
  const empty = await createScratchDatabase();
  const seeded = await createScratchDatabase();
  try {
    await seedLargePostgresDatabase(empty.url, sizesFor(SMALL_INTERVIEWS));
    const seededInMs = await seedLargePostgresDatabase(seeded.url, sizes);
    process.stdout.write(`Seeded ${sizes.interviews} interviews on PostgreSQL in ${(seededInMs / 1000).toFixed(0)} s\n`);
    return await measureSideBySide('PostgreSQL', sizes, appScript, appEnv, nodeArguments, durationSeconds, {
      empty: { url: empty.url, deepCursor: await deepCursorOf(empty.url) },
      seeded: { url: seeded.url, deepCursor: await deepCursorOf(seeded.url) },
    });
  } finally {
    await empty.drop();
    await seeded.drop();
  }
}

/** The same on SQLite, the embedded default: a small and a large seeded file. */
export async function sqliteScaleReadRows(
  appScript: string,
  appEnv: Record<string, string>,
  nodeArguments: string[],
  durationSeconds: number,
): Promise<ScaleRow[]> {
  const sizes = largeSizes();
  const folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-bench-sqlite-scale-'));
  try {
    const empty = join(folder, 'small.sqlite');
    const seeded = join(folder, 'large.sqlite');
    await seedLargeSqliteDatabase(empty, sizesFor(SMALL_INTERVIEWS));
    const seededInMs = await seedLargeSqliteDatabase(seeded, sizes);
    process.stdout.write(`Seeded ${sizes.interviews} interviews on SQLite in ${(seededInMs / 1000).toFixed(0)} s\n`);
    return await measureSideBySide('SQLite', sizes, appScript, appEnv, nodeArguments, durationSeconds, {
      empty: { url: `sqlite:${empty}`, deepCursor: sqliteDeepCursorOf(empty) },
      seeded: { url: `sqlite:${seeded}`, deepCursor: sqliteDeepCursorOf(seeded) },
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

interface SeededDatabase {
  /** DATABASE_URL */
  url: string;
  deepCursor: string;
}

/** Starts the app on the small database and on the large one, and measures each read on both. */
async function measureSideBySide(
  databaseName: string,
  sizes: LargeDatabaseSizes,
  appScript: string,
  appEnv: Record<string, string>,
  nodeArguments: string[],
  durationSeconds: number,
  databases: { empty: SeededDatabase; seeded: SeededDatabase },
): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  const env = { ...appEnv, DELIVERY_WORKER: 'off' };
  let onEmpty: BenchProcess | undefined;
  let onSeeded: BenchProcess | undefined;
  try {
    onEmpty = await startProcess(appScript, { ...env, DATABASE_URL: databases.empty.url }, nodeArguments);
    onSeeded = await startProcess(appScript, { ...env, DATABASE_URL: databases.seeded.url }, nodeArguments);
    for (const read of READS) {
      // Interleaved, so a busier moment of the machine falls on both.
      const emptyMs = await medianMs(`${onEmpty.url}${read.path(databases.empty)}`);
      const seededMs = await medianMs(`${onSeeded.url}${read.path(databases.seeded)}`);
      const ratio = Math.max(seededMs, FLOOR_MS) / Math.max(emptyMs, FLOOR_MS);
      rows.push({
        scenario: `${read.label}: median of ${SEQUENTIAL_REQUESTS} one at a time, ${databaseName}, ${sizes.interviews.toLocaleString('en')} interviews vs ${SMALL_INTERVIEWS.toLocaleString('en')}`,
        concurrency: 1,
        ours: `${seededMs.toFixed(1)} ms`,
        baseline: `${emptyMs.toFixed(1)} ms`,
        ratio: `${ratio.toFixed(2)}×`,
        target: `≤ ${TARGET_RATIO}×`,
        met: ratio <= TARGET_RATIO,
      });
      if (durationSeconds > 0) {
        const load = async (url: string) => (await runLoad({ url, connections: 10, durationSeconds })).requestsPerSecond;
        const emptyRate = await load(`${onEmpty.url}${read.path(databases.empty)}`);
        const seededRate = await load(`${onSeeded.url}${read.path(databases.seeded)}`);
        rows.push({
          scenario: `${read.label}: requests per second, 10 connections, ${databaseName}`,
          concurrency: 10,
          ours: `${seededRate.toFixed(0)}/s`,
          baseline: `${emptyRate.toFixed(0)}/s`,
          ratio: `${(emptyRate / Math.max(seededRate, 0.1)).toFixed(2)}×`,
          target: `≤ ${TARGET_RATIO}× slower`,
          met: emptyRate / Math.max(seededRate, 0.1) <= TARGET_RATIO,
        });
      }
    }
  } finally {
    await onEmpty?.stop();
    await onSeeded?.stop();
  }
  return rows;
}
