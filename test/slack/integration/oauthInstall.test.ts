import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SlackInstallation } from '../../../src/db/entities/SlackInstallation';
import { FAKE_APP_ID, FAKE_OAUTH_CLIENT } from '../../support/fakeSlackWebApi';
import { installThroughOAuth, visitInstallPage } from '../../support/slackOAuth';
import { eventually } from '../../support/testApplication';
import { startMultiWorkspaceHarness, type MultiWorkspaceHarness } from './multiWorkspaceHarness';

let harness: MultiWorkspaceHarness;

beforeAll(async () => {
  harness = await startMultiWorkspaceHarness();
  harness.slack.addWorkspace({ teamId: 'T0ACME', teamName: 'Acme Hiring' });
  harness.slack.addWorkspace({ teamId: 'T0DENIED', teamName: 'Denied Corp' });
  harness.slack.addWorkspace({
    teamId: 'T0GRIDA',
    teamName: 'Grid Workspace A',
    enterprise: { id: 'E0GRID', name: 'Globex Grid' },
    orgWide: true,
    botToken: 'xoxb-e0grid-org-token-1',
  });
});
afterAll(async () => {
  await harness?.close();
});

const installations = () => harness.app.database.read((manager) => manager.find(SlackInstallation));
const manifestScopes = () =>
  (
    parse(readFileSync(join(__dirname, '..', '..', '..', 'slack-app-manifest.yml'), 'utf8')) as {
      oauth_config: { scopes: { bot: string[] } };
    }
  ).oauth_config.scopes.bot;

describe('the install page, GET /slack/install', () => {
  it('offers "Add to Slack", linking to Slack’s authorize page with the manifest’s scopes, and sets the state cookie as Bolt does', async () => {
    const visit = await visitInstallPage(harness.app.url);
    expect(visit.response.status).toBe(200);
    expect(visit.response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(visit.html).toContain('<h1>Add Interview Scheduler to your Slack workspace</h1>');
    expect(visit.html).toContain('>Add to Slack</a>');
    const url = visit.authorizeUrl;
    expect(`${url.origin}${url.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(url.searchParams.get('client_id')).toBe(FAKE_OAUTH_CLIENT.id);
    expect(url.searchParams.get('scope')!.split(',').sort()).toEqual([...manifestScopes()].sort());
    expect(url.searchParams.get('redirect_uri')).toBe('https://hire.acme.example/slack/oauth_redirect');
    const state = url.searchParams.get('state');
    expect(state).toBeTruthy();
    expect(visit.response.headers.get('set-cookie')).toMatch(
      new RegExp(`^slack-app-oauth-state=${state}; Secure; HttpOnly; Path=/; Max-Age=600`),
    );
  });

  it('is sent with strict headers: only its own style, never framed, cached or sent on as a Referer', async () => {
    const { response } = await visitInstallPage(harness.app.url);
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; base-uri 'none'/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('the OAuth callback, GET /slack/oauth_redirect', () => {
  it('exchanges the code through oauth.v2.access at SLACK_API_URL, stores the installation and says what to do next', async () => {
    const { response, html } = await installThroughOAuth(harness.app.url, harness.slack, 'T0ACME');
    expect(response.status).toBe(200);
    expect(html).toContain('Interview Scheduler is installed in Acme Hiring');
    expect(html).toContain('<code>/invite @Interview Scheduler</code>');
    expect(html).toContain('<code>/schedule-interview</code>');
    expect(html).toContain(`href="slack://app?team=T0ACME&amp;id=${FAKE_APP_ID}"`);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('set-cookie')).toMatch(/^slack-app-oauth-state=deleted;/);

    const exchange = harness.slack.callsTo('oauth.v2.access').at(-1)!;
    expect(exchange.args).toMatchObject({ client_id: FAKE_OAUTH_CLIENT.id, client_secret: FAKE_OAUTH_CLIENT.secret });
    const token = harness.slack.workspace('T0ACME').botToken;
    expect(harness.slack.callsTo('auth.test').some((call) => call.token === token)).toBe(true);

    const stored = (await installations()).find((row) => row.teamId === 'T0ACME')!;
    expect(stored).toMatchObject({
      installationKey: 'team:T0ACME',
      teamName: 'Acme Hiring',
      enterpriseId: null,
      isEnterpriseInstall: false,
      appId: FAKE_APP_ID,
      botUserId: 'U0BOT0ACME',
      botId: 'B0BOT0ACME',
      installerUserId: 'U0ADMIN0ACME',
      encryptionKeyId: createHash('sha256').update(Buffer.from(harness.tokenKey, 'base64')).digest('hex').slice(0, 8),
    });
    expect(stored.botScopes.split(',').sort()).toEqual([...manifestScopes()].sort());
    expect(stored.botTokenEncrypted).not.toContain(token);
    expect(stored.botTokenEncrypted).not.toContain(token.slice('xoxb-'.length));
  });

  it('serves the workspace’s requests with its own token once installed', async () => {
    await harness.command('T0ACME', { trigger_id: '1.2.acme' });
    const opened = await eventually(
      () => harness.slack.callsTo('views.open').find((call) => call.args.trigger_id === '1.2.acme'),
      'the modal',
    );
    const filledIn = await eventually(
      () => harness.slack.callsTo('views.update').find((call) => call.args.team_id === 'T0ACME'),
      'the modal filled in',
    );
    expect([opened.token, filledIn.token]).toEqual([
      harness.slack.workspace('T0ACME').botToken,
      harness.slack.workspace('T0ACME').botToken,
    ]);
  });

  it('refuses a callback whose state was forged, says to start again, and installs nothing', async () => {
    const exchangesBefore = harness.slack.callsTo('oauth.v2.access').length;
    const { response, html } = await installThroughOAuth(harness.app.url, harness.slack, 'T0DENIED', { state: 'forged-state' });
    expect(response.status).toBe(400);
    expect(html).toContain('This installation link cannot be used');
    expect(html).toContain('<a class="button" href="/slack/install">Start the installation again</a>');
    expect(harness.slack.callsTo('oauth.v2.access')).toHaveLength(exchangesBefore);
    expect((await installations()).some((row) => row.teamId === 'T0DENIED')).toBe(false);
  });

  it('refuses a state and cookie used once already, so they cannot install a second workspace', async () => {
    harness.slack.addWorkspace({ teamId: 'T0FIRSTUSE', teamName: 'First Use' });
    harness.slack.addWorkspace({ teamId: 'T0REPLAYED', teamName: 'Replayed Corp' });
    const first = await installThroughOAuth(harness.app.url, harness.slack, 'T0FIRSTUSE');
    expect(first.response.status).toBe(200);

    const used = first.visit.authorizeUrl.searchParams;
    const code = harness.slack.issueCode('T0REPLAYED', used.get('scope') ?? '', used.get('redirect_uri') ?? undefined);
    const exchangesBefore = harness.slack.callsTo('oauth.v2.access').length;
    const replay = await fetch(
      `${harness.app.url}/slack/oauth_redirect?${new URLSearchParams({ code, state: used.get('state') ?? '' }).toString()}`,
      {
        headers: { Cookie: first.visit.stateCookie },
      },
    );
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('This installation link cannot be used');
    expect(harness.slack.callsTo('oauth.v2.access')).toHaveLength(exchangesBefore);
    expect((await installations()).some((row) => row.teamId === 'T0REPLAYED')).toBe(false);
  });

  it('refuses a callback from a browser that did not start the installation (no state cookie)', async () => {
    const { response, html } = await installThroughOAuth(harness.app.url, harness.slack, 'T0DENIED', { cookie: null });
    expect(response.status).toBe(400);
    expect(html).toContain('started in another browser');
    expect((await installations()).some((row) => row.teamId === 'T0DENIED')).toBe(false);
  });

  it('says nothing was installed when the person cancelled on Slack’s page, and how to get an admin’s help', async () => {
    const visit = await visitInstallPage(harness.app.url);
    const state = visit.authorizeUrl.searchParams.get('state')!;
    const response = await fetch(`${harness.app.url}/slack/oauth_redirect?error=access_denied&state=${encodeURIComponent(state)}`, {
      headers: { Cookie: visit.stateCookie },
    });
    const html = await response.text();
    expect(response.status).toBe(403);
    expect(html).toContain('Interview Scheduler was not installed');
    expect(html).toContain('ask a workspace admin');
  });

  it('shows a clear page, and stores nothing, when Slack refuses the code', async () => {
    const { response, html } = await installThroughOAuth(harness.app.url, harness.slack, 'T0DENIED', { code: 'never-issued' });
    expect(response.status).toBe(502);
    expect(html).toContain('Interview Scheduler could not be installed');
    expect(html).toContain('Try again in a moment');
    expect(html).not.toContain('invalid_code');
    expect((await installations()).some((row) => row.teamId === 'T0DENIED')).toBe(false);
  });
});

describe('an Enterprise Grid org-wide install', () => {
  it('is stored for the organization, and serves each of its workspaces with the organization’s token', async () => {
    const { response, html } = await installThroughOAuth(harness.app.url, harness.slack, 'T0GRIDA');
    expect(response.status).toBe(200);
    expect(html).toContain('Interview Scheduler is installed for Globex Grid');
    expect(html).toContain(
      `href="https://fake-org.enterprise.slack.example/manage/organization/apps/profile/${FAKE_APP_ID}/workspaces/add"`,
    );
    expect((await installations()).find((row) => row.enterpriseId === 'E0GRID')).toMatchObject({
      installationKey: 'enterprise:E0GRID',
      teamId: null,
      isEnterpriseInstall: true,
      enterpriseName: 'Globex Grid',
    });

    await harness.command('T0GRIDB', { enterprise_id: 'E0GRID', is_enterprise_install: 'true', trigger_id: '1.2.grid' });
    const opened = await eventually(
      () => harness.slack.callsTo('views.open').find((call) => call.args.trigger_id === '1.2.grid'),
      'the modal',
    );
    const filledIn = await eventually(
      () => harness.slack.callsTo('views.update').find((call) => call.args.team_id === 'T0GRIDB'),
      'the modal filled in',
    );
    expect([opened.token, filledIn.token]).toEqual(['xoxb-e0grid-org-token-1', 'xoxb-e0grid-org-token-1']);
  });
});
