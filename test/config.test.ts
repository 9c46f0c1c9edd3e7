import { ConfigError, KNOWN_ENVIRONMENT_VARIABLES, loadConfig } from '../src/config/appConfig';

function problemsFor(environment: Record<string, string>): string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('reading the environment', () => {
  it('runs with no variables at all: SQLite, the mail folder, no Slack', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.database).toEqual({ kind: 'sqlite', path: './data/interviews.sqlite' });
    expect(config.mail).toMatchObject({ kind: 'folder', directory: './data/mail' });
    expect(config.slack).toEqual({ mode: 'disabled' });
    expect(config.scheduling.defaultLeadMinutes).toBe(60);
  });

  it('bases join links on PORT when PUBLIC_BASE_URL is unset, and drops a trailing slash when set', () => {
    expect(loadConfig({ PORT: '8080' }).publicBaseUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://hire.acme.com/' }).publicBaseUrl).toBe('https://hire.acme.com');
  });

  it('chooses PostgreSQL for a postgres:// DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/hire' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/hire',
    });
  });

  it('turns Slack on over HTTP with a bot token and a signing secret, and Socket Mode with an app token', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack.mode).toBe('http');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack.mode).toBe('socket');
  });

  it('names the variable and what it expects when a value is bad', () => {
    expect(problemsFor({ PORT: 'eighty' })).toEqual(['PORT must be a whole number between 0 and 65535']);
    expect(problemsFor({ DATABASE_URL: 'mysql://x' })[0]).toMatch(/^DATABASE_URL must be sqlite:<path> or postgres:\/\//);
    expect(problemsFor({ PUBLIC_BASE_URL: 'not a url' })[0]).toMatch(/^PUBLIC_BASE_URL must be an http:\/\/ or https:\/\/ URL/);
    expect(problemsFor({ DEFAULT_LEAD_MINUTES: '-5' })[0]).toMatch(/^DEFAULT_LEAD_MINUTES must be at least 5/);
    expect(problemsFor({ LOG_LEVEL: 'loud' })[0]).toMatch(/^LOG_LEVEL must be one of: fatal, error/);
    expect(problemsFor({ DELIVERY_WORKER: 'maybe' })).toEqual(['DELIVERY_WORKER must be one of: on, off']);
  });

  it('gives booking links 72 hours by default, BOOKING_LINK_EXPIRES_HOURS otherwise, from one hour to 30 days', () => {
    expect(loadConfig({}).scheduling.bookingLinkExpiresHours).toBe(72);
    expect(loadConfig({ BOOKING_LINK_EXPIRES_HOURS: '24' }).scheduling.bookingLinkExpiresHours).toBe(24);
    expect(problemsFor({ BOOKING_LINK_EXPIRES_HOURS: '0' })).toEqual(['BOOKING_LINK_EXPIRES_HOURS must be at least 1']);
    expect(problemsFor({ BOOKING_LINK_EXPIRES_HOURS: '721' })).toEqual(['BOOKING_LINK_EXPIRES_HOURS must be at most 720']);
    expect(problemsFor({ BOOKING_LINK_EXPIRES_HOURS: 'soon' })).toEqual([
      'BOOKING_LINK_EXPIRES_HOURS must be a whole number between 1 and 720',
    ]);
  });

  it('accepts only http(s) URLs for links and API endpoints', () => {
    for (const name of ['PUBLIC_BASE_URL', 'VIDEO_BASE_URL', 'SLACK_API_URL', 'SENDGRID_API_URL']) {
      expect(problemsFor({ [name]: 'ftp://x' })).toEqual([`${name} must be an http:// or https:// URL, e.g. https://example.com/`]);
      expect(problemsFor({ [name]: 'javascript:alert(1)' })[0]).toMatch(new RegExp(`^${name} must be an http`));
    }
    expect(loadConfig({ VIDEO_BASE_URL: 'https://meet.example.com/rooms/' }).scheduling.videoBaseUrl).toBe(
      'https://meet.example.com/rooms',
    );
    expect(loadConfig({ SLACK_API_URL: 'http://127.0.0.1:9999/api/' }).slack).toEqual({ mode: 'disabled' });
  });

  it('refuses a first retry delay longer than the longest one, naming both variables', () => {
    expect(problemsFor({ DELIVERY_RETRY_BASE_MS: '60000', DELIVERY_RETRY_MAX_MS: '1000' })).toEqual([
      'DELIVERY_RETRY_BASE_MS (60000) must not exceed DELIVERY_RETRY_MAX_MS (1000): the first retry would wait longer than the cap',
    ]);
    expect(loadConfig({ DELIVERY_RETRY_BASE_MS: '1000', DELIVERY_RETRY_MAX_MS: '1000' }).delivery).toMatchObject({
      retryBaseMs: 1000,
      retryMaxMs: 1000,
    });
  });

  it('reads MAIL_FROM into a name and an address, and refuses one that is not an address', () => {
    expect(loadConfig({ MAIL_FROM: 'Acme Hiring <hiring@acme.com>' }).mail.from).toEqual({ name: 'Acme Hiring', email: 'hiring@acme.com' });
    expect(loadConfig({ MAIL_FROM: 'hiring@acme.com' }).mail.from).toEqual({ email: 'hiring@acme.com' });
    expect(loadConfig({}).mail.from).toEqual({ name: 'Interview Scheduler', email: 'interviews@localhost' });
    expect(problemsFor({ MAIL_FROM: 'Acme Hiring' })).toEqual([
      'MAIL_FROM must be a sender like "Acme Hiring <hiring@acme.com>" or hiring@acme.com',
    ]);
    expect(problemsFor({ SENDGRID_API_KEY: 'SG.x', MAIL_FROM: 'hiring at acme' })[0]).toMatch(/^MAIL_FROM must be a sender like/);
  });

  it('takes LOG_FORMAT pretty or json, and leaves the choice to the terminal when unset', () => {
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({}).logFormat).toBeUndefined();
    expect(problemsFor({ LOG_FORMAT: 'xml' })).toEqual(['LOG_FORMAT must be one of: pretty, json']);
  });

  it('runs the delivery worker unless DELIVERY_WORKER=off', () => {
    expect(loadConfig({}).runDeliveryWorker).toBe(true);
    expect(loadConfig({ DELIVERY_WORKER: 'off' }).runDeliveryWorker).toBe(false);
  });

  it('reports every bad variable at once', () => {
    expect(problemsFor({ PORT: 'x', API_TOKEN: 'short' })).toHaveLength(2);
  });

  it('asks for the missing half of a Slack setup', () => {
    expect(problemsFor({ SLACK_BOT_TOKEN: 'xoxb-1' })[0]).toMatch(/^SLACK_SIGNING_SECRET is required too/);
    expect(problemsFor({ SLACK_BOT_TOKEN: 'xapp-wrong', SLACK_SIGNING_SECRET: 's' })[0]).toMatch(
      /^SLACK_BOT_TOKEN must be a bot token starting with xoxb-/,
    );
  });

  describe('many workspaces, installed through OAuth', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    const oauth = {
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'state-secret-0123456789',
      SLACK_SIGNING_SECRET: 'signing-secret',
      TOKEN_ENCRYPTION_KEY: key,
    };

    it('is turned on by the client id, client secret, state secret, signing secret and an encryption key', () => {
      const config = loadConfig({
        ...oauth,
        TOKEN_ENCRYPTION_PREVIOUS_KEYS: `${Buffer.alloc(32, 2).toString('base64')}, ${Buffer.alloc(32, 3).toString('base64')}`,
      });
      expect(config.slack).toMatchObject({
        mode: 'oauth',
        clientId: '1111.2222',
        clientSecret: 'client-secret',
        stateSecret: 'state-secret-0123456789',
      });
      expect(config.tokenKeys).toEqual({ current: Buffer.alloc(32, 1), previous: [Buffer.alloc(32, 2), Buffer.alloc(32, 3)] });
    });

    it('names each missing part of the OAuth setup', () => {
      expect(problemsFor({ SLACK_CLIENT_ID: '1111.2222', SLACK_SIGNING_SECRET: 's', TOKEN_ENCRYPTION_KEY: key })).toEqual([
        'SLACK_CLIENT_SECRET is required too: installing through OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET (Basic Information → App Credentials)',
        "SLACK_STATE_SECRET is required too: installing through OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET. This one is not from Slack: make it up yourself, e.g. `openssl rand -hex 32` (it signs each installation's OAuth state)",
      ]);
      expect(problemsFor({ ...oauth, SLACK_SIGNING_SECRET: '' })[0]).toMatch(/^SLACK_SIGNING_SECRET is required too/);
    });

    it('says a too-short SLACK_STATE_SECRET is one you make up, not one from Slack', () => {
      expect(problemsFor({ ...oauth, SLACK_STATE_SECRET: 'short' })).toEqual([
        expect.stringMatching(
          /^SLACK_STATE_SECRET must be at least 16 characters long: it is a secret you make up yourself, not one Slack gives you/,
        ),
      ]);
    });

    it('requires TOKEN_ENCRYPTION_KEY, of exactly 32 bytes in base64', () => {
      expect(problemsFor({ ...oauth, TOKEN_ENCRYPTION_KEY: '' })).toEqual([
        'TOKEN_ENCRYPTION_KEY is required with SLACK_CLIENT_ID: each workspace’s bot token is stored encrypted under it (32 random bytes in base64, e.g. `openssl rand -base64 32`)',
      ]);
      for (const bad of [Buffer.alloc(16, 1).toString('base64'), 'not base64 at all!', `${key}x`]) {
        expect(problemsFor({ ...oauth, TOKEN_ENCRYPTION_KEY: bad })).toEqual([
          'TOKEN_ENCRYPTION_KEY must be 32 random bytes written in base64 (44 characters ending in =), e.g. the output of `openssl rand -base64 32`',
        ]);
      }
      expect(problemsFor({ ...oauth, TOKEN_ENCRYPTION_PREVIOUS_KEYS: `${key},short` })[0]).toMatch(
        /^TOKEN_ENCRYPTION_PREVIOUS_KEYS must be 32 random bytes/,
      );
      expect(problemsFor({ TOKEN_ENCRYPTION_PREVIOUS_KEYS: key })[0]).toMatch(
        /^TOKEN_ENCRYPTION_PREVIOUS_KEYS is read only beside TOKEN_ENCRYPTION_KEY/,
      );
    });

    it('stops a mixture of one workspace and many, naming the variables', () => {
      expect(problemsFor({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
        'SLACK_BOT_TOKEN must not be set together with SLACK_CLIENT_ID: serve one workspace with SLACK_BOT_TOKEN, or any number that install the app with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET',
      ]);
      expect(problemsFor({ ...oauth, SLACK_APP_TOKEN: 'xapp-1' })).toEqual([
        'SLACK_APP_TOKEN must not be set together with SLACK_CLIENT_ID: an app installed in many workspaces receives Slack’s requests over HTTP at /slack/events (Slack does not distribute Socket Mode apps); unset SLACK_APP_TOKEN',
      ]);
    });

    it('leaves single-workspace mode as it was', () => {
      expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', TOKEN_ENCRYPTION_KEY: key }).slack.mode).toBe('http');
    });
  });

  it('requires a verified sender when SendGrid is on', () => {
    expect(problemsFor({ SENDGRID_API_KEY: 'SG.x' })[0]).toMatch(/^MAIL_FROM is required when SENDGRID_API_KEY is set/);
  });

  it('gives a client 20 seconds to send a whole request unless REQUEST_TIMEOUT_SECONDS says otherwise, from 1 to 300', () => {
    expect(loadConfig({}).requestTimeoutSeconds).toBe(20);
    expect(loadConfig({ REQUEST_TIMEOUT_SECONDS: '5' }).requestTimeoutSeconds).toBe(5);
    expect(problemsFor({ REQUEST_TIMEOUT_SECONDS: '0' })).toEqual(['REQUEST_TIMEOUT_SECONDS must be at least 1']);
    expect(problemsFor({ REQUEST_TIMEOUT_SECONDS: '301' })).toEqual(['REQUEST_TIMEOUT_SECONDS must be at most 300']);
  });

  it('refuses a SendGrid key that is not one (they start with SG.), naming SENDGRID_API_KEY', () => {
    expect(problemsFor({ SENDGRID_API_KEY: 'abc123', MAIL_FROM: 'hiring@acme.com' })).toEqual([
      'SENDGRID_API_KEY must be a SendGrid API key, which starts with SG. (SendGrid: Settings → API Keys, with Mail Send permission)',
    ]);
    expect(loadConfig({ SENDGRID_API_KEY: 'SG.abc123.def456', MAIL_FROM: 'hiring@acme.com' }).mail.kind).toBe('sendgrid');
  });

  describe('placeholders where a secret goes', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    /** Every secret with a real-looking value, and the variables it needs beside it. */
    const secrets: Record<string, { real: string; with?: Record<string, string> }> = {
      API_TOKEN: { real: 'c0ffee0123456789abcdef' },
      SLACK_BOT_TOKEN: { real: 'xoxb-1234-5678-abcdef', with: { SLACK_SIGNING_SECRET: '8f14e45fceea167a5a36dedd4bea2543' } },
      SLACK_SIGNING_SECRET: { real: '8f14e45fceea167a5a36dedd4bea2543', with: { SLACK_BOT_TOKEN: 'xoxb-1234-5678-abcdef' } },
      SLACK_APP_TOKEN: { real: 'xapp-1-A0-1234-abcdef', with: { SLACK_BOT_TOKEN: 'xoxb-1234-5678-abcdef' } },
      SENDGRID_API_KEY: { real: 'SG.abc.def', with: { MAIL_FROM: 'hiring@acme.com' } },
      SLACK_CLIENT_SECRET: { real: '4f1e8ab2c3d4', with: {} },
      SLACK_STATE_SECRET: { real: '0f1e2d3c4b5a69788796a5b4c3d2e1f0', with: {} },
      TOKEN_ENCRYPTION_KEY: { real: key, with: {} },
    };
    const oauth = {
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: secrets.SLACK_CLIENT_SECRET.real,
      SLACK_STATE_SECRET: secrets.SLACK_STATE_SECRET.real,
      SLACK_SIGNING_SECRET: secrets.SLACK_SIGNING_SECRET.real,
      TOKEN_ENCRYPTION_KEY: key,
    };
    const environmentWith = (name: string, value: string) => ({
      ...(name.startsWith('SLACK_CLIENT') || name === 'SLACK_STATE_SECRET' || name === 'TOKEN_ENCRYPTION_KEY' ? oauth : {}),
      ...secrets[name].with,
      [name]: value,
    });
    const placeholders = [
      'CHANGE-ME',
      'CHANGE-ME-at-least-16-characters',
      'change_me_please_0123456789',
      'REPLACE_ME',
      'your-api-token-goes-here',
      'YOUR_SIGNING_SECRET',
      '<your token>',
      '...',
      'secret',
      'changeit',
      'xxxxxxxxxxxx',
    ];

    it.each(Object.keys(secrets))('refuses %s holding a placeholder, naming it, and takes a real value', (name) => {
      const prefix = name === 'SLACK_BOT_TOKEN' ? 'xoxb-' : name === 'SLACK_APP_TOKEN' ? 'xapp-' : name === 'SENDGRID_API_KEY' ? 'SG.' : '';
      for (const placeholder of placeholders) {
        const problems = problemsFor(environmentWith(name, `${prefix}${placeholder}`));
        expect({ placeholder, problems }).toEqual({
          placeholder,
          problems: expect.arrayContaining([
            `${name} still holds a placeholder (such as CHANGE-ME), not a real secret: put the real value in`,
          ]) as unknown,
        });
        if (placeholder.length > 12) expect(problems.join('\n')).not.toContain(placeholder);
      }
      expect(() => loadConfig(environmentWith(name, secrets[name].real))).not.toThrow();
    });

    it('refuses the placeholder in xoxb-… as the README writes it, and in a previous encryption key', () => {
      expect(problemsFor({ SLACK_BOT_TOKEN: 'xoxb-…', SLACK_SIGNING_SECRET: 'abc' })[0]).toMatch(
        /^SLACK_BOT_TOKEN still holds a placeholder/,
      );
      expect(problemsFor({ ...oauth, TOKEN_ENCRYPTION_PREVIOUS_KEYS: 'CHANGE-ME' })[0]).toMatch(
        /^TOKEN_ENCRYPTION_PREVIOUS_KEYS still holds a placeholder/,
      );
    });

    it('refuses a DATABASE_URL whose password is a placeholder, without repeating it', () => {
      const problems = problemsFor({ DATABASE_URL: 'postgres://app:CHANGE-ME@db.internal:5432/hire' });
      expect(problems).toEqual([
        'DATABASE_URL has a password that still holds a placeholder (such as CHANGE-ME), not a real secret: put the real value in',
      ]);
      expect(loadConfig({ DATABASE_URL: 'postgres://app:9b2e4f@db.internal:5432/hire' }).database.kind).toBe('postgres');
      expect(loadConfig({ DATABASE_URL: 'postgres://app@db.internal:5432/hire' }).database.kind).toBe('postgres');
    });
  });

  it('chooses the calendar provider by which variables are set, and refuses both at start-up, naming them with the other problems', () => {
    expect(loadConfig({}).calendars.provider).toEqual({ kind: 'none' });
    const microsoft = {
      MICROSOFT_TENANT_ID: 'contoso.onmicrosoft.com',
      MICROSOFT_CLIENT_ID: 'app-id',
      MICROSOFT_CLIENT_SECRET: 'a~real~secret~value',
    };
    expect(loadConfig(microsoft).calendars.provider.kind).toBe('microsoft');
    const problems = problemsFor({ ...microsoft, GOOGLE_SERVICE_ACCOUNT_KEY: '/no/such/key.json', PORT: 'x' });
    expect(problems).toEqual([
      expect.stringMatching(/^PORT /),
      expect.stringMatching(
        /^GOOGLE_SERVICE_ACCOUNT_KEY must not be set together with MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID, MICROSOFT_CLIENT_SECRET/,
      ),
    ]);
    expect(problems.join('\n')).not.toContain('a~real~secret~value');
    expect(KNOWN_ENVIRONMENT_VARIABLES).toEqual(
      expect.arrayContaining(['GOOGLE_SERVICE_ACCOUNT_KEY', 'MICROSOFT_GRAPH_URL', 'WORKING_HOURS', 'SLOT_STEP_MINUTES']),
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ SENDGRID_API_KEY: '', SLACK_BOT_TOKEN: '  ' }).mail.kind).toBe('folder');
  });

  it('treats an empty number as unset too: PORT= is 3000 and API_RATE_LIMIT_PER_MINUTE= keeps the limit, not 0', () => {
    const config = loadConfig({ PORT: '', API_RATE_LIMIT_PER_MINUTE: ' ', JOIN_PAGE_RATE_LIMIT_PER_MINUTE: '', SHUTDOWN_GRACE_MS: '' });
    expect(config.port).toBe(3000);
    expect(config.rateLimits).toEqual({ apiPerMinute: 600, joinPagePerMinute: 60 });
    expect(config.shutdownGraceMs).toBe(10_000);
  });

  it('reads numbers only as decimal digits, naming the variable for 1e3, 0x50 or 60.0', () => {
    expect(problemsFor({ PORT: '0x50' })).toEqual(['PORT must be a whole number between 0 and 65535']);
    expect(problemsFor({ API_RATE_LIMIT_PER_MINUTE: '1e3' })).toEqual([
      'API_RATE_LIMIT_PER_MINUTE must be a whole number between 0 and 1000000',
    ]);
    expect(problemsFor({ DEFAULT_LEAD_MINUTES: '60.0' })).toEqual(['DEFAULT_LEAD_MINUTES must be a whole number between 5 and 10080']);
    expect(problemsFor({ BUFFER_MINUTES: '1e1' })).toEqual(['BUFFER_MINUTES must be a whole number between 0 and 240']);
    expect(loadConfig({ PORT: ' 8080 ' }).port).toBe(8080);
  });

  it('knows every variable in the product spec', () => {
    for (const name of [
      'PORT',
      'PUBLIC_BASE_URL',
      'DATABASE_URL',
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
      'SLACK_APP_TOKEN',
      'SLACK_API_URL',
      'SENDGRID_API_KEY',
      'SENDGRID_API_URL',
      'MAIL_FROM',
      'API_TOKEN',
      'DEFAULT_LEAD_MINUTES',
      'CANDIDATE_REMINDERS',
      'INTERVIEWER_REMINDER',
      'NO_SHOW_ALERT_AFTER',
      'SLACK_CLIENT_ID',
      'SLACK_CLIENT_SECRET',
      'SLACK_STATE_SECRET',
      'TOKEN_ENCRYPTION_KEY',
    ]) {
      expect(KNOWN_ENVIRONMENT_VARIABLES).toContain(name);
    }
  });

  it('reminds the candidate a day and an hour ahead, the interviewers 10 minutes ahead, and alerts 5 minutes after the start', () => {
    expect(loadConfig({}).reminders).toEqual({
      candidate: [
        { iso: 'P1D', milliseconds: 86_400_000 },
        { iso: 'PT1H', milliseconds: 3_600_000 },
      ],
      interviewer: { iso: 'PT10M', milliseconds: 600_000 },
      noShowAlertAfter: { iso: 'PT5M', milliseconds: 300_000 },
    });
  });

  it('reads reminder durations as written, once each, and off as none', () => {
    const config = loadConfig({ CANDIDATE_REMINDERS: 'pt2h, P2D,PT2H', INTERVIEWER_REMINDER: 'off', NO_SHOW_ALERT_AFTER: 'OFF' });
    expect(config.reminders.candidate.map((offset) => offset.iso)).toEqual(['P2D', 'PT2H']);
    expect(config.reminders.interviewer).toBeNull();
    expect(config.reminders.noShowAlertAfter).toBeNull();
  });

  it('stops on a bad reminder duration, naming its variable and the value', () => {
    expect(problemsFor({ CANDIDATE_REMINDERS: 'P1D,1 hour' })).toEqual([
      'CANDIDATE_REMINDERS must be ISO 8601 durations separated by commas, like P1D,PT1H, or off: "1 hour" is not an ISO 8601 duration like P1D, PT1H or PT10M',
    ]);
    expect(problemsFor({ INTERVIEWER_REMINDER: 'PT10M,PT5M' })).toEqual([
      'INTERVIEWER_REMINDER must be one ISO 8601 duration like PT10M, or off',
    ]);
    expect(problemsFor({ NO_SHOW_ALERT_AFTER: 'P1M' })[0]).toMatch(
      /^NO_SHOW_ALERT_AFTER must be an ISO 8601 duration like PT10M, or off: "P1M" uses months/,
    );
  });
});
