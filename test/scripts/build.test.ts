import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staleBuildReason } from '../../scripts/build';

const EARLIER = new Date('2030-01-01T10:00:00Z');
const BUILT_AT = new Date('2030-01-01T11:00:00Z');
const LATER = new Date('2030-01-01T12:00:00Z');

let root: string;

/** A project like this one, last compiled at BUILT_AT, with every file older than that. */
function builtProject(): string {
  const folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-build-'));
  const files: Record<string, string> = {
    'package-lock.json': '{}',
    'tsconfig.json': JSON.stringify({ compilerOptions: { outDir: 'dist' }, include: ['src', 'test'] }),
    'tsconfig.build.json': JSON.stringify({ extends: './tsconfig.json', include: ['src'] }),
    'src/main.ts': 'export {};',
    'src/db/dataSource.ts': 'export {};',
    'test/app.test.ts': 'export {};',
    'dist/.built-tsconfig.build.json.stamp': '',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
  for (const path of [...Object.keys(files), 'src', 'src/db', 'test', 'dist']) touch(join(folder, path), EARLIER);
  touch(join(folder, 'dist/.built-tsconfig.build.json.stamp'), BUILT_AT);
  return folder;
}

function touch(path: string, time: Date): void {
  utimesSync(path, time, time);
}

beforeEach(() => {
  root = builtProject();
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('npm start compiles only when something it runs has changed', () => {
  it('compiles when there has never been a build', () => {
    rmSync(join(root, 'dist'), { recursive: true });
    expect(staleBuildReason(root)).toBe('no earlier build');
  });

  it('starts straight away when nothing changed since the last build', () => {
    expect(staleBuildReason(root)).toBeNull();
  });

  it('compiles when a source file was edited, and says which', () => {
    touch(join(root, 'src/db/dataSource.ts'), LATER);
    expect(staleBuildReason(root)).toBe('src/db/dataSource.ts changed since the last build');
  });

  it('compiles when a source file was added or deleted (its folder changes)', () => {
    rmSync(join(root, 'src/db/dataSource.ts'));
    touch(join(root, 'src/db'), LATER);
    expect(staleBuildReason(root)).toBe('src/db changed since the last build');
  });

  it('compiles when the compiler settings or the installed packages changed', () => {
    touch(join(root, 'tsconfig.json'), LATER);
    expect(staleBuildReason(root)).toBe('tsconfig.json changed since the last build');
    touch(join(root, 'tsconfig.json'), EARLIER);
    touch(join(root, 'package-lock.json'), LATER);
    expect(staleBuildReason(root)).toBe('package-lock.json changed since the last build');
  });

  it('ignores files the project does not compile, such as tests', () => {
    touch(join(root, 'test/app.test.ts'), LATER);
    expect(staleBuildReason(root)).toBeNull();
  });

  it('keeps a separate record for each project, so the tests’ build does not vouch for npm start’s', () => {
    expect(staleBuildReason(root, 'tsconfig.json')).toBe('no earlier build');
  });
});

describe('the package scripts', () => {
  const scripts = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts;

  it('compile once after npm ci, and before npm start only when stale', () => {
    expect(scripts.prepare).toBe('node scripts/build.js --if-stale --after-install');
    expect(scripts.prestart).toBe('node scripts/build.js --if-stale');
    expect(scripts.start).toMatch(/^node (--[\w-]+=\d+ )*dist\/src\/main\.js$/);
  });
});
