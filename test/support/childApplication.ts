import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { cleanUpAfterThisFile } from './cleanUp';
import { TEST_REMINDER_ENV } from './testApplication';

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');

/**
 * Runs the built app, and makes sure the process is gone once the test file is over, even when
 * the test that started it failed or timed out before stopping it.
 */
function spawnApplication(env: Record<string, string>): ChildProcessByStdio<null, Readable, Readable> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...TEST_REMINDER_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ended = new Promise<void>((resolve) => child.once('close', () => resolve()));
  cleanUpAfterThisFile(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await ended;
  });
  return child;
}

export interface ChildApplication {
  url: string;
  process: ChildProcess;
  /** Every log line the process printed, parsed. */
  logs: Array<Record<string, unknown>>;
  /** Every line the process printed on stdout, as printed: a log collector expects each to be one JSON object. */
  stdoutLines: string[];
  /** What the process printed on stderr so far. */
  stderr(): string;
  /** Sends a signal and waits for the process to end; resolves with its exit code or signal. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs the built app (`node dist/src/main.js`, as `npm start` does) as its own process, so a test
 * can kill it with SIGKILL, send it SIGTERM, or run several side by side on one database.
 */
export async function startChildApplication(env: Record<string, string>, timeoutMs = 15_000): Promise<ChildApplication> {
  const child = spawnApplication(env);
  const logs: Array<Record<string, unknown>> = [];
  const stdoutLines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The app did not start within ${timeoutMs} ms. stderr: ${stderr}`));
    }, timeoutMs);
    void exited.then(({ code }) => reject(new Error(`The app exited (${code}) before listening. stderr: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdoutLines.push(line);
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (typeof entry.port === 'number' && String(entry.msg).includes('listening')) {
          clearTimeout(timer);
          resolve(entry.port);
        }
      } catch {
        logs.push({ msg: line });
      }
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    logs,
    stdoutLines,
    stderr: () => stderr,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs the built app with `env` until it exits by itself, e.g. because start-up failed; the process is killed after `timeoutMs`. */
export async function runChildApplicationUntilExit(
  env: Record<string, string>,
  timeoutMs = 20_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnApplication(env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve(exitCode)));
  clearTimeout(killer);
  return { code, stdout, stderr };
}
