import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SCANNED_FOLDERS = ['src', 'bench', 'test'];
const SCANNED_EXTENSIONS = new Set(['.ts', '.tsx', '.js', '.cjs', '.mjs']);

/** Every module specifier a line names: `from '…'`, `import '…'`, `import('…')`, `require('…')`, `jest.mock('…')`. */
const SPECIFIER = /(?:\bfrom|\bimport|\brequire|\bmock)\s*\(?\s*['"]([^'"]+)['"]/g;

/** What a line reaches inside a library by, if anything: each rule with why it is refused. */
const REACHES: Array<{ why: string; finds: (line: string) => boolean }> = [
  {
    why: 'imports from inside TypeORM (only the `typeorm` package root is its public API)',
    finds: (line) => specifiersIn(line).some((specifier) => specifier.startsWith('typeorm/')),
  },
  {
    why: 'imports a package’s src/, dist/ or build/ folder (its internals, not its exports)',
    finds: (line) => specifiersIn(line).some((specifier) => !specifier.startsWith('.') && /\/(?:src|dist|build)(?:\/|$)/.test(specifier)),
  },
  {
    why: 'reaches for a database driver’s own connection (`databaseConnection`) beside TypeORM',
    finds: (line) => /\bdatabaseConnection\b/.test(line),
  },
  {
    why: 'sets `rawBody` on a request by hand (Bolt’s internal field)',
    finds: (line) =>
      /\.rawBody\s*=(?![=>])/.test(line) ||
      /\[\s*['"`]rawBody['"`]\s*\]\s*=(?![=>])/.test(line) ||
      /defineProperty\([^,]+,\s*['"`]rawBody['"`]/.test(line) ||
      /Object\.assign\([^)]*\brawBody\b/.test(line),
  },
];

function specifiersIn(line: string): string[] {
  return [...line.matchAll(SPECIFIER)].map((match) => match[1]);
}

/** `file:line: why` for each line of `text` that reaches inside a library. */
function reachesIn(file: string, text: string): string[] {
  return text
    .split('\n')
    .flatMap((line, index) =>
      REACHES.filter((reach) => reach.finds(line)).map((reach) => `${file}:${index + 1}: ${reach.why}\n    ${line.trim()}`),
    );
}

function sourceFilesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFilesUnder(path);
    return SCANNED_EXTENSIONS.has(extname(entry.name)) ? [path] : [];
  });
}

describe('speed through public interfaces only', () => {
  it('no file in src/, bench/ or test/ reaches inside a library', () => {
    const files = SCANNED_FOLDERS.flatMap((folder) => sourceFilesUnder(join(ROOT, folder))).filter((file) => file !== __filename);
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) => reachesIn(relative(ROOT, file), readFileSync(file, 'utf8')));
    expect(found.join('\n')).toBe('');
  });

  it('would name the file and line of each kind of reach', () => {
    const sample = [
      "import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';",
      "import { DataSource } from 'typeorm';",
      "import type { ClientRequest } from '@sendgrid/client/src/request';",
      "const helpers = require('@sendgrid/helpers/dist/helpers');",
      "const built = await import('some-library/build/internal.js');",
      "import { createHttpApp } from '../../src/http/createHttpApp';",
      'const connection = driver.databaseConnection;',
      '(request as BufferedIncomingMessage).rawBody = body;',
      "request['rawBody'] = body;",
      "Object.defineProperty(request, 'rawBody', { value: body });",
      'export function slackSignature(rawBody: string) {',
      'if (request.rawBody === undefined) return;',
    ].join('\n');
    expect(reachesIn('sample.ts', sample).map((reach) => reach.split(':').slice(0, 2).join(':'))).toEqual([
      'sample.ts:1',
      'sample.ts:3',
      'sample.ts:4',
      'sample.ts:5',
      'sample.ts:7',
      'sample.ts:8',
      'sample.ts:9',
      'sample.ts:10',
    ]);
  });
});
