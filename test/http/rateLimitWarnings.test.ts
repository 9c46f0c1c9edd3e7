import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildApplication, type ChildApplication } from '../support/childApplication';

let folder: string;
let app: ChildApplication | undefined;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-rate-limit-'));
});
afterEach(async () => {
  await app?.stop();
  app = undefined;
  rmSync(folder, { recursive: true, force: true });
});

const start = (env: Record<string, string> = {}) =>
  startChildApplication({
    DATABASE_URL: `sqlite:${join(folder, 'interviews.sqlite')}`,
    MAIL_DIR: join(folder, 'mail'),
    LOG_FORMAT: 'json',
    API_TOKEN: 'rate-limit-test-token-0123456789',
    ...env,
  });

/** Every line the process printed, on stdout and stderr; a log collector reads each as one JSON object. */
function printedLines(child: ChildApplication): string[] {
  return [...child.stdoutLines, ...child.stderr().split('\n')].filter((line) => line.trim() !== '');
}

function parsesAsJson(line: string): boolean {
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
}

describe('the rate limits’ configuration warnings', () => {
  it('say once, as a JSON warning naming TRUST_PROXY, that requests come through a proxy it was not told of', async () => {
    app = await start();
    const throughProxy = { 'X-Forwarded-For': '203.0.113.7', Authorization: 'Bearer rate-limit-test-token-0123456789' };
    for (let index = 0; index < 3; index += 1) {
      expect((await fetch(`${app.url}/api/interviews`, { headers: throughProxy })).status).toBe(200);
      expect((await fetch(`${app.url}/interview/?session_key=${'0'.repeat(32)}`, { headers: throughProxy })).status).toBe(404);
      expect((await fetch(`${app.url}/book/?token=${'0'.repeat(32)}`, { headers: throughProxy })).status).toBe(404);
    }
    await app.stop();

    const lines = printedLines(app);
    expect(lines.filter((line) => !parsesAsJson(line))).toEqual([]);
    const warnings = app.logs.filter((entry) => entry.code === 'ERR_ERL_UNEXPECTED_X_FORWARDED_FOR');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, msg: expect.stringContaining('set TRUST_PROXY') });
    expect(lines.join('\n')).not.toContain('ValidationError');
  });

  it('say once that TRUST_PROXY=true lets clients pick their own address', async () => {
    app = await start({ TRUST_PROXY: 'true' });
    for (let index = 0; index < 3; index += 1) {
      await fetch(`${app.url}/interview/?session_key=${'0'.repeat(32)}`, { headers: { 'X-Forwarded-For': '203.0.113.7' } });
    }
    await app.stop();

    expect(printedLines(app).filter((line) => !parsesAsJson(line))).toEqual([]);
    const warnings = app.logs.filter((entry) => entry.code === 'ERR_ERL_PERMISSIVE_TRUST_PROXY');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toContain('Set TRUST_PROXY to the number of proxies in front');
  });
});
