/**
 * `npm run bench`: the app against the baselines a user could otherwise run, side by side in one
 * run on one machine. `--quick` is a few-second smoke run (exercised by the test suite).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { FakeGoogleApis } from '../test/support/fakeGoogleApis';
import { FakeSendGridApi } from '../test/support/fakeSendGridApi';
import { FakeSlackWebApi } from '../test/support/fakeSlackWebApi';
import { createScratchDatabase, isPostgresReachable } from '../test/support/postgres';
import { interactionBody, slackSignature, slashCommandBody, viewSubmissionPayload } from '../test/support/signedSlackRequests';
import { runLoad, type LoadResult } from './load';
import { loopTimesQuery, mondayWeeksAhead, measureLoopTimes } from './loopTimes';
import { scaleReadRows, sqliteScaleReadRows } from './scaleReads';
import { nodeFlagsOfStartScript, startProcess, type BenchProcess } from './processes';
import { summarizeProfile } from './summarizeProfile';

const USAGE = `Usage: npm run bench -- [options]

Runs the app against the baselines a user could otherwise run (a plain Bolt app, bare express),
side by side on this machine, and writes the table to BENCHMARKS.md. A full run takes about
8 minutes on 2 cores and keeps the machine busy; progress goes to stderr as it runs.

Options:
  --quick                 a few-second smoke run of every scenario (writes test-output/bench-quick.md)
  --only=ack,e2e,api,join,scale,free,loops
                          run only these scenarios (writes test-output/bench-partial.md)
                            ack: slash command → modal; e2e: view submission → post and email;
                            api: POST /api/interviews; join: the candidate's join page;
                            scale: list reads on a SQLite file and a PostgreSQL database seeded
                            with a million interviews beside small ones (PostgreSQL if reachable);
                            free: the free times of a panel of 5 over 14 days, 10 at once;
                            loops: a loop's free times, 4 sessions, pools of 5, 14 days
  --scale-load-seconds=N  seconds per load point of the scale rows (0: sequential requests only)
  --concurrency=10        measure one load level (or a list: 1,10) instead of 1, 10 and 100
  --profile               run the app under node --cpu-prof and print where its time went
  --help, -h              print this and exit
`;

const KNOWN_OPTIONS = /^--(quick|profile|help|only=[a-z,]+|concurrency=[0-9,]+|scale-load-seconds=[0-9]+)$|^-h$/;
const unknownOptions = process.argv.slice(2).filter((argument) => !KNOWN_OPTIONS.test(argument));
if (process.argv.includes('--help') || process.argv.includes('-h') || unknownOptions.length > 0) {
  if (unknownOptions.length > 0) process.stderr.write(`Unknown option: ${unknownOptions.join(' ')}\n\n`);
  (unknownOptions.length > 0 ? process.stderr : process.stdout).write(USAGE);
  process.exit(unknownOptions.length > 0 ? 2 : 0);
}

const STARTED_AT = Date.now();
/** One line on stderr per step, with the time since the start, so a long run is seen to move (stdout keeps the report). */
function progress(message: string): void {
  const seconds = Math.round((Date.now() - STARTED_AT) / 1000);
  process.stderr.write(`[bench ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}] ${message}\n`);
}

const QUICK = process.argv.includes('--quick');
/** `--only=ack,e2e,api,join,scale,free,loops` runs a subset (and writes test-output/bench-partial.md, not BENCHMARKS.md). */
const ONLY = process.argv
  .find((argument) => argument.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
/** `--profile` runs the app under `node --cpu-prof` and prints where its time went. */
const PROFILE = process.argv.includes('--profile');
const PROFILE_FOLDER = join(__dirname, '..', '..', 'test-output', 'profiles');
const runs = (scenario: 'ack' | 'e2e' | 'api' | 'join' | 'scale' | 'free' | 'loops') => !ONLY || ONLY.includes(scenario);
const SIGNING_SECRET = 'bench-signing-secret-0123456789';
const BOT_TOKEN = 'xoxb-bench-token';
/** `--concurrency=100` measures one load level instead of all three. */
const ONLY_CONCURRENCY = process.argv.find((argument) => argument.startsWith('--concurrency='))?.slice('--concurrency='.length);
const CONCURRENCY = QUICK ? [10] : ONLY_CONCURRENCY ? ONLY_CONCURRENCY.split(',').map(Number) : [1, 10, 100];
const DURATION_SECONDS = QUICK ? 1 : 10;
/** The scale rows' load points (`--scale-load-seconds=0` measures sequential requests only). */
const SCALE_LOAD_SECONDS = Number(
  process.argv.find((argument) => argument.startsWith('--scale-load-seconds='))?.slice('--scale-load-seconds='.length) ?? DURATION_SECONDS,
);
/**
 * Unmeasured load at the same concurrency before each measured command run. The fake Slack shares
 * the benchmark's process with the load generator, which under load accepts one new connection per
 * busy event-loop turn: a cold burst of 100 commands left the last ~40 modals of both apps waiting
 * 3–6 s for a connection to the fake, not for the app. Warm, each app has its connections open.
 */
const WARM_UP_SECONDS = QUICK ? 0 : 2;
const END_TO_END_COUNT = QUICK ? 20 : 300;
const ROOT = join(__dirname, '..', '..');
const APP_SCRIPT = join(ROOT, 'dist', 'src', 'main.js');
/** Issue 19: every scenario's peak at most this, and at most the peer's. */
const RSS_TARGET_MB = 256;
/** API creation targets are set for this many connections. */
const TARGET_CONNECTIONS = 100;
/** Creations per second on SQLite at TARGET_CONNECTIONS, in one process and in two. */
const API_CREATIONS_TARGET = 1000;
/** Node options the app runs with, as in `npm start` and the Dockerfile. */
/** The app runs with the Node flags `npm start` gives it, then BENCH_APP_NODE_OPTIONS (a later flag wins). */
const APP_NODE_OPTIONS = [...nodeFlagsOfStartScript(ROOT), ...(process.env.BENCH_APP_NODE_OPTIONS ?? '').split(' ').filter(Boolean)];

interface Row {
  scenario: string;
  concurrency: number | string;
  ours: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  if (runs('loops')) rows.push(loopTimesRow());
  progress(
    `${QUICK ? 'Quick smoke run' : 'Full run (about 8 minutes; --quick for a few seconds, --help for options)'}: starting the app and its baselines`,
  );
  const slack = await FakeSlackWebApi.start();
  const sendGrid = await FakeSendGridApi.start();
  const folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-bench-'));
  const appEnv = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    SENDGRID_API_KEY: sendGrid.apiKey,
    SENDGRID_API_URL: sendGrid.url,
    MAIL_FROM: 'Bench Hiring <hiring@bench.example>',
    LOG_LEVEL: 'error',
    API_RATE_LIMIT_PER_MINUTE: '0',
    JOIN_PAGE_RATE_LIMIT_PER_MINUTE: '0',
    DELIVERY_POLL_INTERVAL_MS: '50',
    // Interviews two days ahead, like most: each creation queues its invitation and both default
    // reminders (P1D, PT1H). An hour ahead, every hour-before reminder created in a 5-minute span
    // would fall due at once, at the next 5-minute mark, and the run would measure that burst.
    DEFAULT_LEAD_MINUTES: '2880',
  };
  if (PROFILE) rmSync(PROFILE_FOLDER, { recursive: true, force: true });
  const profiling = [...APP_NODE_OPTIONS, ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_FOLDER}`] : [])];
  const app = await startProcess(APP_SCRIPT, { ...appEnv, DATABASE_URL: `sqlite:${join(folder, 'bench.sqlite')}` }, profiling);
  const boltEnv = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.url };
  const baseline = await startProcess(join(ROOT, 'dist', 'bench', 'baselineBoltApp.js'), boltEnv);
  const peer = await startProcess(join(ROOT, 'dist', 'bench', 'peerBoltApp.js'), boltEnv);
  const processes: BenchProcess[] = [app, baseline, peer];
  const memory: Row[] = [memoryRow('after start, idle', app.rssMb(), peer.rssMb(), { underLoad: false })];
  /** Runs one scenario and records the app's peak memory during it, beside the peer's highest yet (its load is the slash command). */
  const measured = async (label: string, scenario: () => Promise<Row[]>) => {
    progress(`Measuring ${label}${QUICK ? '' : ` at ${CONCURRENCY.join(', ')} connections, ${DURATION_SECONDS} s each`}…`);
    app.resetPeakRss();
    rows.push(...(await scenario()));
    memory.push(memoryRow(`peak during ${label}`, app.peakRssMb(), peer.peakRssMb()));
  };
  try {
    if (runs('ack')) await measured('slash commands', () => slashCommandAcks(app, peer, baseline, slack));
    if (runs('e2e')) {
      await measured('view submissions', async () => {
        const measuredRows: Row[] = [];
        for (const concurrency of CONCURRENCY) measuredRows.push(...(await endToEnd(app, slack, sendGrid, concurrency)));
        return [...measuredRows, ...(await cohortBurst(app, slack, sendGrid))];
      });
    }
    if (runs('api')) {
      await measured('API creations', () => apiCreations(app, 'SQLite, delivery in the same process', API_CREATIONS_TARGET));
      progress('Measuring API creations with delivery in a second process…');
      rows.push(...(await apiCreationsWithSeparateDeliveryProcess(appEnv, folder)));
      if (!QUICK && (await isPostgresReachable())) {
        progress('Measuring API creations on PostgreSQL…');
        const scratch = await createScratchDatabase();
        const onPostgres = await startProcess(APP_SCRIPT, { ...appEnv, DATABASE_URL: scratch.url }, APP_NODE_OPTIONS);
        try {
          rows.push(...(await apiCreations(onPostgres, 'PostgreSQL, delivery in the same process', null)));
        } finally {
          await onPostgres.stop();
          await scratch.drop();
        }
      }
    }
    if (runs('join')) {
      await measured('join page requests', async () => {
        const page = await joinPageBaseline(app);
        processes.push(page.bareExpress);
        return page.rows;
      });
    }
    if (runs('scale') && !QUICK) {
      if (await isPostgresReachable()) rows.push(...(await scaleReadRows(APP_SCRIPT, appEnv, APP_NODE_OPTIONS, SCALE_LOAD_SECONDS)));
      rows.push(...(await sqliteScaleReadRows(APP_SCRIPT, appEnv, APP_NODE_OPTIONS, SCALE_LOAD_SECONDS)));
    }
    if (runs('free')) rows.push(...(await freeTimesForAPanel(appEnv, folder)));
    if (runs('loops')) rows.push(...(await loopBookingRequests(appEnv, folder)));
    rows.push(...memory);
  } finally {
    await Promise.all(processes.map((each) => each.stop()));
    await slack.close();
    await sendGrid.close();
    rmSync(folder, { recursive: true, force: true });
  }
  progress('Done; the report follows.');
  const report = renderReport(rows);
  process.stdout.write(`${report}\n`);
  if (PROFILE) {
    for (const file of readdirSync(PROFILE_FOLDER).filter((name) => name.endsWith('.cpuprofile'))) {
      process.stdout.write(
        `\nProfile of the app (${join(PROFILE_FOLDER, file)}):\n${summarizeProfile(JSON.parse(readFileSync(join(PROFILE_FOLDER, file), 'utf8')) as Parameters<typeof summarizeProfile>[0])}\n`,
      );
    }
  }
  // BENCHMARKS.md keeps the notes written around its table; the smoke and partial reports are whole files.
  const partial = ONLY !== undefined || ONLY_CONCURRENCY !== undefined;
  if (QUICK || partial) {
    const destination = join(ROOT, 'test-output', QUICK ? 'bench-quick.md' : 'bench-partial.md');
    mkdirSync(join(destination, '..'), { recursive: true });
    writeFileSync(destination, report);
  } else {
    const destination = join(ROOT, 'BENCHMARKS.md');
    writeFileSync(destination, withReportReplaced(destination, report));
  }
}

/** Issue 30: a loop's free times (4 sessions, pools of 5, 14 days) in under this, at the median. */
const LOOP_TIMES_TARGET_MS = 50;

function loopTimesRow(): Row {
  const measured = measureLoopTimes(QUICK ? 20 : 200);
  return {
    scenario: `Loop times for 4 sessions, pools of 5, over 14 days (findLoopTimes, ${measured.found} found): p50 / p95 ms`,
    concurrency: 1,
    ours: `${measured.p50Ms.toFixed(1)} / ${measured.p95Ms.toFixed(1)}`,
    baseline: '—',
    ratio: '—',
    target: `p50 < ${LOOP_TIMES_TARGET_MS} ms`,
    met: measured.p50Ms < LOOP_TIMES_TARGET_MS,
  };
}

function signedHeaders(body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'Content-Type': 'application/x-www-form-urlencoded',
    'X-Slack-Request-Timestamp': String(timestamp),
    'X-Slack-Signature': slackSignature(body, SIGNING_SECRET, timestamp),
  };
}

/** What the recruiter types in the slash-command scenario: an address, a role and a time to read. */
const MODAL_COMMAND_TEXT = 'jane@example.com Backend Engineer tomorrow 3pm';

/** A trigger id lets an app open a modal for 3 seconds; after that Slack answers `expired_trigger_id`. */
const TRIGGER_ID_LIFE_MS = 3000;

interface ModalOpenings {
  acked: LoadResult;
  /** Modals opened within the trigger id's life, per second of load. */
  openedInTimePerSecond: number;
  /** From sending the command to views.open reaching Slack, over every command sent (never opened counts as infinitely late). */
  p50Ms: number;
  p99Ms: number;
  /** Opened after the trigger id expired, or not at all: the recruiter saw no modal. */
  late: number;
  /** Commands the end of the run cut off before they were answered: neither app can be held to those. */
  cutOff: number;
}

/**
 * Sends `/schedule-interview jane@… tomorrow 3pm` with a fresh trigger id each time, and times each
 * command to its modal: views.open reaching the fake Slack. What the recruiter sees is the modal,
 * not the ack, and an app that acks faster than it opens modals only builds a backlog whose modals
 * come too late to open.
 */
async function commandsToModals(target: BenchProcess, slack: FakeSlackWebApi, label: string, connections: number): Promise<ModalOpenings> {
  if (WARM_UP_SECONDS > 0) await warmUpCommands(target, label, connections);
  const prefix = `bench.${label}.${connections}.`;
  const sentAt = new Map<string, number>();
  const answered = new Set<string>();
  const acked = await runLoad({
    url: `${target.url}/slack/events`,
    method: 'POST',
    connections,
    durationSeconds: DURATION_SECONDS,
    eachRequest: () => {
      const triggerId = `${prefix}${sentAt.size}`;
      const body = slashCommandBody({ text: MODAL_COMMAND_TEXT, trigger_id: triggerId });
      sentAt.set(triggerId, Date.now());
      return { id: triggerId, body, headers: signedHeaders(body) };
    },
    onAnswered: (triggerId) => answered.add(triggerId),
  });
  const openedAt = new Map<string, number>();
  const collect = () => {
    for (const call of slack.callsTo('views.open')) {
      const triggerId = String(call.args.trigger_id);
      if (triggerId.startsWith(prefix) && !openedAt.has(triggerId)) openedAt.set(triggerId, call.at);
    }
  };
  // Whatever is still queued is let through, however late, so that the backlog is counted.
  for (let unchangedFor = 0, seen = -1; unchangedFor < 1000;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    collect();
    unchangedFor = openedAt.size === seen ? unchangedFor + 250 : 0;
    seen = openedAt.size;
  }
  // A command cut off unanswered by the run's end, and whose modal never opened, is the harness's doing.
  const counted = [...sentAt].filter(([triggerId]) => answered.has(triggerId) || openedAt.has(triggerId));
  const waits = counted.map(([triggerId, sent]) => (openedAt.has(triggerId) ? openedAt.get(triggerId)! - sent : Number.POSITIVE_INFINITY));
  const inTime = waits.filter((wait) => wait <= TRIGGER_ID_LIFE_MS).length;
  return {
    acked,
    openedInTimePerSecond: inTime / DURATION_SECONDS,
    p50Ms: percentile(waits, 50),
    p99Ms: percentile(waits, 99),
    late: waits.length - inTime,
    cutOff: sentAt.size - counted.length,
  };
}

async function warmUpCommands(target: BenchProcess, label: string, connections: number): Promise<void> {
  let sent = 0;
  await runLoad({
    url: `${target.url}/slack/events`,
    method: 'POST',
    connections,
    durationSeconds: WARM_UP_SECONDS,
    eachRequest: () => {
      const triggerId = `warm-up.${label}.${connections}.${(sent += 1)}`;
      const body = slashCommandBody({ text: MODAL_COMMAND_TEXT, trigger_id: triggerId });
      return { id: triggerId, body, headers: signedHeaders(body) };
    },
  });
  // Let the warm-up's own modals go out before the measured run starts.
  await new Promise((resolve) => setTimeout(resolve, 3000));
}

/** Commands the run's end cut off unanswered are left out of the figures; say so when there were any. */
const cutOff = (openings: ModalOpenings) => (openings.cutOff > 0 ? `, ${openings.cutOff} cut off by the run’s end` : '');

const milliseconds = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : 'never');

/**
 * The slash command as the recruiter lives it (command to modal), against the peer a developer
 * would write instead: a Bolt app that acks and opens a hand-written modal with the same fields.
 * `/schedule-interview help` (acked with the usage text, nothing after) against a Bolt app that
 * only acks is the floor: the cost of the ack path alone.
 */
async function slashCommandAcks(app: BenchProcess, peer: BenchProcess, ackOnly: BenchProcess, slack: FakeSlackWebApi): Promise<Row[]> {
  const rows: Row[] = [];
  const helpCommand = slashCommandBody({ text: 'help', trigger_id: '1.2.bench' });
  rows.push(await modalSizes(app, peer, slack, slashCommandBody({ text: MODAL_COMMAND_TEXT, trigger_id: '1.2.size' })));
  for (const connections of CONCURRENCY) {
    const theirs = await commandsToModals(peer, slack, 'peer', connections);
    const ours = await commandsToModals(app, slack, 'app', connections);
    const floor = await runLoad({
      url: `${ackOnly.url}/slack/events`,
      method: 'POST',
      connections,
      durationSeconds: DURATION_SECONDS,
      headers: signedHeaders(helpCommand),
      body: helpCommand,
    });
    const help = await runLoad({
      url: `${app.url}/slack/events`,
      method: 'POST',
      connections,
      durationSeconds: DURATION_SECONDS,
      headers: signedHeaders(helpCommand),
      body: helpCommand,
    });
    const ratio = ours.openedInTimePerSecond / theirs.openedInTimePerSecond;
    const helpRatio = help.requestsPerSecond / floor.requestsPerSecond;
    rows.push(
      {
        scenario: 'Slash command → modal opened within the trigger id’s 3 s: modals/s',
        concurrency: connections,
        ours: ours.openedInTimePerSecond.toFixed(0),
        baseline: `${theirs.openedInTimePerSecond.toFixed(0)} peer`,
        ratio: `${ratio.toFixed(2)}×`,
        target: '≥ 1.0× peer',
        met: ratio >= 1,
      },
      {
        scenario: 'Slash command → modal opened: p50 / p99 ms (too late or never)',
        concurrency: connections,
        ours: `${milliseconds(ours.p50Ms)} / ${milliseconds(ours.p99Ms)} (${ours.late})${cutOff(ours)}${failures(ours.acked)}`,
        baseline: `${milliseconds(theirs.p50Ms)} / ${milliseconds(theirs.p99Ms)} (${theirs.late})${cutOff(theirs)}${failures(theirs.acked)} peer`,
        ratio: '—',
        target: connections === 100 ? 'p99 ≤ peer’s, none too late' : 'none too late',
        met: ours.late === 0 && ours.acked.non2xx === 0 && (connections !== 100 || ours.p99Ms <= theirs.p99Ms),
      },
      {
        scenario: 'Slash command acked (then the modal): requests/s (p50 / p99 ms)',
        concurrency: connections,
        ours: `${ours.acked.requestsPerSecond.toFixed(0)} (${ours.acked.p50Ms} / ${ours.acked.p99Ms})`,
        baseline: `${theirs.acked.requestsPerSecond.toFixed(0)} (${theirs.acked.p50Ms} / ${theirs.acked.p99Ms}) peer`,
        ratio: `${(ours.acked.requestsPerSecond / theirs.acked.requestsPerSecond).toFixed(2)}×`,
        target: '—',
        met: null,
      },
      {
        scenario: 'Slash command ack only (`help`): requests/s (p50 / p99 ms)',
        concurrency: connections,
        ours: `${help.requestsPerSecond.toFixed(0)} (${help.p50Ms} / ${help.p99Ms})${failures(help)}`,
        baseline: `${floor.requestsPerSecond.toFixed(0)} (${floor.p50Ms} / ${floor.p99Ms}) ack-only Bolt`,
        ratio: `${helpRatio.toFixed(2)}×`,
        target: '≥ 0.8× ack-only Bolt',
        met: helpRatio >= 0.8,
      },
    );
  }
  return rows;
}

/** How many bytes of modal JSON each opens with views.open, from one command each. */
async function modalSizes(app: BenchProcess, peer: BenchProcess, slack: FakeSlackWebApi, command: string): Promise<Row> {
  const openedBy = async (target: BenchProcess) => {
    const before = slack.callsTo('views.open').length;
    await fetch(`${target.url}/slack/events`, { method: 'POST', headers: signedHeaders(command), body: command });
    for (let waited = 0; slack.callsTo('views.open').length === before && waited < 2000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const call = slack.callsTo('views.open').at(-1);
    return call && slack.callsTo('views.open').length > before ? JSON.stringify(call.args.view).length : Number.NaN;
  };
  const ours = await openedBy(app);
  const theirs = await openedBy(peer);
  return {
    scenario: 'Modal opened by the command: JSON size (KB)',
    concurrency: '—',
    ours: (ours / 1024).toFixed(1),
    baseline: `${(theirs / 1024).toFixed(1)} peer`,
    ratio: `${(ours / theirs).toFixed(2)}×`,
    target: '—',
    met: null,
  };
}

/**
 * Creations per second through `POST /api/interviews`. Each creation also queues an invitation and
 * two reminders, in the same transaction;
 * The target (issue 19: ≥ 1,000/s on SQLite at 100 connections) applies at 100 connections.
 */
async function apiCreations(app: BenchProcess, setup: string, target: number | null): Promise<Row[]> {
  const body = JSON.stringify({ candidateName: 'Bench Candidate', candidateEmail: 'bench@example.com', role: 'Engineer' });
  const rows: Row[] = [];
  for (const connections of CONCURRENCY) {
    const result = await runLoad({
      url: `${app.url}/api/interviews`,
      method: 'POST',
      connections,
      durationSeconds: DURATION_SECONDS,
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    rows.push({
      scenario: `POST /api/interviews (${setup}): creations/s (p99 ms)`,
      concurrency: connections,
      ours: `${result.requestsPerSecond.toFixed(0)} (${result.p99Ms})${failures(result)}`,
      baseline: '—',
      ratio: '—',
      target: target && connections === TARGET_CONNECTIONS ? `≥ ${target}/s` : 'see note',
      met: target && connections === TARGET_CONNECTIONS ? result.requestsPerSecond >= target && result.non2xx === 0 : null,
    });
  }
  return rows;
}

/** Issue 28: the panel's free times, with the calendar provider's fakes answering at once. */
const FREE_TIMES_P50_TARGET_MS = 20;
const FREE_TIMES_CONCURRENCY = 10;

/**
 * `GET /api/free-times` for a panel of 5 over the default 14 days, the app reading Google
 * Workspace calendars from the fake (in this process, answering at once: one freeBusy call per
 * request, a meeting a day for everyone), at 10 concurrent requests. The target is the p50.
 */
async function freeTimesForAPanel(appEnv: Record<string, string>, folder: string): Promise<Row[]> {
  const google = await FakeGoogleApis.start();
  const panel = ['ada', 'grace', 'linus', 'barbara', 'edsger'].map((name) => `${name}@bench.example`);
  const day = 86_400_000;
  const today = Math.floor(Date.now() / day) * day;
  panel.forEach((address, index) =>
    google.addUser(address, {
      busy: Array.from({ length: 15 }, (_, offset) => ({
        start: new Date(today + offset * day + (10 + index) * 3_600_000).toISOString(),
        end: new Date(today + offset * day + (10 + index) * 3_600_000 + 3_600_000).toISOString(),
      })),
    }),
  );
  const app = await startProcess(
    APP_SCRIPT,
    {
      ...appEnv,
      DATABASE_URL: `sqlite:${join(folder, 'free-times.sqlite')}`,
      GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify(google.serviceAccountKey()),
      GOOGLE_API_URL: google.url,
    },
    APP_NODE_OPTIONS,
  );
  try {
    const url = `${app.url}/api/free-times?interviewers=${panel.join(',')}&durationMinutes=60`;
    const answer = (await (await fetch(url)).json()) as { freeTimes: unknown[]; calendars: Array<{ status: string }> };
    if (answer.freeTimes.length === 0 || answer.calendars.some((calendar) => calendar.status !== 'read')) {
      throw new Error(`The free-times benchmark's panel is not read as expected: ${JSON.stringify(answer).slice(0, 300)}`);
    }
    const result = await runLoad({ url, connections: FREE_TIMES_CONCURRENCY, durationSeconds: DURATION_SECONDS });
    return [
      {
        scenario: 'Free times for a panel of 5 over 14 days, fakes answering at once: p50 / p99 ms (requests/s)',
        concurrency: FREE_TIMES_CONCURRENCY,
        ours: `${result.p50Ms} / ${result.p99Ms} (${result.requestsPerSecond.toFixed(0)})${failures(result)}`,
        baseline: '—',
        ratio: '—',
        target: `p50 < ${FREE_TIMES_P50_TARGET_MS} ms`,
        met: result.p50Ms < FREE_TIMES_P50_TARGET_MS && result.non2xx === 0 && result.errors === 0,
      },
    ];
  } finally {
    await app.stop();
    await google.close();
  }
}

/**
 * The loop search as a client meets it: `POST /api/booking-requests` with the benchmark's loop (4
 * sessions, pools of 5, 14 days of full calendars, as loopTimesQuery builds them), every calendar
 * read from the Google fake answering at once, 20 first starts offered and stored. One request at
 * a time: the app's own time per request, end to end.
 */
async function loopBookingRequests(appEnv: Record<string, string>, folder: string): Promise<Row[]> {
  const google = await FakeGoogleApis.start();
  // The running app holds the search to R1's year: its window starts a few weeks from now.
  const query = loopTimesQuery(7, mondayWeeksAhead(3));
  for (const person of query.people) {
    if (person.calendar.status !== 'read') continue;
    const busy = [...person.calendar.busy, ...person.interviews];
    google.addUser(person.interviewer, {
      busy: busy.map((period) => ({ start: period.startsAt.toISOString(), end: period.endsAt.toISOString() })),
    });
  }
  const app = await startProcess(
    APP_SCRIPT,
    {
      ...appEnv,
      DATABASE_URL: `sqlite:${join(folder, 'loop-booking-requests.sqlite')}`,
      GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify(google.serviceAccountKey()),
      GOOGLE_API_URL: google.url,
      DELIVERY_WORKER: 'off',
    },
    APP_NODE_OPTIONS,
  );
  try {
    const body = JSON.stringify({
      candidateName: 'Bench Candidate',
      candidateEmail: 'loop-candidate@bench.example',
      maxGapMinutes: query.maxGapMinutes,
      sessions: query.sessions.map((session) => ({
        title: session.title,
        durationMinutes: session.durationMinutes,
        interviewers: [...session.interviewers.people, ...session.interviewers.pools],
      })),
      findTimes: { from: query.from.toISOString(), to: query.to.toISOString(), count: query.limit },
    });
    const url = `${app.url}/api/booking-requests`;
    const headers = { 'Content-Type': 'application/json' };
    const first = await fetch(url, { method: 'POST', headers, body });
    const answer = (await first.json()) as { slots?: unknown[] };
    if (first.status !== 201 || !answer.slots || answer.slots.length === 0) {
      throw new Error(`The loop booking request benchmark found no times: ${first.status} ${JSON.stringify(answer).slice(0, 300)}`);
    }
    const result = await runLoad({ url, connections: 1, durationSeconds: DURATION_SECONDS, method: 'POST', headers, body });
    return [
      {
        scenario: `A loop booking request over HTTP (4 sessions, pools of 5, 14 days, Google fake answering at once, ${answer.slots.length} times offered): p50 / p99 ms (requests/s)`,
        concurrency: 1,
        ours: `${result.p50Ms} / ${result.p99Ms} (${result.requestsPerSecond.toFixed(0)})${failures(result)}`,
        baseline: '—',
        ratio: '—',
        target: `p50 < ${LOOP_TIMES_TARGET_MS} ms`,
        met: result.p50Ms < LOOP_TIMES_TARGET_MS && result.non2xx === 0 && result.errors === 0,
      },
    ];
  } finally {
    await app.stop();
    await google.close();
  }
}

/**
 * The single-machine shape with both cores busy: one process answers the API with
 * DELIVERY_WORKER=off, a second one delivers the outbox from the same SQLite file.
 * Reports creations/s and how many invitations SendGrid accepted meanwhile.
 */
async function apiCreationsWithSeparateDeliveryProcess(appEnv: Record<string, string>, folder: string): Promise<Row[]> {
  const databaseUrl = `sqlite:${join(folder, 'split.sqlite')}`;
  const web = await startProcess(APP_SCRIPT, { ...appEnv, DATABASE_URL: databaseUrl, DELIVERY_WORKER: 'off' }, APP_NODE_OPTIONS);
  const delivery = await startProcess(APP_SCRIPT, { ...appEnv, DATABASE_URL: databaseUrl, DELIVERY_WORKER: 'on' }, APP_NODE_OPTIONS);
  try {
    return await apiCreations(web, 'SQLite, delivery in a second process', API_CREATIONS_TARGET);
  } finally {
    await web.stop();
    await delivery.stop();
  }
}

/** The scheduling modal as a recruiter submits it, for the candidate `Bench Person <label>` at `email`. */
function schedulingSubmission(label: string, email: string): string {
  return interactionBody(
    viewSubmissionPayload({
      callbackId: 'schedule_interview',
      privateMetadata: JSON.stringify({ channelId: 'C0BENCH' }),
      values: {
        candidate_name: { candidate_name: { type: 'plain_text_input', value: `Bench Person ${label}` } },
        candidate_email: { candidate_email: { type: 'email_text_input', value: email } },
        duration: { duration: { type: 'static_select', selected_option: { value: '45' } } },
        candidate_timezone: { candidate_timezone: { type: 'static_select', selected_option: { value: 'Europe/Berlin' } } },
      },
    }),
  );
}

/** Submits the scheduling modal for `Bench Person <label>` as Slack would deliver it; resolves once acked. */
async function submitScheduling(app: BenchProcess, label: string, email: string): Promise<void> {
  const body = schedulingSubmission(label, email);
  const response = await fetch(`${app.url}/slack/events`, { method: 'POST', headers: signedHeaders(body), body });
  await response.text();
}

/** Runs `work` for every index below `count`, `workers` at a time. */
async function forEachInParallel(count: number, workers: number, work: (index: number) => Promise<void>): Promise<void> {
  const queue = Array.from({ length: count }, (_, index) => index);
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let index = queue.shift(); index !== undefined; index = queue.shift()) await work(index);
    }),
  );
}

/**
 * Watches the fakes for the channel post and the invitation of each scheduled candidate:
 * `arrivals(label, email)` resolves with the time each one arrived.
 */
function watchDeliveries(slack: FakeSlackWebApi, sendGrid: FakeSendGridApi) {
  const posts = new Map<string, (at: number) => void>();
  const emails = new Map<string, (at: number) => void>();
  const stopSlack = slack.onCall((call) => {
    if (call.method !== 'chat.postMessage' || call.args.channel !== 'C0BENCH' || call.args.thread_ts) return;
    const label = /Bench Person (\S+?),/.exec(String(call.args.text))?.[1];
    if (label) posts.get(label)?.(call.at);
  });
  const stopSendGrid = sendGrid.onAccepted((mail) => emails.get(mail.body.personalizations[0].to[0].email)?.(mail.acceptedAt));
  const arrival = (waiting: Map<string, (at: number) => void>, key: string) =>
    new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 30_000);
      waiting.set(key, (at) => {
        clearTimeout(timer);
        waiting.delete(key);
        resolve(at);
      });
    });
  return {
    arrivals: (label: string, email: string) => ({ post: arrival(posts, label), email: arrival(emails, email) }),
    stop: () => {
      stopSlack();
      stopSendGrid();
    },
  };
}

/**
 * `concurrency` recruiters each submit the scheduling modal and wait until their channel post
 * and their candidate's invitation have arrived before submitting the next one; times both.
 */
async function endToEnd(app: BenchProcess, slack: FakeSlackWebApi, sendGrid: FakeSendGridApi, concurrency: number): Promise<Row[]> {
  const deliveries = watchDeliveries(slack, sendGrid);
  const postLatencies: number[] = [];
  const emailLatencies: number[] = [];
  try {
    await forEachInParallel(END_TO_END_COUNT, concurrency, async (index) => {
      const label = `c${concurrency}-${index}`;
      const email = `e2e-${label}@example.com`;
      const arrivals = deliveries.arrivals(label, email);
      const submittedAt = Date.now();
      await submitScheduling(app, label, email);
      const [postedAt, emailedAt] = await Promise.all([arrivals.post, arrivals.email]);
      if (postedAt !== null) postLatencies.push(postedAt - submittedAt);
      if (emailedAt !== null) emailLatencies.push(emailedAt - submittedAt);
    });
  } finally {
    deliveries.stop();
  }
  const describe = (values: number[]) => `${percentile(values, 50)} / ${percentile(values, 99)} (${values.length}/${END_TO_END_COUNT})`;
  const row = (what: string, values: number[]): Row => ({
    scenario: `View submission → ${what}: p50 / p99 ms (arrived)`,
    concurrency,
    ours: describe(values),
    baseline: '—',
    ratio: '—',
    target: 'p50 < 50 ms',
    met: values.length === END_TO_END_COUNT && percentile(values, 50) < 50,
  });
  return [row('channel post', postLatencies), row('email accepted by SendGrid', emailLatencies)];
}

/**
 * A cohort scheduled at once: `END_TO_END_COUNT` submissions sent as fast as the app acks them
 * over 10 connections, then the time until every channel post and invitation has gone out.
 */
async function cohortBurst(app: BenchProcess, slack: FakeSlackWebApi, sendGrid: FakeSendGridApi): Promise<Row[]> {
  const deliveries = watchDeliveries(slack, sendGrid);
  const arrivals: Array<Promise<number | null>> = [];
  const acks: number[] = [];
  const startedAt = Date.now();
  try {
    await forEachInParallel(END_TO_END_COUNT, 10, async (index) => {
      const label = `burst-${index}`;
      const email = `e2e-${label}@example.com`;
      const { post, email: mail } = deliveries.arrivals(label, email);
      arrivals.push(post, mail);
      const submittedAt = Date.now();
      await submitScheduling(app, label, email);
      acks.push(Date.now() - submittedAt);
    });
    const acceptedAt = Date.now();
    const arrived = (await Promise.all(arrivals)).filter((at): at is number => at !== null);
    const allOutAt = Math.max(...arrived);
    const seconds = (allOutAt - startedAt) / 1000;
    return [
      {
        scenario: `Cohort of ${END_TO_END_COUNT} submissions at once: all acked after / all posted and emailed after (ack p99)`,
        concurrency: 10,
        ours: `${((acceptedAt - startedAt) / 1000).toFixed(1)} s / ${seconds.toFixed(1)} s, ${(END_TO_END_COUNT / seconds).toFixed(0)} interviews/s (${percentile(acks, 99)} ms)`,
        baseline: '—',
        ratio: '—',
        target: 'every one delivered, acks < 3 s',
        met: arrived.length === 2 * END_TO_END_COUNT && Math.max(...acks) < 3000,
      },
    ];
  } finally {
    deliveries.stop();
  }
}

async function joinPageBaseline(app: BenchProcess): Promise<{ rows: Row[]; bareExpress: BenchProcess }> {
  const created = (await (
    await fetch(`${app.url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        candidateName: 'Page Bench',
        candidateEmail: 'page@example.com',
        role: 'Engineer',
        timezone: 'Europe/Berlin',
      }),
    })
  ).json()) as { sessionKey: string };
  const pageUrl = `${app.url}/interview/?session_key=${created.sessionKey}`;
  const pageBytes = (await (await fetch(pageUrl)).text()).length;
  const bareExpress = await startProcess(join(ROOT, 'dist', 'bench', 'bareExpressApp.js'), {
    PAGE_REPEAT: String(Math.round(pageBytes / 24)),
  });
  const rows: Row[] = [];
  for (const connections of CONCURRENCY) {
    const ours = await runLoad({ url: pageUrl, connections, durationSeconds: DURATION_SECONDS });
    const theirs = await runLoad({
      url: `${bareExpress.url}/interview/?session_key=${created.sessionKey}`,
      connections,
      durationSeconds: DURATION_SECONDS,
    });
    const ratio = ours.requestsPerSecond / theirs.requestsPerSecond;
    rows.push({
      scenario: 'Join page: requests/s (p99 ms)',
      concurrency: connections,
      ours: `${ours.requestsPerSecond.toFixed(0)} (${ours.p99Ms})${failures(ours)}`,
      baseline: `${theirs.requestsPerSecond.toFixed(0)} (${theirs.p99Ms}) bare express`,
      ratio: `${ratio.toFixed(2)}×`,
      target: '≥ 0.8× bare express',
      met: ratio >= 0.8,
    });
  }
  return { rows, bareExpress };
}

/** Peaks under load are held to the peer's peak and to RSS_TARGET_MB; the idle figure to RSS_TARGET_MB only. */
function memoryRow(when: string, appMb: number, peerMb: number, { underLoad = true } = {}): Row {
  return {
    scenario: `RSS of the app, ${when} (MB)`,
    concurrency: '—',
    ours: appMb.toFixed(0),
    baseline: `${peerMb.toFixed(0)} peer`,
    ratio: '—',
    target: underLoad ? `≤ peer and ≤ ${RSS_TARGET_MB} MB` : `≤ ${RSS_TARGET_MB} MB`,
    met: appMb <= RSS_TARGET_MB && (!underLoad || appMb <= peerMb),
  };
}

function failures(result: LoadResult): string {
  return result.non2xx + result.errors > 0 ? ` [${result.non2xx} non-2xx, ${result.errors} errors]` : '';
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const REPORT_START = '<!-- bench:results:start -->';
const REPORT_END = '<!-- bench:results:end -->';

/** The file's text with the generated table replaced, keeping the notes written around it. */
function withReportReplaced(file: string, report: string): string {
  const generated = `${REPORT_START}\n${report}${REPORT_END}\n`;
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = existing.indexOf(REPORT_START);
  const end = existing.indexOf(REPORT_END);
  if (start < 0 || end < start) return `# Benchmarks\n\n${generated}`;
  return existing.slice(0, start) + generated + existing.slice(end + REPORT_END.length).replace(/^\n/, '');
}

function renderReport(rows: Row[]): string {
  const cpu = cpus();
  const header = [
    `## Latest run${QUICK ? ' (quick smoke run)' : ''}`,
    '',
    `Run ${new Date().toISOString()} on ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}.`,
    `Each load point runs ${DURATION_SECONDS} s with autocannon; the app, the peer (a Bolt app on its default HTTPReceiver that acks and opens a hand-written modal with the same fields, as Slack's starter template would), the ack-only Bolt app (the floor for the ack path) and bare express each run in their own process; memory rows compare the app's peak in each scenario with the peer's highest; the fake Slack and SendGrid run in the benchmark's process. Slack requests are signed as Slack signs them. In the view-submission rows each of the concurrent recruiters submits the modal and waits for their channel post and invitation before the next; the cohort row sends every submission as fast as the app acks them.${APP_NODE_OPTIONS.length > 0 ? ` The app ran with \`${APP_NODE_OPTIONS.join(' ')}\`.` : ''}`,
    '',
    '| scenario | concurrency | this app | baseline | ratio | target | met |',
    '|---|---|---|---|---|---|---|',
  ];
  const lines = rows.map(
    (row) =>
      `| ${row.scenario} | ${row.concurrency} | ${row.ours} | ${row.baseline} | ${row.ratio} | ${row.target} | ${row.met === null ? '—' : row.met ? 'yes' : '**no**'} |`,
  );
  return [...header, ...lines, ''].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
