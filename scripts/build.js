#!/usr/bin/env node
// Compiles one TypeScript project into dist/.
//
//   node scripts/build.js                      always compile tsconfig.build.json (`npm run build`)
//   node scripts/build.js --if-stale           only when a file it compiles changed since the last
//                                              successful build (`npm start`, the tests' setup)
//   node scripts/build.js --if-stale --after-install
//                                              the same, but skipped where there is nothing to build
//                                              (no src/ or no TypeScript, as in the Docker image)
//   --project <tsconfig>                       another project, e.g. tsconfig.bench.json
//
// Why: a full compile takes ~20 s on a small machine; `npm start` used to spend that every time.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

const DEFAULT_PROJECT = 'tsconfig.build.json';

/** The stamp a successful build leaves behind; its modification time is when that build started. */
function stampPath(root, project) {
  return join(root, 'dist', `.built-${project}.stamp`);
}

/** The project's tsconfig files (following `extends`), the folders it includes, and the lockfile. */
function projectInputs(root, project) {
  const inputs = [join(root, 'package-lock.json')];
  let include;
  for (let file = join(root, project); file;) {
    inputs.push(file);
    const config = JSON.parse(readFileSync(file, 'utf8'));
    include ??= config.include;
    file = config.extends ? join(dirname(file), config.extends) : undefined;
  }
  return [...inputs, ...(include ?? []).map((folder) => join(root, folder))];
}

/** The newest change under `paths`; folders count too, since deleting or renaming a file changes its folder. */
function newestChange(paths) {
  let newest = { path: undefined, mtimeMs: 0 };
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stats = statSync(path);
    if (stats.mtimeMs > newest.mtimeMs) newest = { path, mtimeMs: stats.mtimeMs };
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    }
  };
  paths.forEach(visit);
  return newest;
}

/** Why `project` needs compiling ("src/config/appConfig.ts changed since the last build"), or null when dist/ is up to date. */
function staleBuildReason(root, project = DEFAULT_PROJECT) {
  const stamp = stampPath(root, project);
  if (!existsSync(stamp)) return 'no earlier build';
  const newest = newestChange(projectInputs(root, project));
  if (newest.mtimeMs > statSync(stamp).mtimeMs) return `${relative(root, newest.path)} changed since the last build`;
  return null;
}

function build(root, project = DEFAULT_PROJECT) {
  const startedAt = new Date();
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [root] }), '-p', join(root, project)], {
    cwd: root,
    stdio: 'inherit',
  });
  const stamp = stampPath(root, project);
  writeFileSync(stamp, `${project} compiled without errors; this file's time is when that build started.\n`);
  // A file saved while tsc ran is newer than this, so the next start compiles it.
  utimesSync(stamp, startedAt, startedAt);
}

function nothingToBuildReason(root) {
  if (!existsSync(join(root, 'src'))) return 'there is no src/ folder';
  try {
    require.resolve('typescript/bin/tsc', { paths: [root] });
    return null;
  } catch {
    return 'TypeScript is not installed (production dependencies only)';
  }
}

function main(argv) {
  const root = join(__dirname, '..');
  const projectFlag = argv.indexOf('--project');
  const project = projectFlag >= 0 ? argv[projectFlag + 1] : DEFAULT_PROJECT;
  if (argv.includes('--after-install')) {
    const reason = nothingToBuildReason(root);
    if (reason) {
      process.stdout.write(`Not compiling after install: ${reason}.\n`);
      return;
    }
  }
  if (argv.includes('--if-stale')) {
    const reason = staleBuildReason(root, project);
    if (!reason) return;
    process.stdout.write(`Compiling TypeScript (${project}: ${reason}); this takes about 20 seconds…\n`);
  }
  build(root, project);
}

module.exports = { staleBuildReason, build };

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    // tsc has already printed its errors.
    process.exitCode = typeof error.status === 'number' ? error.status : 1;
    if (typeof error.status !== 'number') process.stderr.write(`${error.message}\n`);
  }
}
