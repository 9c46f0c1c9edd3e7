import { z } from 'zod';
import { parseMailAddress, type MailAddress } from './mailAddress';
import { parseReminderOffset, type ReminderOffset, type ReminderSettings } from './reminderSettings';
import { readWebhookSecret, type WebhookSettings } from './webhookSettings';
import { readVideoSettings } from './videoConfig';
import { VIDEO_ENVIRONMENT_VARIABLES, type VideoSettings } from './videoSettings';
import { CALENDAR_ENVIRONMENT_VARIABLES, parseCalendarSettings, type CalendarSettings } from './calendarSettings';
import { wholeNumber } from './settingsFields';

/**
 * How long a client has to send a whole request, headers and body: REQUEST_TIMEOUT_SECONDS'
 * default. The largest request this app takes (a Slack App Home click, ~120 KiB) arrives in well
 * under a second; a client still sending after this is dripping bytes to hold a connection open.
 */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 20;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** Links and API calls only ever go over HTTP(S): `ftp://…` or `javascript:…` would be accepted by URL but break every link. */
const optionalHttpUrl = optionalText.refine((value) => value === undefined || isHttpUrl(value), {
  message: 'must be an http:// or https:// URL, e.g. https://example.com/',
});

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}

/**
 * What templates and examples put where a secret goes: the Kubernetes Secret template's CHANGE-ME,
 * REPLACE_ME, YOUR-TOKEN, <token>, "xoxb-…" and "…", or a bare word like "secret" or "changeit".
 * A server started with one is broken at best, and at worst answers a publicly documented token.
 */
const PLACEHOLDER_SECRET =
  /change[-_ .]?me|replace[-_ .]?me|fill[-_ .]?(me|in)|placeholder|\byour[-_ ]|<[^>]*>|\.\.\.|\u2026|^(secret|password|passw0rd|token|changeit|todo|tbd|example|test|none|null|undefined|x{3,})$/i;

const PLACEHOLDER_MESSAGE = 'still holds a placeholder (such as CHANGE-ME), not a real secret: put the real value in';

/** The fixed start of a Slack or SendGrid token, which a template keeps in front of its placeholder (`xoxb-CHANGE-ME`). */
const TOKEN_PREFIX = /^(xox[a-z]-|xapp-|SG\.)/;

function isPlaceholderSecret(value: string): boolean {
  return PLACEHOLDER_SECRET.test(value.replace(TOKEN_PREFIX, ''));
}

/** A secret, unset or real: a template's placeholder stops start-up, naming the variable (never echoing the value). */
const optionalSecret = optionalText.refine((value) => value === undefined || !isPlaceholderSecret(value), {
  message: PLACEHOLDER_MESSAGE,
});

/** The password in a postgres:// URL, when it has one: a secret like the others. */
function databasePassword(url: string): string | undefined {
  if (!/^postgres(ql)?:\/\//.test(url) || !URL.canParse(url)) return undefined;
  const { password } = new URL(url);
  return password === '' ? undefined : decodeURIComponent(password);
}

const optionalMailAddress = optionalText.transform((value, context): MailAddress | undefined => {
  if (value === undefined) return undefined;
  const address = parseMailAddress(value);
  if (!address) {
    context.addIssue({ code: 'custom', message: 'must be a sender like "Acme Hiring <hiring@acme.com>" or hiring@acme.com' });
    return z.NEVER;
  }
  return address;
});

/** `off`, or ISO 8601 durations (one, or `many` separated by commas), each checked on its own. */
const reminderOffsets = (fallback: string, many: boolean) =>
  z
    .string()
    .trim()
    .transform((value) => (value === '' ? fallback : value))
    .default(fallback)
    .transform((value, context): ReminderOffset[] => {
      if (value.toLowerCase() === 'off') return [];
      const parts = value.split(',').map((part) => part.trim());
      if (!many && parts.length > 1) {
        context.addIssue({ code: 'custom', message: 'must be one ISO 8601 duration like PT10M, or off' });
        return z.NEVER;
      }
      const offsets: ReminderOffset[] = [];
      for (const part of parts) {
        const parsed = parseReminderOffset(part);
        if ('problem' in parsed) {
          context.addIssue({
            code: 'custom',
            message: `must be ${many ? 'ISO 8601 durations separated by commas, like P1D,PT1H' : 'an ISO 8601 duration like PT10M'}, or off: ${parsed.problem}`,
          });
          return z.NEVER;
        }
        if (!offsets.some((offset) => offset.milliseconds === parsed.offset.milliseconds)) offsets.push(parsed.offset);
      }
      return offsets.sort((first, second) => second.milliseconds - first.milliseconds);
    });

const environmentSchema = z
  .object({
    PORT: wholeNumber(0, 65535, 3000),
    PUBLIC_BASE_URL: optionalHttpUrl,
    DATABASE_URL: optionalText
      .refine((value) => value === undefined || /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(value), {
        message: 'must be sqlite:<path> or postgres://user:password@host:port/database',
      })
      .refine((value) => value === undefined || !isPlaceholderSecret(databasePassword(value) ?? ''), {
        message: `has a password that ${PLACEHOLDER_MESSAGE}`,
      }),
    SLACK_BOT_TOKEN: optionalSecret.refine((value) => value === undefined || value.startsWith('xoxb-'), {
      message: 'must be a bot token starting with xoxb- (OAuth & Permissions page of your Slack app)',
    }),
    SLACK_SIGNING_SECRET: optionalSecret,
    SLACK_APP_TOKEN: optionalSecret.refine((value) => value === undefined || value.startsWith('xapp-'), {
      message: 'must be an app-level token starting with xapp- (Basic Information → App-Level Tokens)',
    }),
    SLACK_API_URL: optionalHttpUrl,
    SLACK_CLIENT_ID: optionalSecret,
    SLACK_CLIENT_SECRET: optionalSecret,
    SLACK_STATE_SECRET: optionalSecret.refine((value) => value === undefined || value.length >= 16, {
      message:
        'must be at least 16 characters long: it is a secret you make up yourself, not one Slack gives you (e.g. the output of `openssl rand -hex 32`); it signs the OAuth state',
    }),
    TOKEN_ENCRYPTION_KEY: optionalSecret.transform((value, context) =>
      value === undefined ? undefined : readEncryptionKey(value, context),
    ),
    TOKEN_ENCRYPTION_PREVIOUS_KEYS: optionalSecret.transform((value, context) =>
      value === undefined ? [] : value.split(',').map((key) => readEncryptionKey(key.trim(), context)),
    ),
    SENDGRID_API_KEY: optionalSecret.refine((value) => value === undefined || value.startsWith('SG.'), {
      message: 'must be a SendGrid API key, which starts with SG. (SendGrid: Settings → API Keys, with Mail Send permission)',
    }),
    SENDGRID_API_URL: optionalHttpUrl,
    MAIL_FROM: optionalMailAddress,
    MAIL_DIR: optionalText,
    API_TOKEN: optionalSecret.refine((value) => value === undefined || value.length >= 16, {
      message: 'must be at least 16 characters long (e.g. the output of `openssl rand -hex 32`)',
    }),
    DEFAULT_LEAD_MINUTES: wholeNumber(5, 7 * 24 * 60, 60),
    JOIN_OPENS_MINUTES_BEFORE: wholeNumber(0, 24 * 60, 15),
    JOIN_CLOSES_MINUTES_AFTER_END: wholeNumber(0, 24 * 60, 30),
    JOIN_LINK_EXPIRES_DAYS_AFTER_END: wholeNumber(1, 365, 30),
    BOOKING_LINK_EXPIRES_HOURS: wholeNumber(1, 30 * 24, 72),
    VIDEO_BASE_URL: optionalHttpUrl,
    CANDIDATE_REMINDERS: reminderOffsets('P1D,PT1H', true),
    INTERVIEWER_REMINDER: reminderOffsets('PT10M', false),
    NO_SHOW_ALERT_AFTER: reminderOffsets('PT5M', false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
    DELIVERY_MAX_ATTEMPTS: wholeNumber(1, 50, 10),
    DELIVERY_RETRY_BASE_MS: wholeNumber(10, 10 * 60 * 1000, 5000),
    DELIVERY_RETRY_MAX_MS: wholeNumber(10, 24 * 60 * 60 * 1000, 30 * 60 * 1000),
    DELIVERY_POLL_INTERVAL_MS: wholeNumber(10, 60 * 1000, 1000),
    DELIVERY_LEASE_SECONDS: wholeNumber(1, 3600, 60),
    DELIVERY_RETENTION_DAYS: wholeNumber(1, 36500, 90),
    DELIVERY_WORKER: z.enum(['on', 'off']).default('on'),
    SHUTDOWN_GRACE_MS: wholeNumber(0, 120 * 1000, 10 * 1000),
    REQUEST_TIMEOUT_SECONDS: wholeNumber(1, 300, DEFAULT_REQUEST_TIMEOUT_SECONDS),
    API_RATE_LIMIT_PER_MINUTE: wholeNumber(0, 1_000_000, 600),
    JOIN_PAGE_RATE_LIMIT_PER_MINUTE: wholeNumber(0, 1_000_000, 60),
    WEBHOOK_URL: optionalHttpUrl,
    WEBHOOK_SECRET: optionalSecret.transform((value, context) => {
      if (value === undefined) return undefined;
      const read = readWebhookSecret(value);
      if ('problem' in read) {
        context.addIssue({ code: 'custom', message: read.problem });
        return z.NEVER;
      }
      return read.signingKey;
    }),
    TRUST_PROXY: optionalText.refine((value) => value === undefined || /^(true|false|loopback|\d{1,2})$/.test(value), {
      message: 'must be false, true, loopback, or the number of proxies in front of the app (e.g. 1)',
    }),
  })
  .superRefine((env, context) => {
    if (env.SENDGRID_API_KEY && !env.MAIL_FROM) {
      context.addIssue({
        code: 'custom',
        path: ['MAIL_FROM'],
        message: 'is required when SENDGRID_API_KEY is set: a sender verified in SendGrid, e.g. "Acme Hiring <hiring@acme.com>"',
      });
    }
    for (const problem of readSlackSettings(env).problems) {
      context.addIssue({ code: 'custom', path: [problem.variable], message: problem.message });
    }
    if ((env.WEBHOOK_URL === undefined) !== (env.WEBHOOK_SECRET === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [env.WEBHOOK_URL === undefined ? 'WEBHOOK_URL' : 'WEBHOOK_SECRET'],
        message: 'is required when the other of WEBHOOK_URL and WEBHOOK_SECRET is set: events are only sent signed',
      });
    }
    if (env.DELIVERY_RETRY_BASE_MS > env.DELIVERY_RETRY_MAX_MS) {
      context.addIssue({
        code: 'custom',
        path: ['DELIVERY_RETRY_BASE_MS'],
        message: `(${env.DELIVERY_RETRY_BASE_MS}) must not exceed DELIVERY_RETRY_MAX_MS (${env.DELIVERY_RETRY_MAX_MS}): the first retry would wait longer than the cap`,
      });
    }
  });

type Environment = z.infer<typeof environmentSchema>;

/** The variables that, all three together, turn on installing through OAuth in any number of workspaces. */
const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

function usesOAuth(env: Pick<Environment, (typeof OAUTH_VARIABLES)[number]>): boolean {
  return OAUTH_VARIABLES.some((name) => env[name] !== undefined);
}

/** One variable's problem, as start-up names it. */
interface VariableProblem {
  variable: string;
  message: string;
}

const SLACK_OFF: SlackSettings = { mode: 'disabled' };

/**
 * How the app reaches Slack, decided once, from which variables are set: any number of workspaces
 * that install it through OAuth (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET), one
 * workspace over Socket Mode (SLACK_APP_TOKEN) or over HTTP (SLACK_BOT_TOKEN and
 * SLACK_SIGNING_SECRET), or none. A mixture of the two, or half of either, is a problem naming the
 * variables, rather than starting in a mode nobody asked for; `settings` counts only without one.
 */
function readSlackSettings(env: Environment): { settings: SlackSettings; problems: VariableProblem[] } {
  const problems: VariableProblem[] = [];
  const problem = (variable: string, message: string) => problems.push({ variable, message });
  if (env.TOKEN_ENCRYPTION_PREVIOUS_KEYS.length > 0 && !env.TOKEN_ENCRYPTION_KEY) {
    problem(
      'TOKEN_ENCRYPTION_PREVIOUS_KEYS',
      'is read only beside TOKEN_ENCRYPTION_KEY, the key tokens are encrypted under now: set it too',
    );
  }
  const apiUrl = env.SLACK_API_URL;
  if (usesOAuth(env)) {
    const { SLACK_CLIENT_ID: clientId, SLACK_CLIENT_SECRET: clientSecret, SLACK_STATE_SECRET: stateSecret } = env;
    for (const name of OAUTH_VARIABLES.filter((each) => env[each] === undefined)) {
      problem(
        name,
        name === 'SLACK_STATE_SECRET'
          ? `is required too: installing through OAuth needs ${OAUTH_VARIABLES.join(', ')}. This one is not from Slack: make it up yourself, e.g. \`openssl rand -hex 32\` (it signs each installation's OAuth state)`
          : `is required too: installing through OAuth needs ${OAUTH_VARIABLES.join(', ')} (Basic Information → App Credentials)`,
      );
    }
    if (!env.SLACK_SIGNING_SECRET) {
      problem(
        'SLACK_SIGNING_SECRET',
        'is required too: Slack signs every request to /slack/events with it (Basic Information → App Credentials)',
      );
    }
    if (!env.TOKEN_ENCRYPTION_KEY) {
      problem(
        'TOKEN_ENCRYPTION_KEY',
        'is required with SLACK_CLIENT_ID: each workspace’s bot token is stored encrypted under it (32 random bytes in base64, e.g. `openssl rand -base64 32`)',
      );
    }
    if (env.SLACK_BOT_TOKEN) {
      problem(
        'SLACK_BOT_TOKEN',
        'must not be set together with SLACK_CLIENT_ID: serve one workspace with SLACK_BOT_TOKEN, or any number that install the app with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET',
      );
    }
    if (env.SLACK_APP_TOKEN) {
      problem(
        'SLACK_APP_TOKEN',
        'must not be set together with SLACK_CLIENT_ID: an app installed in many workspaces receives Slack’s requests over HTTP at /slack/events (Slack does not distribute Socket Mode apps); unset SLACK_APP_TOKEN',
      );
    }
    if (!clientId || !clientSecret || !stateSecret || !env.SLACK_SIGNING_SECRET || !env.TOKEN_ENCRYPTION_KEY) {
      return { settings: SLACK_OFF, problems };
    }
    const tokenKeys = { current: env.TOKEN_ENCRYPTION_KEY, previous: env.TOKEN_ENCRYPTION_PREVIOUS_KEYS };
    return {
      settings: { mode: 'oauth', clientId, clientSecret, stateSecret, signingSecret: env.SLACK_SIGNING_SECRET, tokenKeys, apiUrl },
      problems,
    };
  }
  if (env.SLACK_APP_TOKEN) {
    if (!env.SLACK_BOT_TOKEN) {
      problem('SLACK_BOT_TOKEN', 'is required too: Socket Mode (SLACK_APP_TOKEN) still needs the bot token to call Slack');
      return { settings: SLACK_OFF, problems };
    }
    const settings: SlackSettings = {
      mode: 'socket',
      botToken: env.SLACK_BOT_TOKEN,
      appToken: env.SLACK_APP_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      apiUrl,
    };
    return { settings, problems };
  }
  if (env.SLACK_BOT_TOKEN && env.SLACK_SIGNING_SECRET) {
    return { settings: { mode: 'http', botToken: env.SLACK_BOT_TOKEN, signingSecret: env.SLACK_SIGNING_SECRET, apiUrl }, problems };
  }
  if (env.SLACK_BOT_TOKEN || env.SLACK_SIGNING_SECRET) {
    problem(
      env.SLACK_BOT_TOKEN ? 'SLACK_SIGNING_SECRET' : 'SLACK_BOT_TOKEN',
      'is required too: Slack over HTTP needs both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET',
    );
  }
  return { settings: SLACK_OFF, problems };
}

/** The bytes of a token encryption key: exactly 32, written in base64 (`openssl rand -base64 32`). */
function readEncryptionKey(value: string, context: z.RefinementCtx): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== TOKEN_KEY_BYTES || key.toString('base64') !== value) {
    context.addIssue({
      code: 'custom',
      message: `must be ${TOKEN_KEY_BYTES} random bytes written in base64 (44 characters ending in =), e.g. the output of \`openssl rand -base64 32\``,
    });
    return z.NEVER;
  }
  return key;
}

/** Every environment variable the app reads; deployment manifests may set only these. */
export const KNOWN_ENVIRONMENT_VARIABLES: readonly string[] = [
  ...new Set([...Object.keys(environmentSchema.shape), ...VIDEO_ENVIRONMENT_VARIABLES, ...CALENDAR_ENVIRONMENT_VARIABLES]),
];

export type DatabaseSettings = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** AES-256 keys: 32 bytes each. */
export const TOKEN_KEY_BYTES = 32;

/** The keys stored Slack tokens are encrypted under: new ones under `current`; `previous` still open older rows (key rotation). */
export interface TokenEncryptionKeys {
  current: Buffer;
  previous: Buffer[];
}

/**
 * `http` and `socket` serve the one workspace SLACK_BOT_TOKEN belongs to; `oauth` serves every
 * workspace that installs the app at /slack/install, each with its own stored bot token.
 */
export type SlackSettings =
  | { mode: 'disabled' }
  | { mode: 'http'; botToken: string; signingSecret: string; apiUrl?: string }
  | { mode: 'socket'; botToken: string; appToken: string; signingSecret?: string; apiUrl?: string }
  | {
      mode: 'oauth';
      clientId: string;
      clientSecret: string;
      stateSecret: string;
      signingSecret: string;
      tokenKeys: TokenEncryptionKeys;
      apiUrl?: string;
    };

export type MailSettings =
  { kind: 'sendgrid'; apiKey: string; apiUrl?: string; from: MailAddress } | { kind: 'folder'; directory: string; from: MailAddress };

/** `pretty`: readable lines for a person at a terminal; `json`: one JSON object per line, for log collectors. */
export type LogFormat = 'pretty' | 'json';

/** Everything the process reads from its environment, parsed once at start-up. */
export interface AppConfig {
  port: number;
  /** Base of every join link, without a trailing slash. */
  publicBaseUrl: string;
  database: DatabaseSettings;
  slack: SlackSettings;
  /** TOKEN_ENCRYPTION_KEY and TOKEN_ENCRYPTION_PREVIOUS_KEYS, when set: what `npm run reencrypt-tokens` works with. */
  tokenKeys?: TokenEncryptionKeys;
  mail: MailSettings;
  apiToken?: string;
  logLevel: string;
  /** LOG_FORMAT; unset means pretty on a terminal and JSON otherwise. */
  logFormat?: LogFormat;
  scheduling: {
    defaultLeadMinutes: number;
    joinOpensMinutesBefore: number;
    joinClosesMinutesAfterEnd: number;
    joinLinkExpiresDaysAfterEnd: number;
    /** How long a booking link lets the candidate pick a slot. */
    bookingLinkExpiresHours: number;
    /** Rooms under VIDEO_BASE_URL: set only when VIDEO_PROVIDER is url. */
    videoBaseUrl?: string;
  };
  /** VIDEO_PROVIDER and its settings: where each interview's video meeting comes from. */
  video: VideoSettings;
  /** CANDIDATE_REMINDERS, INTERVIEWER_REMINDER and NO_SHOW_ALERT_AFTER. */
  reminders: ReminderSettings;
  delivery: {
    maxAttempts: number;
    retryBaseMs: number;
    retryMaxMs: number;
    pollIntervalMs: number;
    leaseSeconds: number;
    /** Finished deliveries older than this are deleted (DELIVERY_RETENTION_DAYS). */
    retentionDays: number;
  };
  /** False when another process delivers the outbox (DELIVERY_WORKER=off), e.g. API-only replicas. */
  runDeliveryWorker: boolean;
  shutdownGraceMs: number;
  /** How long a client has to send a whole request; its headers get half of it (REQUEST_TIMEOUT_SECONDS). */
  requestTimeoutSeconds: number;
  rateLimits: {
    /** Requests per client per minute to /api; 0 turns the limit off. */
    apiPerMinute: number;
    /** Requests per client per minute to join pages; 0 turns the limit off. */
    joinPagePerMinute: number;
  };
  /** Express's `trust proxy`: how client addresses are read behind a load balancer. */
  trustProxy: boolean | number | string;
  /** WEBHOOK_URL and WEBHOOK_SECRET; absent when webhooks are off. */
  webhooks?: WebhookSettings;
  /** The interviewers' calendars: Google Workspace, Microsoft 365 or none, and the free-time rules (src/config/calendarSettings.ts). */
  calendars: CalendarSettings;
}

export const LOCAL_MAIL_FROM: MailAddress = { name: 'Interview Scheduler', email: 'interviews@localhost' };

/** Thrown when the environment is unusable; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(environment);
  const video = readVideoSettings(environment);
  const calendars = parseCalendarSettings(environment);
  if (!parsed.success || 'problems' in video || 'problems' in calendars) {
    const problems = parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${describeIssue(issue)}`);
    // VIDEO_BASE_URL is read by two schemas, and Meet or Teams read the calendar variables too: each variable's problem is told once.
    const named = new Set(problems.map((problem) => problem.split(' ', 1)[0]));
    const tellOnce = (more: string[]) =>
      more.filter((problem) => {
        const variable = problem.split(' ', 1)[0];
        if (named.has(variable)) return false;
        named.add(variable);
        return true;
      });
    const videoProblems = 'problems' in video ? tellOnce(video.problems) : [];
    const calendarProblems = 'problems' in calendars ? tellOnce(calendars.problems) : [];
    throw new ConfigError([...problems, ...videoProblems, ...calendarProblems]);
  }
  const env = parsed.data;
  return {
    port: env.PORT,
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    database: parseDatabaseUrl(env.DATABASE_URL ?? 'sqlite:./data/interviews.sqlite'),
    slack: readSlackSettings(env).settings,
    tokenKeys: env.TOKEN_ENCRYPTION_KEY ? { current: env.TOKEN_ENCRYPTION_KEY, previous: env.TOKEN_ENCRYPTION_PREVIOUS_KEYS } : undefined,
    mail: env.SENDGRID_API_KEY
      ? { kind: 'sendgrid', apiKey: env.SENDGRID_API_KEY, apiUrl: env.SENDGRID_API_URL, from: env.MAIL_FROM! }
      : { kind: 'folder', directory: env.MAIL_DIR ?? './data/mail', from: env.MAIL_FROM ?? LOCAL_MAIL_FROM },
    apiToken: env.API_TOKEN,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    scheduling: {
      defaultLeadMinutes: env.DEFAULT_LEAD_MINUTES,
      joinOpensMinutesBefore: env.JOIN_OPENS_MINUTES_BEFORE,
      joinClosesMinutesAfterEnd: env.JOIN_CLOSES_MINUTES_AFTER_END,
      joinLinkExpiresDaysAfterEnd: env.JOIN_LINK_EXPIRES_DAYS_AFTER_END,
      bookingLinkExpiresHours: env.BOOKING_LINK_EXPIRES_HOURS,
      videoBaseUrl: video.settings.provider === 'url' ? video.settings.baseUrl : undefined,
    },
    video: video.settings,
    reminders: {
      candidate: env.CANDIDATE_REMINDERS,
      interviewer: env.INTERVIEWER_REMINDER[0] ?? null,
      noShowAlertAfter: env.NO_SHOW_ALERT_AFTER[0] ?? null,
    },
    delivery: {
      maxAttempts: env.DELIVERY_MAX_ATTEMPTS,
      retryBaseMs: env.DELIVERY_RETRY_BASE_MS,
      retryMaxMs: env.DELIVERY_RETRY_MAX_MS,
      pollIntervalMs: env.DELIVERY_POLL_INTERVAL_MS,
      leaseSeconds: env.DELIVERY_LEASE_SECONDS,
      retentionDays: env.DELIVERY_RETENTION_DAYS,
    },
    runDeliveryWorker: env.DELIVERY_WORKER === 'on',
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    requestTimeoutSeconds: env.REQUEST_TIMEOUT_SECONDS,
    rateLimits: { apiPerMinute: env.API_RATE_LIMIT_PER_MINUTE, joinPagePerMinute: env.JOIN_PAGE_RATE_LIMIT_PER_MINUTE },
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    webhooks: env.WEBHOOK_URL && env.WEBHOOK_SECRET ? { url: env.WEBHOOK_URL, signingKey: env.WEBHOOK_SECRET } : undefined,
    calendars: calendars.settings,
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `must be one of: ${issue.values.join(', ')}`;
  }
  return issue.message;
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

function parseDatabaseUrl(databaseUrl: string): DatabaseSettings {
  if (databaseUrl.startsWith('sqlite:')) {
    return { kind: 'sqlite', path: databaseUrl.slice('sqlite:'.length) };
  }
  return { kind: 'postgres', url: databaseUrl };
}
