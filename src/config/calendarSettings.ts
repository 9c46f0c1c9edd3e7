import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_WORKING_HOURS, parseWorkingHours, type WorkingHours } from './workingHours';
import { baseUrl, optionalText, problemsOf, wholeNumber, type SettingsResult } from './settingsFields';

/** Every variable this file reads: for KNOWN_ENVIRONMENT_VARIABLES and the deployment manifests. */
export const CALENDAR_ENVIRONMENT_VARIABLES = [
  'GOOGLE_SERVICE_ACCOUNT_KEY',
  'GOOGLE_API_URL',
  'MICROSOFT_TENANT_ID',
  'MICROSOFT_CLIENT_ID',
  'MICROSOFT_CLIENT_SECRET',
  'MICROSOFT_LOGIN_URL',
  'MICROSOFT_GRAPH_URL',
  'WORKING_HOURS',
  'MINIMUM_NOTICE_MINUTES',
  'BUFFER_MINUTES',
  'INTERVIEWER_DAILY_LIMIT',
  'SLOT_STEP_MINUTES',
] as const;

const MICROSOFT_VARIABLES = ['MICROSOFT_TENANT_ID', 'MICROSOFT_CLIENT_ID', 'MICROSOFT_CLIENT_SECRET'] as const;

/** Where a service account's key says to exchange its JWTs, when the key does not say. */
const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';

/**
 * Steps for which "counted from the hour" is exact: divisors of an hour, or whole hours that
 * divide a day. 45 would give :00, :45, :30, :15…
 */
export const SLOT_STEPS_MINUTES = [5, 10, 15, 20, 30, 60, 120, 180, 240] as const;

/** The parts of a service account's JSON key the app uses (GOOGLE_SERVICE_ACCOUNT_KEY). */
export interface GoogleServiceAccount {
  /** `client_email`: the service account, the JWT's issuer. */
  clientEmail: string;
  /** `private_key`: PEM, signs the JWT. */
  privateKey: string;
  /** `private_key_id`, sent as the JWT's `kid` when present. */
  privateKeyId?: string;
  /** `token_uri`: where the JWT is exchanged for a token (the key's own, as Google's docs require). */
  tokenUri: string;
}

/** The settings behind "free": MINIMUM_NOTICE_MINUTES, BUFFER_MINUTES, INTERVIEWER_DAILY_LIMIT, SLOT_STEP_MINUTES. */
export interface FreeTimeRules {
  /** No start sooner than this after now. */
  minimumNoticeMinutes: number;
  /** Kept clear before and after every busy period and interview. */
  bufferMinutes: number;
  /** A person with this many interviews on a day (on their clock) takes no more that day. */
  dailyLimit: number;
  /** Start times lie on this grid, counted from the hour. */
  slotStepMinutes: number;
}

/** Which calendars the app reads and writes: one provider per deployment, or none (the app's own interviews only). */
export interface GoogleCalendarSettings {
  serviceAccount: GoogleServiceAccount;
  /** GOOGLE_API_URL (default https://www.googleapis.com), without a trailing slash. */
  apiUrl: string;
}

/** An Entra app's client credentials (MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID, MICROSOFT_CLIENT_SECRET). */
export interface MicrosoftCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** MICROSOFT_LOGIN_URL (default https://login.microsoftonline.com), without a trailing slash. */
  loginUrl: string;
}

export interface MicrosoftCalendarSettings extends MicrosoftCredentials {
  /** MICROSOFT_GRAPH_URL (default https://graph.microsoft.com), without a trailing slash. */
  graphUrl: string;
}

export type CalendarProviderSettings =
  { kind: 'none' } | ({ kind: 'google' } & GoogleCalendarSettings) | ({ kind: 'microsoft' } & MicrosoftCalendarSettings);

export interface CalendarSettings {
  provider: CalendarProviderSettings;
  /** WORKING_HOURS, read on each interviewer's own clock. */
  workingHours: WorkingHours;
  /** MINIMUM_NOTICE_MINUTES, BUFFER_MINUTES, INTERVIEWER_DAILY_LIMIT, SLOT_STEP_MINUTES. */
  rules: FreeTimeRules;
}

const calendarSchema = z
  .object({
    GOOGLE_SERVICE_ACCOUNT_KEY: optionalText,
    GOOGLE_API_URL: baseUrl('https://www.googleapis.com'),
    MICROSOFT_TENANT_ID: optionalText.refine((value) => value === undefined || /^[\w.-]+$/.test(value), {
      message: 'must be the directory (tenant) ID, a GUID from Entra → Overview, or the tenant’s domain like contoso.onmicrosoft.com',
    }),
    MICROSOFT_CLIENT_ID: optionalText,
    MICROSOFT_CLIENT_SECRET: optionalText,
    MICROSOFT_LOGIN_URL: baseUrl('https://login.microsoftonline.com'),
    MICROSOFT_GRAPH_URL: baseUrl('https://graph.microsoft.com'),
    WORKING_HOURS: optionalText.transform((value, context) => {
      const parsed = parseWorkingHours(value ?? DEFAULT_WORKING_HOURS);
      if ('problem' in parsed) {
        context.addIssue({
          code: 'custom',
          message: `says ${parsed.problem} (e.g. Mon-Fri 09:00-17:00, or Mon-Sun 00:00-24:00 for any time)`,
        });
        return z.NEVER;
      }
      return parsed.workingHours;
    }),
    MINIMUM_NOTICE_MINUTES: wholeNumber(0, 30 * 24 * 60, 240),
    BUFFER_MINUTES: wholeNumber(0, 240, 10),
    INTERVIEWER_DAILY_LIMIT: wholeNumber(1, 24, 4),
    SLOT_STEP_MINUTES: wholeNumber(1, 240, 30).refine((value) => (SLOT_STEPS_MINUTES as readonly number[]).includes(value), {
      message: `must be one of ${SLOT_STEPS_MINUTES.join(', ')}: start times are counted from the hour`,
    }),
  })
  .superRefine((env, context) => {
    const microsoftSet = MICROSOFT_VARIABLES.filter((name) => env[name] !== undefined);
    if (env.GOOGLE_SERVICE_ACCOUNT_KEY && microsoftSet.length > 0) {
      context.addIssue({
        code: 'custom',
        path: ['GOOGLE_SERVICE_ACCOUNT_KEY'],
        message: `must not be set together with ${microsoftSet.join(', ')}: the app reads one calendar provider per deployment, Google Workspace or Microsoft 365; unset the other`,
      });
      return;
    }
    if (microsoftSet.length > 0) {
      for (const name of MICROSOFT_VARIABLES.filter((each) => env[each] === undefined)) {
        context.addIssue({
          code: 'custom',
          path: [name],
          message: `is required too: Microsoft 365 calendars need ${MICROSOFT_VARIABLES.join(', ')} (Entra → App registrations → your app)`,
        });
      }
    }
  });

/**
 * Reads the calendar variables of PRODUCT.md (Round 3). Google is chosen by
 * GOOGLE_SERVICE_ACCOUNT_KEY (the key's JSON, or the path of its file: `readKeyFile` reads it);
 * Microsoft 365 by its three variables, each required once one is set; both refuse, naming them.
 * With neither, the provider is `none` and free times come from the app's own interviews. The
 * key and the secret never appear in a problem.
 */
export function parseCalendarSettings(
  env: Readonly<Record<string, string | undefined>>,
  readKeyFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): SettingsResult<CalendarSettings> {
  const parsed = calendarSchema.safeParse(env);
  if (!parsed.success) return { problems: problemsOf(parsed.error) };
  const values = parsed.data;
  const rules: FreeTimeRules = {
    minimumNoticeMinutes: values.MINIMUM_NOTICE_MINUTES,
    bufferMinutes: values.BUFFER_MINUTES,
    dailyLimit: values.INTERVIEWER_DAILY_LIMIT,
    slotStepMinutes: values.SLOT_STEP_MINUTES,
  };
  const settings = (provider: CalendarProviderSettings): SettingsResult<CalendarSettings> => ({
    settings: { provider, workingHours: values.WORKING_HOURS, rules },
  });
  if (values.GOOGLE_SERVICE_ACCOUNT_KEY) {
    const key = readServiceAccountKey(values.GOOGLE_SERVICE_ACCOUNT_KEY, readKeyFile);
    if ('problem' in key) return { problems: [`GOOGLE_SERVICE_ACCOUNT_KEY ${key.problem}`] };
    return settings({ kind: 'google', serviceAccount: key.serviceAccount, apiUrl: values.GOOGLE_API_URL });
  }
  if (values.MICROSOFT_TENANT_ID && values.MICROSOFT_CLIENT_ID && values.MICROSOFT_CLIENT_SECRET) {
    return settings({
      kind: 'microsoft',
      tenantId: values.MICROSOFT_TENANT_ID,
      clientId: values.MICROSOFT_CLIENT_ID,
      clientSecret: values.MICROSOFT_CLIENT_SECRET,
      loginUrl: values.MICROSOFT_LOGIN_URL,
      graphUrl: values.MICROSOFT_GRAPH_URL,
    });
  }
  return settings({ kind: 'none' });
}

const HOW_TO_GET_A_KEY =
  "a service account's JSON key (Google Cloud console → IAM → Service accounts → Keys → Add key → JSON), or the path of that file";

/** The key from its JSON or its file, checked field by field; the problem never quotes the key. */
function readServiceAccountKey(
  value: string,
  readKeyFile: (path: string) => string,
): { serviceAccount: GoogleServiceAccount } | { problem: string } {
  let text = value;
  if (!value.startsWith('{')) {
    try {
      text = readKeyFile(value);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return {
        problem: `names a file that cannot be read (${typeof code === 'string' ? code : 'unreadable'}): ${value}; it must be ${HOW_TO_GET_A_KEY}`,
      };
    }
  }
  let key: Record<string, unknown>;
  try {
    key = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { problem: `is not JSON: it must be ${HOW_TO_GET_A_KEY}` };
  }
  if (typeof key !== 'object' || key === null || key.type !== 'service_account') {
    return { problem: `is not a service account's key (its "type" is not "service_account"): it must be ${HOW_TO_GET_A_KEY}` };
  }
  if (typeof key.client_email !== 'string' || !key.client_email.includes('@'))
    return { problem: 'has no "client_email": download the key again' };
  if (typeof key.private_key !== 'string' || !readablePrivateKey(key.private_key))
    return { problem: 'has no readable "private_key": download the key again' };
  const tokenUri = key.token_uri === undefined ? GOOGLE_TOKEN_URI : key.token_uri;
  if (typeof tokenUri !== 'string' || !URL.canParse(tokenUri) || !['http:', 'https:'].includes(new URL(tokenUri).protocol)) {
    return { problem: 'has a "token_uri" that is not an http(s) URL' };
  }
  return {
    serviceAccount: {
      clientEmail: key.client_email,
      privateKey: key.private_key,
      privateKeyId: typeof key.private_key_id === 'string' ? key.private_key_id : undefined,
      tokenUri,
    },
  };
}

function readablePrivateKey(pem: string): boolean {
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
}
