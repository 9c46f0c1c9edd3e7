import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidStateError, type InstallURLOptions } from '@slack/oauth';
import type { DatabaseSettings } from '../../../src/config/appConfig';
import { Database } from '../../../src/db/database';
import { openDatabase } from '../../../src/domain/appDatabase';
import { SlackOAuthState } from '../../../src/db/entities/SlackOAuthState';
import { DatabaseOAuthStateStore, OAUTH_STATE_LIFETIME_MS } from '../../../src/slack/workspaces/oauthStateStore';
import { describeWithPostgres } from '../../requirements/describeWith';
import { createScratchDatabase } from '../../support/postgres';

const STATE_SECRET = 'test-state-secret-0123456789abcdef';
const installOptions: InstallURLOptions = {
  scopes: ['commands', 'chat:write'],
  redirectUri: 'https://hire.example.com/slack/oauth_redirect',
};
const startedAt = new Date('2030-03-04T10:00:00.000Z');
const later = (ms: number) => new Date(startedAt.getTime() + ms);

function stateStoreTests(open: () => Promise<{ settings: DatabaseSettings; drop(): Promise<void> }>) {
  let database: Database;
  let drop: () => Promise<void>;
  let store: DatabaseOAuthStateStore;

  beforeEach(async () => {
    const opened = await open();
    drop = opened.drop;
    database = new Database(await openDatabase(opened.settings));
    store = new DatabaseOAuthStateStore(database, STATE_SECRET);
  });
  afterEach(async () => {
    await database.close();
    await drop();
  });

  it('hands back the install options of a state once, and refuses the same state the second time', async () => {
    const state = await store.generateStateParam(installOptions, startedAt);
    await expect(store.verifyStateParam(later(1000), state)).resolves.toEqual(installOptions);
    await expect(store.verifyStateParam(later(2000), state)).rejects.toBeInstanceOf(InvalidStateError);
  });

  it('refuses a state 10 minutes after it was handed out, and one it never handed out', async () => {
    const state = await store.generateStateParam(installOptions, startedAt);
    await expect(store.verifyStateParam(later(OAUTH_STATE_LIFETIME_MS + 1), state)).rejects.toBeInstanceOf(InvalidStateError);
    await expect(store.verifyStateParam(later(1000), 'a-state-nobody-handed-out')).rejects.toBeInstanceOf(InvalidStateError);
  });

  it('lets exactly one of two callbacks racing with the same state through', async () => {
    const state = await store.generateStateParam(installOptions, startedAt);
    const outcomes = await Promise.allSettled([store.verifyStateParam(later(1000), state), store.verifyStateParam(later(1000), state)]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('keeps only a keyed hash of each state, and removes expired ones as new ones are handed out', async () => {
    const expired = await store.generateStateParam(installOptions, startedAt);
    const fresh = await store.generateStateParam(installOptions, later(OAUTH_STATE_LIFETIME_MS + 1));
    const rows = await database.read((manager) => manager.find(SlackOAuthState));
    expect(rows).toHaveLength(1);
    expect(rows[0].stateHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(fresh);
    expect(JSON.stringify(rows)).not.toContain(expired);
  });
}

describe('the OAuth state store, on SQLite', () => {
  stateStoreTests(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-oauth-state-'));
    return {
      settings: { kind: 'sqlite', path: join(folder, 'test.sqlite') },
      drop: async () => rmSync(folder, { recursive: true, force: true }),
    };
  });
});

describeWithPostgres('the OAuth state store, on PostgreSQL', () => {
  stateStoreTests(async () => {
    const scratch = await createScratchDatabase();
    return { settings: { kind: 'postgres', url: scratch.url }, drop: scratch.drop };
  });
});
