import type { CalendarProviderSettings } from '../../src/config/calendarSettings';
import { parseVideoSettings, type VideoSettings } from '../../src/config/videoSettings';

const CALENDARS = {
  none: { kind: 'none' },
  google: {
    kind: 'google',
    serviceAccount: {
      clientEmail: 'scheduler@acme.iam.gserviceaccount.com',
      privateKey: 'pem',
      tokenUri: 'https://oauth2.googleapis.com/token',
    },
    apiUrl: 'https://www.googleapis.com',
  },
  microsoft: {
    kind: 'microsoft',
    tenantId: 'acme.onmicrosoft.com',
    clientId: 'client',
    clientSecret: 'graph-secret-value',
    loginUrl: 'https://login.microsoftonline.com',
    graphUrl: 'https://graph.microsoft.com',
  },
} as const satisfies Record<string, CalendarProviderSettings>;

function settingsOf(env: Record<string, string>, calendar: keyof typeof CALENDARS = 'none'): VideoSettings {
  const result = parseVideoSettings(env, CALENDARS[calendar]);
  if ('problems' in result) throw new Error(`expected the settings to be read: ${result.problems.join('; ')}`);
  return result.settings;
}

function problemsOf(env: Record<string, string>, calendar: keyof typeof CALENDARS = 'none'): string[] {
  const result = parseVideoSettings(env, CALENDARS[calendar]);
  if ('settings' in result) throw new Error('expected the settings to be refused');
  return result.problems;
}

const ZOOM = { ZOOM_ACCOUNT_ID: 'acct', ZOOM_CLIENT_ID: 'client', ZOOM_CLIENT_SECRET: 'zoom-secret-value' };

describe('video settings', () => {
  it('makes no meetings by default, and rooms under VIDEO_BASE_URL when it is set', () => {
    expect(settingsOf({})).toEqual({ provider: 'none' });
    expect(settingsOf({ VIDEO_BASE_URL: 'https://meet.acme.com/' })).toEqual({ provider: 'url', baseUrl: 'https://meet.acme.com' });
    expect(settingsOf({ VIDEO_BASE_URL: 'https://meet.acme.com/', VIDEO_PROVIDER: 'none' })).toEqual({ provider: 'none' });
  });

  it('reads Zoom with its default URLs and host', () => {
    expect(settingsOf({ VIDEO_PROVIDER: 'zoom', ...ZOOM })).toEqual({
      provider: 'zoom',
      zoom: {
        accountId: 'acct',
        clientId: 'client',
        clientSecret: 'zoom-secret-value',
        oauthUrl: 'https://zoom.us/oauth/token',
        apiUrl: 'https://api.zoom.us/v2',
      },
      defaultHost: 'me',
    });
    expect(
      settingsOf({ VIDEO_PROVIDER: 'zoom', ...ZOOM, ZOOM_API_URL: 'http://127.0.0.1:7000/v2/', ZOOM_DEFAULT_HOST: 'hiring@acme.com' }),
    ).toMatchObject({
      zoom: { apiUrl: 'http://127.0.0.1:7000/v2' },
      defaultHost: 'hiring@acme.com',
    });
  });

  it('names each missing Zoom credential, and never the secret', () => {
    const problems = problemsOf({ VIDEO_PROVIDER: 'zoom', ZOOM_CLIENT_SECRET: 'zoom-secret-value' });
    expect(problems).toEqual([
      'ZOOM_ACCOUNT_ID is required when VIDEO_PROVIDER is zoom: Zoom App Marketplace → your Server-to-Server OAuth app → App Credentials',
      'ZOOM_CLIENT_ID is required when VIDEO_PROVIDER is zoom: Zoom App Marketplace → your Server-to-Server OAuth app → App Credentials',
    ]);
    expect(problems.join()).not.toContain('zoom-secret-value');
  });

  it('refuses Zoom credentials left beside another provider', () => {
    expect(problemsOf({ ...ZOOM })[0]).toBe(
      'ZOOM_ACCOUNT_ID is set but VIDEO_PROVIDER is none: set VIDEO_PROVIDER=zoom to make Zoom meetings, or unset ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET',
    );
  });

  it('makes Meet only over the Google calendar provider and Teams only over Microsoft’s, naming each missing variable', () => {
    expect(settingsOf({ VIDEO_PROVIDER: 'google-meet' }, 'google')).toEqual({ provider: 'google-meet', google: CALENDARS.google });
    expect(settingsOf({ VIDEO_PROVIDER: 'teams' }, 'microsoft')).toEqual({ provider: 'teams', microsoft: CALENDARS.microsoft });
    expect(problemsOf({ VIDEO_PROVIDER: 'google-meet' }, 'microsoft')).toEqual([
      expect.stringMatching(/^GOOGLE_SERVICE_ACCOUNT_KEY is required when VIDEO_PROVIDER is google-meet: /),
    ]);
    expect(problemsOf({ VIDEO_PROVIDER: 'teams' }, 'none')).toEqual([
      expect.stringMatching(/^MICROSOFT_TENANT_ID is required when VIDEO_PROVIDER is teams: /),
      expect.stringMatching(/^MICROSOFT_CLIENT_ID is required when VIDEO_PROVIDER is teams: /),
      expect.stringMatching(/^MICROSOFT_CLIENT_SECRET is required when VIDEO_PROVIDER is teams: /),
    ]);
  });

  it('names the values VIDEO_PROVIDER accepts, and asks for VIDEO_BASE_URL with url', () => {
    expect(problemsOf({ VIDEO_PROVIDER: 'webex' })).toEqual(['VIDEO_PROVIDER must be one of: url, zoom, google-meet, teams, none']);
    expect(problemsOf({ VIDEO_PROVIDER: 'url' })[0]).toMatch(/^VIDEO_BASE_URL is required when VIDEO_PROVIDER is url/);
    expect(problemsOf({ VIDEO_PROVIDER: 'zoom', ...ZOOM, ZOOM_OAUTH_URL: 'zoom.us' })).toEqual([
      'ZOOM_OAUTH_URL must be an http:// or https:// URL, e.g. https://zoom.us/oauth/token',
    ]);
  });
});
