import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface BenchProcess {
  url: string;
  child: ChildProcess;
  /** Highest resident memory the process reached since start or the last reset, in MB (Linux VmHWM). */
  peakRssMb(): number;
  /** Current resident memory in MB (Linux VmRSS). */
  rssMb(): number;
  /** Starts measuring the peak afresh (Linux clear_refs 5), so each scenario gets its own. */
  resetPeakRss(): void;
  stop(): Promise<void>;
}

/** Every process the benchmark started and has not stopped, so none outlives an interrupted run. */
const runningChildren = new Set<ChildProcess>();

function stopAllChildren(): void {
  for (const child of runningChildren) child.kill('SIGKILL');
  runningChildren.clear();
}

process.once('exit', stopAllChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopAllChildren();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}

/** Starts a Node script on a free loopback port (passed as PORT) and waits until it accepts connections. */
export async function startProcess(script: string, env: Record<string, string>, nodeArguments: string[] = []): Promise<BenchProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArguments, script], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  runningChildren.add(child);
  child.once('exit', () => runningChildren.delete(child));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`))),
  );
  exited.catch(() => undefined);
  await Promise.race([waitUntilListening(port, 20_000, script), exited]);
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    peakRssMb: () => memoryFigureMb(child, 'VmHWM'),
    rssMb: () => memoryFigureMb(child, 'VmRSS'),
    resetPeakRss: () => writeFileSync(`/proc/${child.pid}/clear_refs`, '5'),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function memoryFigureMb(child: ChildProcess, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kilobytes = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return kilobytes / 1024;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitUntilListening(port: number, timeoutMs: number, script: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (accepted) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${script} did not listen on port ${port} within ${timeoutMs} ms`);
}

/** The Node flags `npm start` runs the app with (package.json's start script), so the bench measures the app as it is started. */
export function nodeFlagsOfStartScript(root: string): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [command, ...words] = scripts.start.split(/\s+/);
  if (command !== 'node') throw new Error(`The start script does not run node: ${scripts.start}`);
  return words.filter((word) => word.startsWith('--'));
}
