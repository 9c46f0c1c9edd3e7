import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { SCHEDULE_INTERVIEW_COMMAND } from '../../src/slack/listeners/commands/scheduleInterviewCommand';
import { SLACK_EVENTS_PATH } from '../../src/slack/app/createSlackApp';
import { BOT_SCOPES, SLACK_OAUTH_REDIRECT_PATH } from '../../src/slack/app/installFlow';

const ROOT = join(__dirname, '..', '..');
const schema = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'slack-manifest', 'manifest.schema.1.0.0.json'), 'utf8'),
) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
/** The parts of a Slack app manifest these tests read; the schema check covers the rest. */
interface SlackAppManifest {
  features: { slash_commands: Array<{ command: string; url?: string }> };
  oauth_config: { scopes: { bot: string[] }; redirect_urls?: string[] };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { is_enabled: boolean; request_url?: string; message_menu_options_url?: string };
    socket_mode_enabled: boolean;
  };
}

const load = (path: string) => parse(readFileSync(join(ROOT, path), 'utf8')) as SlackAppManifest;

/** The scopes the code uses, and why; no more. */
const SCOPES_USED = ['commands', 'chat:write', 'channels:join', 'im:write', 'users:read', 'users:read.email'];

describe.each([
  ['slack-app-manifest.yml', 'http'],
  ['manifests/slack-app-manifest.socket-mode.yml', 'socket'],
])('the Slack app manifest %s', (path, mode) => {
  const manifest = load(path);

  it('is valid against Slack’s published manifest schema', () => {
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  it('declares the slash command the app listens for', () => {
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual([SCHEDULE_INTERVIEW_COMMAND]);
  });

  it('asks for exactly the scopes the app uses, which are those the OAuth install asks each workspace for', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...SCOPES_USED].sort());
    expect([...BOT_SCOPES].sort()).toEqual([...SCOPES_USED].sort());
  });

  it('subscribes to App Home and to being uninstalled, and turns interactivity on', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'app_uninstalled', 'tokens_revoked']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  if (mode === 'http') {
    it('sends every request to /slack/events on a placeholder host', () => {
      const urls = [
        manifest.features.slash_commands[0].url,
        manifest.settings.event_subscriptions.request_url,
        manifest.settings.interactivity.request_url,
        manifest.settings.interactivity.message_menu_options_url,
      ];
      for (const url of urls) expect(url).toBe(`https://YOUR-APP-HOST.example.com${SLACK_EVENTS_PATH}`);
      expect(manifest.settings.socket_mode_enabled).toBe(false);
    });

    it('lets Slack send installers back to the OAuth redirect on the same host', () => {
      expect(manifest.oauth_config.redirect_urls).toEqual([`https://YOUR-APP-HOST.example.com${SLACK_OAUTH_REDIRECT_PATH}`]);
    });
  } else {
    it('uses Socket Mode and no request URLs', () => {
      expect(manifest.settings.socket_mode_enabled).toBe(true);
      expect(JSON.stringify(manifest)).not.toContain('request_url');
      expect(JSON.stringify(manifest)).not.toContain('options_url');
      expect(manifest.features.slash_commands[0].url).toBeUndefined();
    });

    it('has no OAuth redirect: many workspaces install the app over HTTP only', () => {
      expect(manifest.oauth_config.redirect_urls).toBeUndefined();
    });
  }
});

describe('the manifest schema check itself', () => {
  it('rejects a manifest with a property Slack does not know', () => {
    const manifest = load('slack-app-manifest.yml');
    expect(validate({ ...manifest, settings: { ...manifest.settings, bad_param: true } })).toBe(false);
  });
});
