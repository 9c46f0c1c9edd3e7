import { generateKeyPairSync } from 'node:crypto';
import { parseCalendarSettings, type CalendarSettings } from '../../src/config/calendarSettings';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_KEY_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const KEY = {
  type: 'service_account',
  project_id: 'acme-hiring',
  private_key_id: 'abc123',
  private_key: PRIVATE_KEY_PEM,
  client_email: 'scheduler@acme-hiring.iam.gserviceaccount.com',
  token_uri: 'https://oauth2.googleapis.com/token',
};

function settingsOf(env: Record<string, string>, readKeyFile?: (path: string) => string): CalendarSettings {
  const result = parseCalendarSettings(env, readKeyFile);
  if ('problems' in result) throw new Error(`expected the settings to be read: ${result.problems.join('; ')}`);
  return result.settings;
}

function problemsOf(env: Record<string, string>, readKeyFile?: (path: string) => string): string[] {
  const result = parseCalendarSettings(env, readKeyFile);
  if ('settings' in result) throw new Error('expected the settings to be refused');
  return result.problems;
}

const MICROSOFT = {
  MICROSOFT_TENANT_ID: 'contoso.onmicrosoft.com',
  MICROSOFT_CLIENT_ID: 'b0f1…-client',
  MICROSOFT_CLIENT_SECRET: 'very~secret~value',
};

describe('calendar settings', () => {
  it('runs with no calendar provider and the product’s default rules when nothing is set', () => {
    const settings = settingsOf({});
    expect(settings.provider).toEqual({ kind: 'none' });
    expect(settings.workingHours.text).toBe('Mon-Fri 09:00-17:00');
    expect(settings.rules).toEqual({ minimumNoticeMinutes: 240, bufferMinutes: 10, dailyLimit: 4, slotStepMinutes: 30 });
  });

  it('reads the rules from their variables', () => {
    const settings = settingsOf({
      WORKING_HOURS: 'Mon-Thu 09:00-17:00, Fri 09:00-13:00',
      MINIMUM_NOTICE_MINUTES: '60',
      BUFFER_MINUTES: '0',
      INTERVIEWER_DAILY_LIMIT: '2',
      SLOT_STEP_MINUTES: '15',
    });
    expect(settings.workingHours.rangesByWeekday[5]).toEqual([{ startMinute: 540, endMinute: 780 }]);
    expect(settings.rules).toEqual({ minimumNoticeMinutes: 60, bufferMinutes: 0, dailyLimit: 2, slotStepMinutes: 15 });
  });

  it('names each bad rule and what it expects', () => {
    expect(
      problemsOf({
        WORKING_HOURS: 'Mon-Fri 9-5',
        MINIMUM_NOTICE_MINUTES: 'soon',
        BUFFER_MINUTES: '-1',
        INTERVIEWER_DAILY_LIMIT: '0',
        SLOT_STEP_MINUTES: '45',
      }),
    ).toEqual([
      'WORKING_HOURS says "9-5" is not a range of hours like 09:00-17:00 (e.g. Mon-Fri 09:00-17:00, or Mon-Sun 00:00-24:00 for any time)',
      'MINIMUM_NOTICE_MINUTES must be a whole number between 0 and 43200',
      'BUFFER_MINUTES must be at least 0',
      'INTERVIEWER_DAILY_LIMIT must be at least 1',
      'SLOT_STEP_MINUTES must be one of 5, 10, 15, 20, 30, 60, 120, 180, 240: start times are counted from the hour',
    ]);
  });

  it('chooses Google from the key’s JSON, with the key’s own token_uri and the default API URL', () => {
    const settings = settingsOf({ GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify(KEY) });
    expect(settings.provider).toEqual({
      kind: 'google',
      serviceAccount: {
        clientEmail: KEY.client_email,
        privateKey: PRIVATE_KEY_PEM,
        privateKeyId: 'abc123',
        tokenUri: 'https://oauth2.googleapis.com/token',
      },
      apiUrl: 'https://www.googleapis.com',
    });
  });

  it('reads the key from a file path, and takes GOOGLE_API_URL without its trailing slash', () => {
    const settings = settingsOf(
      { GOOGLE_SERVICE_ACCOUNT_KEY: '/etc/scheduler/google-key.json', GOOGLE_API_URL: 'http://127.0.0.1:9000/' },
      (path) => {
        expect(path).toBe('/etc/scheduler/google-key.json');
        return JSON.stringify({ ...KEY, token_uri: 'http://127.0.0.1:9000/token' });
      },
    );
    expect(settings.provider).toMatchObject({
      kind: 'google',
      apiUrl: 'http://127.0.0.1:9000',
      serviceAccount: { tokenUri: 'http://127.0.0.1:9000/token' },
    });
  });

  it('says what is wrong with a key without ever quoting it', () => {
    const unreadable = () => {
      throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    };
    expect(problemsOf({ GOOGLE_SERVICE_ACCOUNT_KEY: '/missing.json' }, unreadable)[0]).toMatch(
      /^GOOGLE_SERVICE_ACCOUNT_KEY names a file that cannot be read \(ENOENT\): \/missing.json; it must be a service account's JSON key/,
    );
    expect(problemsOf({ GOOGLE_SERVICE_ACCOUNT_KEY: '{not json' })[0]).toMatch(/^GOOGLE_SERVICE_ACCOUNT_KEY is not JSON/);
    expect(problemsOf({ GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify({ ...KEY, type: 'authorized_user' }) })[0]).toMatch(
      /^GOOGLE_SERVICE_ACCOUNT_KEY is not a service account's key/,
    );
    const brokenKey = JSON.stringify({
      ...KEY,
      private_key: '-----BEGIN PRIVATE KEY-----\nsecretsecretsecret\n-----END PRIVATE KEY-----\n',
    });
    const [problem] = problemsOf({ GOOGLE_SERVICE_ACCOUNT_KEY: brokenKey });
    expect(problem).toBe('GOOGLE_SERVICE_ACCOUNT_KEY has no readable "private_key": download the key again');
    expect(problem).not.toContain('secretsecret');
  });

  it('chooses Microsoft 365 from its three variables, with the default login and Graph URLs', () => {
    expect(settingsOf(MICROSOFT).provider).toEqual({
      kind: 'microsoft',
      tenantId: 'contoso.onmicrosoft.com',
      clientId: 'b0f1…-client',
      clientSecret: 'very~secret~value',
      loginUrl: 'https://login.microsoftonline.com',
      graphUrl: 'https://graph.microsoft.com',
    });
  });

  it('names each Microsoft variable still missing once one is set', () => {
    expect(problemsOf({ MICROSOFT_CLIENT_ID: 'app' })).toEqual([
      'MICROSOFT_TENANT_ID is required too: Microsoft 365 calendars need MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID, MICROSOFT_CLIENT_SECRET (Entra → App registrations → your app)',
      'MICROSOFT_CLIENT_SECRET is required too: Microsoft 365 calendars need MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID, MICROSOFT_CLIENT_SECRET (Entra → App registrations → your app)',
    ]);
  });

  it('refuses both providers at once, naming the variables, and never the secret', () => {
    const problems = problemsOf({ GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify(KEY), ...MICROSOFT });
    expect(problems).toEqual([
      'GOOGLE_SERVICE_ACCOUNT_KEY must not be set together with MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID, MICROSOFT_CLIENT_SECRET: the app reads one calendar provider per deployment, Google Workspace or Microsoft 365; unset the other',
    ]);
    expect(problems.join()).not.toContain('very~secret~value');
  });

  it('accepts only http(s) base URLs', () => {
    expect(problemsOf({ ...MICROSOFT, MICROSOFT_GRAPH_URL: 'ftp://graph' })).toEqual([
      'MICROSOFT_GRAPH_URL must be an http:// or https:// URL, e.g. https://graph.microsoft.com',
    ]);
  });

  it('treats a variable set to blanks as unset', () => {
    expect(settingsOf({ GOOGLE_SERVICE_ACCOUNT_KEY: '  ', WORKING_HOURS: '', SLOT_STEP_MINUTES: ' ' }).provider).toEqual({ kind: 'none' });
  });
});
