/**
 * Prints where a V8 CPU profile (`node --cpu-prof`) spent its time: the functions with the most
 * self time, and the source files (ours and each package) with the most self time.
 * Usage: node dist/bench/summarizeProfile.js FILE.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export function summarizeProfile(profile: CpuProfile, top = 25): string {
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((nodeId, index) => {
    selfMicros.set(nodeId, (selfMicros.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);
  const byFunction = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  for (const node of profile.nodes) {
    const micros = selfMicros.get(node.id) ?? 0;
    if (micros === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const location = url ? `${shorten(url)}:${lineNumber + 1}` : '(native)';
    const functionKey = `${functionName || '(anonymous)'} ${location}`;
    byFunction.set(functionKey, (byFunction.get(functionKey) ?? 0) + micros);
    const origin = originOf(url, functionName);
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + micros);
  }
  const byAppEntry = inclusiveTimeByOutermostAppFunction(profile, selfMicros);
  const table = (entries: Map<string, number>, count: number) =>
    [...entries.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${name}`)
      .join('\n');
  return [
    `Total sampled: ${(total / 1000).toFixed(0)} ms`,
    '',
    'Self time by origin:',
    table(byOrigin, 15),
    '',
    'Self time by function:',
    table(byFunction, top),
    '',
    'Inclusive time by the outermost function of ours on the stack:',
    table(byAppEntry, 15),
  ].join('\n');
}

/** Attributes each sample to the outermost frame from our own code (dist/src), to see which entry point costs what. */
function inclusiveTimeByOutermostAppFunction(profile: CpuProfile, selfMicros: Map<number, number>): Map<string, number> {
  const parentOf = new Map<number, ProfileNode>();
  const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
  const totals = new Map<string, number>();
  for (const [nodeId, micros] of selfMicros) {
    let outermost: ProfileNode | undefined;
    for (let node = nodeById.get(nodeId); node; node = parentOf.get(node.id)) {
      if (node.callFrame.url.includes('/dist/src/')) outermost = node;
    }
    if (!outermost) continue;
    const name = `${outermost.callFrame.functionName || '(anonymous)'} ${shorten(outermost.callFrame.url)}:${outermost.callFrame.lineNumber + 1}`;
    totals.set(name, (totals.get(name) ?? 0) + micros);
  }
  return totals;
}

function shorten(url: string): string {
  const withoutScheme = url.replace(/^file:\/\//, '');
  const modules = withoutScheme.lastIndexOf('node_modules/');
  if (modules >= 0) return withoutScheme.slice(modules + 'node_modules/'.length);
  const dist = withoutScheme.indexOf('/dist/');
  return dist >= 0 ? withoutScheme.slice(dist + 1) : withoutScheme;
}

function originOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const path = url.replace(/^file:\/\//, '');
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (modules) return modules[1];
  if (path.startsWith('node:')) return 'node core';
  const dist = /\/dist\/(src\/[^/]+)/.exec(path);
  return dist ? dist[1] : path;
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('Usage: node dist/bench/summarizeProfile.js FILE.cpuprofile [top]\n');
    process.exit(2);
  }
  process.stdout.write(`${summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(top ?? 25))}\n`);
}
