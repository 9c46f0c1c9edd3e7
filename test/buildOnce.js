// Jest global setup: compile the app (and the benchmark) once, so tests can run it as a real child
// process (crash with SIGKILL, restart, several replicas) exactly as `npm start` would.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function buildOnce() {
  const root = join(__dirname, '..');
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.bench.json')], {
    cwd: root,
    stdio: 'inherit',
  });
};
