import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ENTITIES } from '../../../src/domain/appDatabase';
import { SlackInstallation } from '../../../src/db/entities/SlackInstallation';
import { tokenKeyId } from '../../../src/slack/workspaces/tokenKeyRing';
import { describeOnEachDatabase, type TestDatabase } from '../../requirements/eachDatabase';
import { eventually } from '../../support/testApplication';
import { newTokenKey, startMultiWorkspaceHarness, type MultiWorkspaceHarness } from './multiWorkspaceHarness';

const REENCRYPT_COMMAND = join(__dirname, '..', '..', '..', 'dist', 'src', 'reencryptTokens.js');
const TOKEN = 'xoxb-9999-8888-plaintextcanary';

describeOnEachDatabase('a stored Slack token', (openDatabase) => {
  let database: TestDatabase;
  let folder: string;
  let harness: MultiWorkspaceHarness | undefined;

  beforeEach(async () => {
    database = await openDatabase();
    folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-tokens-'));
  });
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Starts the app on this test's database with `keys`, and a fake Slack where TSAFE's bot token is TOKEN. */
  async function start(keys: { current: string; previous?: string[] }) {
    await harness?.close();
    harness = undefined;
    harness = await startMultiWorkspaceHarness({
      folder,
      tokenKey: keys.current,
      env: { ...database.env, ...(keys.previous ? { TOKEN_ENCRYPTION_PREVIOUS_KEYS: keys.previous.join(',') } : {}) },
    });
    harness.slack.addWorkspace({ teamId: 'TSAFE', teamName: 'Safe Co', botToken: TOKEN });
    return harness;
  }

  /** The workspace's command answered with its own token: the stored token opened. */
  async function expectServedWithItsToken(app: MultiWorkspaceHarness, trigger: string) {
    await app.command('TSAFE', { trigger_id: trigger });
    const opened = await eventually(() => app.slack.callsTo('views.open').find((call) => call.args.trigger_id === trigger), 'the modal');
    expect(opened.token).toBe(TOKEN);
    await eventually(() => app.slack.callsTo('views.update').find((call) => call.args.team_id === 'TSAFE'), 'the modal filled in');
  }

  it('is nowhere in the database in plain text: neither in any table nor in the SQLite files', async () => {
    const app = await start({ current: newTokenKey() });
    expect((await app.install('TSAFE')).response.status).toBe(200);
    await expectServedWithItsToken(app, '5.5.safe');
    for (const entity of ENTITIES) {
      const rows = await app.app.database.read((manager) => manager.find(entity));
      expect(JSON.stringify(rows)).not.toContain('plaintextcanary');
    }
    expect(await app.app.database.read((manager) => manager.count(SlackInstallation))).toBe(1);
    if (!database.env.DATABASE_URL) {
      for (const file of readdirSync(folder).filter((name) => name.startsWith('interviews.sqlite'))) {
        expect({ file, containsToken: readFileSync(join(folder, file)).includes('plaintextcanary') }).toEqual({
          file,
          containsToken: false,
        });
      }
    }
  });

  it('stops start-up, naming the variables, when the key it was encrypted under is not given', async () => {
    const oldKey = newTokenKey();
    const app = await start({ current: oldKey });
    expect((await app.install('TSAFE')).response.status).toBe(200);
    await app.close();
    harness = undefined;
    const otherKey = newTokenKey();
    await expect(start({ current: otherKey })).rejects.toThrow(
      `The Slack tokens of 1 installation are encrypted under key ${tokenKeyId(Buffer.from(oldKey, 'base64'))}, which is neither TOKEN_ENCRYPTION_KEY (key ${tokenKeyId(Buffer.from(otherKey, 'base64'))}) nor in TOKEN_ENCRYPTION_PREVIOUS_KEYS.`,
    );
  });

  it('still opens under a previous key after rotation, and `npm run reencrypt-tokens` moves it to the new key', async () => {
    const oldKey = newTokenKey();
    const newKey = newTokenKey();
    const app = await start({ current: oldKey });
    expect((await app.install('TSAFE')).response.status).toBe(200);

    await expectServedWithItsToken(await start({ current: newKey, previous: [oldKey] }), '6.6.rotating');
    const databaseUrl = database.env.DATABASE_URL ?? `sqlite:${join(folder, 'interviews.sqlite')}`;
    const run = await promisify(execFile)(process.execPath, [REENCRYPT_COMMAND], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: databaseUrl,
        TOKEN_ENCRYPTION_KEY: newKey,
        TOKEN_ENCRYPTION_PREVIOUS_KEYS: oldKey,
      },
    });
    const newKeyId = tokenKeyId(Buffer.from(newKey, 'base64'));
    expect(run.stdout).toContain(
      `Re-encrypted the Slack tokens of 1 installation(s) under key ${newKeyId} (TOKEN_ENCRYPTION_KEY); 0 already were.`,
    );
    expect(run.stdout).toContain('remove the old keys');

    const rotated = await start({ current: newKey });
    const stored = await rotated.app.database.read((manager) => manager.findOneByOrFail(SlackInstallation, { teamId: 'TSAFE' }));
    expect(stored.encryptionKeyId).toBe(newKeyId);
    await expectServedWithItsToken(rotated, '6.6.rotated');
  });
});
