import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithPostgres } from './requirements/describeWith';
import { runChildApplicationUntilExit, startChildApplication } from './support/childApplication';
import { POSTGRES_ADMIN_URL } from './support/postgres';

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-startup-'));
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

const localEnv = () => ({ DATABASE_URL: `sqlite:${join(folder, 'interviews.sqlite')}`, MAIL_DIR: join(folder, 'mail') });

describe('start-up with a bad setting', () => {
  it('stops before listening and names the variable, for a value the config refuses', async () => {
    const run = await runChildApplicationUntilExit({ ...localEnv(), VIDEO_BASE_URL: 'ftp://x', MAIL_FROM: 'nobody' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('VIDEO_BASE_URL must be an http:// or https:// URL');
    expect(run.stderr).toContain('MAIL_FROM must be a sender like');
    expect(run.stdout).not.toContain('listening');
  });

  it('stops before listening and names each variable, for a SendGrid key that is none and a placeholder API token', async () => {
    const run = await runChildApplicationUntilExit({
      ...localEnv(),
      SENDGRID_API_KEY: 'abc123',
      MAIL_FROM: 'hiring@acme.example',
      API_TOKEN: 'CHANGE-ME-at-least-16-characters',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('SENDGRID_API_KEY must be a SendGrid API key, which starts with SG.');
    expect(run.stderr).toContain('API_TOKEN still holds a placeholder (such as CHANGE-ME)');
    expect(run.stderr).not.toContain('abc123');
    expect(run.stdout).not.toContain('listening');
  });

  it('stops before listening and names the variable, for a reminder that is no ISO 8601 duration', async () => {
    const run = await runChildApplicationUntilExit({ ...localEnv(), CANDIDATE_REMINDERS: 'P1D,one hour', NO_SHOW_ALERT_AFTER: 'soon' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('CANDIDATE_REMINDERS must be ISO 8601 durations separated by commas');
    expect(run.stderr).toContain('"one hour" is not an ISO 8601 duration');
    expect(run.stderr).toContain('NO_SHOW_ALERT_AFTER must be an ISO 8601 duration like PT10M, or off');
  });

  it('stops before listening and names both variables, for one workspace and many mixed together', async () => {
    const run = await runChildApplicationUntilExit({
      ...localEnv(),
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'signing-secret',
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'state-secret-0123456789',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('SLACK_BOT_TOKEN must not be set together with SLACK_CLIENT_ID');
    expect(run.stderr).toContain('TOKEN_ENCRYPTION_KEY is required with SLACK_CLIENT_ID');
    expect(run.stdout).not.toContain('listening');
  });

  it('stops and names DATABASE_URL, without its password, when no PostgreSQL server answers there', async () => {
    const run = await runChildApplicationUntilExit({ ...localEnv(), DATABASE_URL: 'postgres://app:s3cret-pass@127.0.0.1:1/hire' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Cannot open the database in DATABASE_URL (postgres://app:***@127.0.0.1:1/hire): ');
    expect(run.stderr).toContain('ECONNREFUSED');
    expect(run.stderr + run.stdout).not.toContain('s3cret-pass');
  });

  it('stops and names DATABASE_URL when the SQLite file cannot be created', async () => {
    writeFileSync(join(folder, 'not-a-folder'), '');
    const run = await runChildApplicationUntilExit({
      ...localEnv(),
      DATABASE_URL: `sqlite:${join(folder, 'not-a-folder', 'interviews.sqlite')}`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `Cannot open the database in DATABASE_URL (sqlite:${join(folder, 'not-a-folder', 'interviews.sqlite')}): `,
    );
  });

  describeWithPostgres('on a PostgreSQL server', () => {
    it('stops and names DATABASE_URL when the database does not exist', async () => {
      const missing = new URL(POSTGRES_ADMIN_URL);
      missing.pathname = '/no_such_interview_database';
      const run = await runChildApplicationUntilExit({ ...localEnv(), DATABASE_URL: missing.toString() });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /Cannot open the database in DATABASE_URL \(postgres:\/\/.*\/no_such_interview_database\): database "no_such_interview_database" does not exist/,
      );
    });
  });
});

describe('start-up logs, when the output is not a terminal', () => {
  it('are JSON lines with ISO 8601 times, for log collectors', async () => {
    const app = await startChildApplication(localEnv());
    try {
      const listening = app.logs.find((entry) => String(entry.msg).includes('listening'))!;
      expect(listening.time).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/));
      expect(listening.level).toBe(30);
    } finally {
      await app.stop();
    }
  });
});
