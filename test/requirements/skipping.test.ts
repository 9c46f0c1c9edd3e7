import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cleanUpAfterThisFile } from '../support/cleanUp';

const ROOT = join(__dirname, '..', '..');
const FIXTURE_CONFIG = join(__dirname, 'fixture', 'jest.config.js');
/** A port nothing listens on: a PostgreSQL server that is not there. */
const NO_POSTGRES = 'postgres://postgres@127.0.0.1:1/test';

/** Runs jest on the fixture project (one PostgreSQL test, one browser test) as a newcomer would. */
function runFixtureJest(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const inherited = { ...process.env };
  // This run's own setup and CI's demands must not leak into the run under test.
  for (const name of ['TEST_REQUIREMENTS', 'REQUIRE_POSTGRES', 'REQUIRE_BROWSER', 'CHROMIUM_PATH', 'TEST_POSTGRES_URL', 'JEST_WORKER_ID'])
    delete inherited[name];
  const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', FIXTURE_CONFIG, '--ci'], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanUpAfterThisFile(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe('tests that need PostgreSQL or Chromium, on a machine with Node alone', () => {
  it('are reported as skipped, not passed, with one line saying how to run them, and the run passes', async () => {
    const { code, output } = await runFixtureJest({ TEST_POSTGRES_URL: NO_POSTGRES, CHROMIUM_PATH: '/nonexistent' });
    expect(output).toMatch(/Tests:\s+2 skipped, 2 total/);
    expect(output).toContain(
      'Skipped 1 PostgreSQL test (no server at postgres://postgres@127.0.0.1:1/test: connect ECONNREFUSED 127.0.0.1:1; start one, or set TEST_POSTGRES_URL), ' +
        'and 1 browser test (CHROMIUM_PATH=/nonexistent is not an executable file; install Chromium',
    );
    expect(code).toBe(0);
  }, 60_000);

  it('run where what they need is found, and only the rest is skipped', async () => {
    // Node stands in for a browser here: the finder only needs an executable at CHROMIUM_PATH.
    const { code, output } = await runFixtureJest({ TEST_POSTGRES_URL: NO_POSTGRES, CHROMIUM_PATH: process.execPath });
    expect(output).toMatch(/Tests:\s+1 skipped, 1 passed, 2 total/);
    expect(output).toMatch(/Skipped 1 PostgreSQL test \(/);
    expect(output).not.toMatch(/browser test/);
    expect(code).toBe(0);
  }, 60_000);

  it('fail the run, naming what is missing, when CI requires them (REQUIRE_POSTGRES=1, REQUIRE_BROWSER=1)', async () => {
    const { code, output } = await runFixtureJest({
      TEST_POSTGRES_URL: NO_POSTGRES,
      CHROMIUM_PATH: '/nonexistent',
      REQUIRE_POSTGRES: '1',
      REQUIRE_BROWSER: '1',
    });
    expect(output).toContain('REQUIRE_POSTGRES=1, but no server at postgres://postgres@127.0.0.1:1/test');
    expect(output).toContain('REQUIRE_BROWSER=1, but CHROMIUM_PATH=/nonexistent is not an executable file');
    expect(code).not.toBe(0);
  }, 60_000);
});
