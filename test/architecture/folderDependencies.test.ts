import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

const SRC = join(__dirname, '..', '..', 'src');

/** The files that start a process: they compose everything else, and nothing in a folder imports them. */
const ENTRY_POINTS = ['main.ts', 'application.ts', 'reencryptTokens.ts'];

/** One import of one file by another, with the folders (relative to src, `.` for its top) they sit in. */
interface FileImport {
  from: string;
  to: string;
}

const folderOf = (file: string) => posix.dirname(file);

/**
 * Every relative import of every file, as paths relative to the source root: `import`, `import
 * type`, `export … from`, `import()` and `require()` alike, resolved as TypeScript resolves them
 * (`./x` is `x.ts`, or `x/index.ts`).
 */
function importsIn(files: ReadonlyMap<string, string>): FileImport[] {
  return [...files].flatMap(([file, text]) =>
    ts
      .preProcessFile(text, true, true)
      .importedFiles.map((imported) => imported.fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .flatMap((specifier) => {
        const target = posix.normalize(posix.join(folderOf(file), specifier));
        const resolved = [`${target}.ts`, `${target}/index.ts`, target].find((candidate) => files.has(candidate));
        return resolved ? [{ from: file, to: resolved }] : [];
      }),
  );
}

/** Folder → folders it imports from, each edge with the imports that make it. */
function folderGraph(imports: FileImport[]): Map<string, Map<string, FileImport[]>> {
  const graph = new Map<string, Map<string, FileImport[]>>();
  for (const each of imports) {
    const [from, to] = [folderOf(each.from), folderOf(each.to)];
    if (!graph.has(from)) graph.set(from, new Map());
    if (from === to) continue;
    const edges = graph.get(from)!;
    edges.set(to, [...(edges.get(to) ?? []), each]);
  }
  return graph;
}

/**
 * Each cycle between folders, as the folders in order and, for each step, the files that make it:
 * `slack → slack/listeners: slack/createSlackApp.ts imports slack/listeners/index.ts`. Empty when
 * the folders form layers (a folder and its parent count as two folders like any others).
 */
function folderCycles(files: ReadonlyMap<string, string>): string[] {
  const graph = folderGraph(importsIn(files));
  const cycles: string[] = [];
  const seen = new Set<string>();
  const tangled = stronglyConnected(graph).filter((folders) => folders.length > 1);
  const paths = tangled.flatMap((component) => component.map((start) => shortestCycle(graph, component, start)));
  for (const path of paths) {
    const key = [...path].sort().join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    const steps = path.map((folder, index) => {
      const next = path[(index + 1) % path.length];
      const why = graph.get(folder)!.get(next)!;
      const shown = why.slice(0, 3).map((each) => `${each.from} imports ${each.to}`);
      return `  ${folder} → ${next}: ${shown.join('; ')}${why.length > 3 ? ` (and ${why.length - 3} more)` : ''}`;
    });
    cycles.push(`${path.join(' → ')} → ${path[0]}\n${steps.join('\n')}`);
  }
  return cycles;
}

/** Tarjan's strongly connected components. */
function stronglyConnected(graph: Map<string, Map<string, FileImport[]>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components;
}

/** The shortest way round from `start` back to itself, within its component. */
function shortestCycle(graph: Map<string, Map<string, FileImport[]>>, component: string[], start: string): string[] {
  const inside = new Set(component);
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const folder = queue.shift()!;
    for (const next of graph.get(folder)?.keys() ?? []) {
      if (!inside.has(next)) continue;
      if (next === start) {
        const path = [folder];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0])!);
        return path;
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, folder);
        queue.push(next);
      }
    }
  }
  return component;
}

function sourceFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.set(relative(root, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return files;
}

describe('folders of src import in one direction', () => {
  const files = sourceFiles(SRC);

  it('no folder imports one that imports it back, at any depth', () => {
    expect(files.size).toBeGreaterThan(100);
    expect(folderCycles(files).join('\n\n')).toBe('');
  });

  it('keeps only the entry points at the top of src, and no folder imports them', () => {
    const topLevel = [...files.keys()].filter((file) => !file.includes('/'));
    expect(topLevel.sort()).toEqual([...ENTRY_POINTS].sort());
    const importersOfEntryPoints = importsIn(files).filter((each) => ENTRY_POINTS.includes(each.to) && !ENTRY_POINTS.includes(each.from));
    expect(importersOfEntryPoints).toEqual([]);
  });

  it('keeps the domain free of Slack, HTTP, email and the outbox worker, the database free of the domain, and slackApi free of its callers', () => {
    const reaches = (from: string, to: string) =>
      importsIn(files)
        .filter((each) => each.from.startsWith(from) && each.to.startsWith(to))
        .map((each) => `${each.from} imports ${each.to}`);
    for (const outside of ['slack/', 'slackApi/', 'http/', 'delivery/', 'presenters/', 'calendarProviders/']) {
      expect(reaches('domain/', outside)).toEqual([]);
    }
    expect(reaches('db/', 'domain/')).toEqual([]);
    const slackApiReachesOut = importsIn(files).filter((each) => each.from.startsWith('slackApi/') && !each.to.startsWith('slackApi/'));
    expect(slackApiReachesOut).toEqual([]);
  });

  it('keeps at most 8 files at the top of src/domain, the rest in a folder per aggregate', () => {
    expect([...files.keys()].filter((file) => folderOf(file) === 'domain').length).toBeLessThanOrEqual(8);
  });

  it('would name the files that make a cycle, a folder and its parent included', () => {
    const sample = new Map([
      ['slack/createSlackApp.ts', "import { registerListeners } from './listeners';"],
      ['slack/listeners/index.ts', "export { cancel } from './actions/cancel';"],
      ['slack/listeners/actions/cancel.ts', "import type { SlackDependencies } from '../../slackDependencies';"],
      ['slack/slackDependencies.ts', 'export interface SlackDependencies {}'],
      ['db/database.ts', "import { config } from '../config/appConfig';"],
      ['config/appConfig.ts', 'export const config = {};'],
      ['domain/interviews/interview.ts', "import { x } from '../shared/x';"],
      ['domain/shared/x.ts', "const lazy = () => import('../interviews/interview');"],
    ]);
    expect(folderCycles(sample)).toEqual([
      [
        'domain/interviews → domain/shared → domain/interviews',
        '  domain/interviews → domain/shared: domain/interviews/interview.ts imports domain/shared/x.ts',
        '  domain/shared → domain/interviews: domain/shared/x.ts imports domain/interviews/interview.ts',
      ].join('\n'),
      [
        'slack → slack/listeners → slack/listeners/actions → slack',
        '  slack → slack/listeners: slack/createSlackApp.ts imports slack/listeners/index.ts',
        '  slack/listeners → slack/listeners/actions: slack/listeners/index.ts imports slack/listeners/actions/cancel.ts',
        '  slack/listeners/actions → slack: slack/listeners/actions/cancel.ts imports slack/slackDependencies.ts',
      ].join('\n'),
    ]);
  });
});
