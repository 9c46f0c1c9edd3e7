import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { nodeFlagsOfStartScript } from '../../bench/processes';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

/**
 * `npm run bench -- --quick` exercised end to end, so the benchmark cannot rot: the app, the
 * baseline Bolt app and bare express start, every scenario produces numbers, and the report is
 * written. (Speed itself is judged by `npm run bench`, never by a test.)
 */
describe('the quick benchmark', () => {
  it('runs every scenario against its baseline and writes the report', async () => {
    const benchmarksBefore = statSync(join(ROOT, 'BENCHMARKS.md'), { throwIfNoEntry: false })?.mtimeMs;
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'dist', 'bench', 'run.js'), '--quick'], {
      cwd: ROOT,
      timeout: 120_000,
    });
    const progressLines = stderr.split('\n').filter((line) => /^\[bench \d+:\d\d\] /.test(line));
    expect(progressLines[0]).toMatch(/Quick smoke run: starting the app and its baselines$/);
    expect(progressLines.some((line) => line.includes('Measuring slash commands'))).toBe(true);
    expect(progressLines.at(-1)).toMatch(/Done; the report follows\.$/);
    const report = readFileSync(join(ROOT, 'test-output', 'bench-quick.md'), 'utf8');
    expect(stdout).toContain(report.trim());
    const rows = report.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| scenario'));
    const scenarios = rows.map((row) => row.split(' | ')[0].slice(2));
    expect(scenarios).toEqual(
      expect.arrayContaining([
        'Slash command → modal opened within the trigger id’s 3 s: modals/s',
        'Slash command → modal opened: p50 / p99 ms (too late or never)',
        'Slash command ack only (`help`): requests/s (p50 / p99 ms)',
        'Modal opened by the command: JSON size (KB)',
        'View submission → channel post: p50 / p99 ms (arrived)',
        'View submission → email accepted by SendGrid: p50 / p99 ms (arrived)',
        'Cohort of 20 submissions at once: all acked after / all posted and emailed after (ack p99)',
        'POST /api/interviews (SQLite, delivery in the same process): creations/s (p99 ms)',
        'POST /api/interviews (SQLite, delivery in a second process): creations/s (p99 ms)',
        'Join page: requests/s (p99 ms)',
        'RSS of the app, after start, idle (MB)',
      ]),
    );
    for (const row of rows) {
      const [, , ours] = row.split(' | ');
      expect(ours).toMatch(/^\d+/);
      expect(ours).not.toMatch(/non-2xx|NaN/);
    }
    const endToEnd = rows.filter((row) => row.startsWith('| View submission'));
    for (const row of endToEnd) expect(row).toMatch(/\((\d+)\/\1\)/);
    expect(rows.find((row) => row.startsWith('| Cohort'))).toMatch(/\| yes \|$/);
    expect(statSync(join(ROOT, 'BENCHMARKS.md'), { throwIfNoEntry: false })?.mtimeMs).toBe(benchmarksBefore);
    expect(report).toContain(`The app ran with \`${nodeFlagsOfStartScript(ROOT).join(' ')}\``);
  }, 150_000);
});

describe('npm run bench -- --help', () => {
  it('prints the usage and starts nothing; an unknown option is refused with the usage', async () => {
    const benchmarksBefore = statSync(join(ROOT, 'BENCHMARKS.md'), { throwIfNoEntry: false })?.mtimeMs;
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'dist', 'bench', 'run.js'), '--help'], { cwd: ROOT });
    expect(stdout).toMatch(/^Usage: npm run bench -- \[options\]/);
    for (const option of ['--quick', '--only=ack,e2e,api,join', '--concurrency=10', '--profile', '--help'])
      expect(stdout).toContain(option);
    expect(stderr).toBe('');
    const refused = await run(process.execPath, [join(ROOT, 'dist', 'bench', 'run.js'), '--quik'], { cwd: ROOT }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused).toMatchObject({ code: 2 });
    expect((refused as { stderr: string }).stderr).toMatch(/^Unknown option: --quik\n\nUsage: npm run bench/);
    expect(statSync(join(ROOT, 'BENCHMARKS.md'), { throwIfNoEntry: false })?.mtimeMs).toBe(benchmarksBefore);
  });
});

describe('the Node flags the app runs with', () => {
  it('are the same for npm start, the container and the benchmark', () => {
    const flags = nodeFlagsOfStartScript(ROOT);
    expect(flags).toEqual([expect.stringMatching(/^--max-old-space-size=\d+$/)]);
    const command = /^CMD (.*)$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
    expect(JSON.parse(command ?? '[]')).toEqual(['node', ...flags, 'dist/src/main.js']);
  });
});
