import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { AvailabilitySlot } from '../../src/domain/slots/AvailabilitySlot';
import { DeliveryJob } from '../../src/domain/deliveries/DeliveryJob';
import { Interview } from '../../src/domain/interviews/Interview';
import { CreateInitialSchema1764000000000 } from '../../src/db/migrations/1764000000000-CreateInitialSchema';
import { AddInterviewEventRequestKey1764100000000 } from '../../src/db/migrations/1764100000000-AddInterviewEventRequestKey';
import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';
import { eventually } from '../support/testApplication';
import { startMultiWorkspaceHarness } from '../slack/integration/multiWorkspaceHarness';
import { startSlackHarness } from '../slack/integration/slackTestHarness';

const SLACK_INTERVIEW = '11111111-1111-4111-8111-111111111111';
const API_INTERVIEW = '22222222-2222-4222-8222-222222222222';
const SLOT = '33333333-3333-4333-8333-333333333333';

/** A database as single-workspace mode left it before workspaces were recorded: one Slack interview, one from the API, a slot. */
async function createSingleWorkspaceDatabase(databaseUrl: string): Promise<void> {
  const migrations = [CreateInitialSchema1764000000000, AddInterviewEventRequestKey1764100000000];
  const dataSource = databaseUrl.startsWith('sqlite:')
    ? new DataSource({ type: 'better-sqlite3', database: databaseUrl.slice('sqlite:'.length), migrations })
    : new DataSource({ type: 'postgres', url: databaseUrl, migrations });
  await dataSource.initialize();
  await dataSource.runMigrations();
  const postgres = dataSource.options.type === 'postgres';
  const instant = (date: Date) => (postgres ? date.toISOString() : date.toISOString().replace('T', ' ').replace('Z', ''));
  const insert = async (table: string, row: Record<string, unknown>) => {
    const columns = Object.keys(row);
    const [sql, parameters] = dataSource.driver.escapeQueryWithParameters(
      `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${columns.map((column) => `:${column}`).join(', ')})`,
      row,
    );
    await dataSource.query(sql, parameters);
  };
  const inTwoDays = instant(new Date(Date.now() + 2 * 24 * 3600 * 1000));
  const interview = (id: string, overrides: Record<string, unknown>) => ({
    id,
    candidateName: 'Name',
    candidateEmail: 'name@example.com',
    interviewers: '[]',
    scheduledTime: inTwoDays,
    durationMinutes: 45,
    timezone: 'UTC',
    status: 'scheduled',
    sessionKey: id.replaceAll('-', ''),
    joinLink: `https://hire.example/interview/?session_key=${id.replaceAll('-', '')}`,
    ...overrides,
  });
  await insert(
    'interview',
    interview(SLACK_INTERVIEW, {
      candidateName: 'Sam Slack',
      organizerSlackUserId: 'U0RECRUIT',
      slackTeamId: 'T0FAKE',
      channelId: 'C0OLD',
    }),
  );
  await insert('interview', interview(API_INTERVIEW, { candidateName: 'Alex Api', interviewers: '[{"slackUserId":"U0RECRUIT"}]' }));
  for (const [id, interviewId, kind] of [
    ['44444444-4444-4444-8444-444444444444', SLACK_INTERVIEW, 'channel_post'],
    ['55555555-5555-4555-8555-555555555555', API_INTERVIEW, 'candidate_invitation'],
  ]) {
    await insert('delivery_job', { id, kind, interviewId, status: 'delivered', attempts: 1, nextAttemptAt: inTwoDays });
  }
  await insert('availability_slot', { id: SLOT, startsAt: inTwoDays, durationMinutes: 30, interviewer: 'U0RECRUIT' });
  await dataSource.destroy();
}

describeOnEachDatabase('moving a single-workspace database to many workspaces', (openDatabase) => {
  let database: TestDatabase;
  let folder: string;

  beforeEach(async () => {
    database = await openDatabase();
    folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-moving-'));
  });
  afterEach(async () => {
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('gives existing rows the bot token’s workspace, and that workspace finds them once it installs the app', async () => {
    const databaseUrl = database.env.DATABASE_URL ?? `sqlite:${join(folder, 'interviews.sqlite')}`;
    await createSingleWorkspaceDatabase(databaseUrl);

    // Single-workspace mode: the migration adds the columns; Slack confirms the token is T0FAKE's, so rows without one take it.
    const single = await startSlackHarness({ DATABASE_URL: databaseUrl });
    try {
      await eventually(async () => {
        const apiInterview = await single.app.database.read((manager) => manager.findOneByOrFail(Interview, { id: API_INTERVIEW }));
        return apiInterview.slackTeamId === 'T0FAKE';
      }, 'the API interview given the workspace');
      const read = <T>(work: (manager: EntityManager) => Promise<T>) => single.app.database.read(work);
      expect((await read((manager) => manager.find(Interview))).map((row) => row.slackTeamId)).toEqual(['T0FAKE', 'T0FAKE']);
      expect((await read((manager) => manager.find(DeliveryJob))).map((row) => row.slackTeamId)).toEqual(['T0FAKE', 'T0FAKE']);
      expect((await read((manager) => manager.findOneByOrFail(AvailabilitySlot, { id: SLOT }))).slackTeamId).toBe('T0FAKE');
      // What the API makes from now on, naming no workspace, is the bot token's workspace's too.
      const created = await fetch(`${single.app.url}/api/interviews`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ candidateName: 'Nina New', candidateEmail: 'nina@example.com', interviewers: ['U0RECRUIT'] }),
      });
      expect(await created.json()).toMatchObject({ slackTeamId: 'T0FAKE' });
    } finally {
      await single.close();
    }

    // Many workspaces: T0FAKE installs the app and sees its interviews; another workspace sees none of them.
    const many = await startMultiWorkspaceHarness({ env: { DATABASE_URL: databaseUrl } });
    try {
      many.slack.addWorkspace({ teamId: 'T0FAKE', teamName: 'Fake Workspace' });
      many.slack.addWorkspace({ teamId: 'T0OTHER', teamName: 'Other Workspace' });
      for (const teamId of ['T0FAKE', 'T0OTHER']) expect((await many.install(teamId)).response.status).toBe(200);
      const listFor = async (teamId: string) => {
        await many.command(teamId, { text: 'list', response_url: many.slack.responseUrl(`list-${teamId}`) });
        const list = await eventually(
          () => many.slack.callsTo('response_url').find((call) => String(call.args.path).endsWith(`/list-${teamId}`)),
          `${teamId}’s list`,
        );
        return JSON.stringify(list.args);
      };
      const own = await listFor('T0FAKE');
      for (const name of ['Sam Slack', 'Alex Api', 'Nina New']) expect(own).toContain(name);
      const other = await listFor('T0OTHER');
      for (const name of ['Sam Slack', 'Alex Api', 'Nina New']) expect(other).not.toContain(name);
    } finally {
      await many.close();
    }
  });
});
