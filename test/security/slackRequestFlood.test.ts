import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildApplication, type ChildApplication } from '../support/childApplication';
import { FakeSlackWebApi } from '../support/fakeSlackWebApi';
import { startUpload, writeFillerUntilAnswered, type RawAnswer, type RawUpload } from '../support/rawUploads';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/testApplication';

const CONCURRENT_POSTS = 160;
const BYTES_PER_POST = 4 * 1024 * 1024;
/** What the process may grow by while refusing them all; Bolt alone buffered every body and grew by about 640 MB. */
const ALLOWED_GROWTH_BYTES = 60 * 1024 * 1024;

function residentBytes(pid: number): number {
  const kilobytes = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kilobytes) * 1024;
}

/** Three kinds of attacker, taking turns: a declared 4 MB, a streamed 4 MB with a forged signature, a streamed 4 MB unsigned. */
function floodPost(url: string, index: number): RawUpload {
  const base = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const forged = { 'X-Slack-Request-Timestamp': String(Math.floor(Date.now() / 1000)), 'X-Slack-Signature': `v0=${'0'.repeat(64)}` };
  switch (index % 3) {
    case 0:
      return startUpload(url, { ...base, 'Content-Length': BYTES_PER_POST });
    case 1:
      return startUpload(url, { ...base, ...forged });
    default:
      return startUpload(url, base);
  }
}

describe('a flood of large unsigned POSTs to /slack/events', () => {
  let slack: FakeSlackWebApi;
  let app: ChildApplication;
  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-flood-'));
    slack = await FakeSlackWebApi.start();
    app = await startChildApplication({
      DATABASE_URL: `sqlite:${join(folder, 'interviews.sqlite')}`,
      MAIL_DIR: join(folder, 'mail'),
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.url,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await slack?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it(`refuses ${CONCURRENT_POSTS} concurrent 4 MB posts while the process's memory stays flat`, async () => {
    const pid = app.process.pid!;
    const baseline = residentBytes(pid);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, residentBytes(pid))), 20);
    try {
      const uploads = Array.from({ length: CONCURRENT_POSTS }, (_, index) => floodPost(`${app.url}/slack/events`, index));
      await Promise.all(uploads.map((upload) => writeFillerUntilAnswered(upload, BYTES_PER_POST)));
      // The server answers and closes without reading the rest; a client still writing then may
      // see the connection cut (EPIPE, ECONNRESET) before it reads the answer. Either is a refusal.
      const outcomes = await Promise.all(
        uploads.map((upload) => upload.answered.catch((error: NodeJS.ErrnoException) => ({ cutOff: error.code }))),
      );
      peak = Math.max(peak, residentBytes(pid));
      const answers = outcomes.filter((outcome): outcome is RawAnswer => 'status' in outcome);
      const cutOff = outcomes.filter((outcome): outcome is { cutOff: string | undefined } => 'cutOff' in outcome);
      expect(cutOff.filter((outcome) => !['EPIPE', 'ECONNRESET'].includes(String(outcome.cutOff)))).toEqual([]);
      expect(answers.length).toBeGreaterThan(0);
      const statuses = new Set(answers.map((answer) => answer.status));
      expect([...statuses].filter((status) => ![401, 413, 429, 503].includes(status))).toEqual([]);
      expect(answers.every((answer) => answer.headers.connection === 'close')).toBe(true);
    } finally {
      clearInterval(sampler);
    }
    expect(peak - baseline).toBeLessThan(ALLOWED_GROWTH_BYTES);
    const stillServing = await fetch(`${app.url}/healthz`);
    expect(stillServing.status).toBe(200);
  });
});
