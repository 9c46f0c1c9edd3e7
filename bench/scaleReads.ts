/**
 * Issue 32: the listed reads on a small PostgreSQL database and on a large one seeded the same
 * way, side by side (`npm run bench -- --only=scale`). The small one holds 1,000 interviews rather
 * than none, so both answer pages as full (an empty page is cheaper to write out than a full one,
 * whatever the database): the ratio is what the table's size costs. Target: at most 1.5×.
 */
import { Client } from 'pg';
import { encodeCursor } from '../src/domain/interviews/interviewQueries';
import { ISSUE_SIZES, SEEDED, seedLargePostgresDatabase, type LargeDatabaseSizes } from '../test/support/largeDatabase';
import { createScratchDatabase } from '../test/support/postgres';
import { runLoad } from './load';
import { startProcess } from './processes';

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
  { label: '`?participant=` active user', path: () => `/api/interviews?participant=${SEEDED.slackUser(42)}` },
  { label: 'a page deep in the cursor (half way)', path: ({ deepCursor }) => `/api/interviews?cursor=${deepCursor}` },
  { label: '`?channelId=` (unknown value)', path: () => '/api/interviews?channelId=C0UNKNOWN' },
  { label: '`?slackTeamId=` (unknown)', path: () => '/api/interviews?slackTeamId=T0UNKNOWN' },
  { label: '`?startsBefore=` two years ago', path: () => `/api/interviews?startsBefore=${TWO_YEARS_AGO()}` },
  { label: 'first page', path: () => '/api/interviews' },
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

/** Seeds a large database and a small one, starts the app on each, and measures each read on both. */
export async function scaleReadRows(
  appScript: string,
  appEnv: Record<string, string>,
  nodeArguments: string[],
  durationSeconds: number,
): Promise<ScaleRow[]> {
  const sizes = sizesFor(Number(process.env.BENCH_SCALE_INTERVIEWS ?? ISSUE_SIZES.interviews));
  const empty = await createScratchDatabase();
  const seeded = await createScratchDatabase();
  const rows: ScaleRow[] = [];
  try {
    await seedLargePostgresDatabase(empty.url, sizesFor(SMALL_INTERVIEWS));
    const seededInMs = await seedLargePostgresDatabase(seeded.url, sizes);
    process.stdout.write(`Seeded ${sizes.interviews} interviews in ${(seededInMs / 1000).toFixed(0)} s\n`);
    const env = { ...appEnv, DELIVERY_WORKER: 'off' };
    const onEmpty = await startProcess(appScript, { ...env, DATABASE_URL: empty.url }, nodeArguments);
    const onSeeded = await startProcess(appScript, { ...env, DATABASE_URL: seeded.url }, nodeArguments);
    try {
      const positions = { empty: { deepCursor: await deepCursorOf(empty.url) }, seeded: { deepCursor: await deepCursorOf(seeded.url) } };
      for (const read of READS) {
        // Interleaved, so a busier moment of the machine falls on both.
        const emptyMs = await medianMs(`${onEmpty.url}${read.path(positions.empty)}`);
        const seededMs = await medianMs(`${onSeeded.url}${read.path(positions.seeded)}`);
        const ratio = Math.max(seededMs, FLOOR_MS) / Math.max(emptyMs, FLOOR_MS);
        rows.push({
          scenario: `${read.label}: median of ${SEQUENTIAL_REQUESTS} one at a time, ${sizes.interviews.toLocaleString('en')} interviews vs ${SMALL_INTERVIEWS.toLocaleString('en')}`,
          concurrency: 1,
          ours: `${seededMs.toFixed(1)} ms`,
          baseline: `${emptyMs.toFixed(1)} ms`,
          ratio: `${ratio.toFixed(2)}×`,
          target: `≤ ${TARGET_RATIO}×`,
          met: ratio <= TARGET_RATIO,
        });
        if (durationSeconds > 0) {
          const load = async (url: string) => (await runLoad({ url, connections: 10, durationSeconds })).requestsPerSecond;
          const emptyRate = await load(`${onEmpty.url}${read.path(positions.empty)}`);
          const seededRate = await load(`${onSeeded.url}${read.path(positions.seeded)}`);
          rows.push({
            scenario: `${read.label}: requests per second, 10 connections`,
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
      await onEmpty.stop();
      await onSeeded.stop();
    }
  } finally {
    await empty.drop();
    await seeded.drop();
  }
  return rows;
}
