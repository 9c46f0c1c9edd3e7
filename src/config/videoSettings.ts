import { z } from 'zod';
import type { CalendarProviderSettings, GoogleCalendarSettings, MicrosoftCalendarSettings } from './calendarSettings';
import { baseUrl, optionalText, problemsOf, type SettingsResult } from './settingsFields';

/** Every variable this file reads: for KNOWN_ENVIRONMENT_VARIABLES and the deployment manifests. */
export const VIDEO_ENVIRONMENT_VARIABLES = [
  'VIDEO_PROVIDER',
  'VIDEO_BASE_URL',
  'ZOOM_ACCOUNT_ID',
  'ZOOM_CLIENT_ID',
  'ZOOM_CLIENT_SECRET',
  'ZOOM_OAUTH_URL',
  'ZOOM_API_URL',
  'ZOOM_DEFAULT_HOST',
] as const;

export const VIDEO_PROVIDERS = ['url', 'zoom', 'google-meet', 'teams', 'none'] as const;
export type VideoProviderName = (typeof VIDEO_PROVIDERS)[number];

const ZOOM_VARIABLES = ['ZOOM_ACCOUNT_ID', 'ZOOM_CLIENT_ID', 'ZOOM_CLIENT_SECRET'] as const;

/** A Zoom Server-to-Server OAuth app (ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET). */
export interface ZoomCredentials {
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** ZOOM_OAUTH_URL (default https://zoom.us/oauth/token). */
  oauthUrl: string;
}

export interface ZoomSettings extends ZoomCredentials {
  /** ZOOM_API_URL (default https://api.zoom.us/v2), without a trailing slash. */
  apiUrl: string;
}

/** Where each interview's video meeting comes from. */
export type VideoSettings =
  | { provider: 'none' }
  /** A room under VIDEO_BASE_URL, as before meetings were made by a provider. */
  | { provider: 'url'; baseUrl: string }
  /** Meetings hosted by the first interviewer, else by `defaultHost` (ZOOM_DEFAULT_HOST, `me`: the app's owner). */
  | { provider: 'zoom'; zoom: ZoomSettings; defaultHost: string }
  /** A Meet on the first interviewer's Google Calendar event, through the Google calendar provider's grant. */
  | { provider: 'google-meet'; google: GoogleCalendarSettings }
  /** A Teams meeting on the first interviewer's Outlook event, through the Microsoft calendar provider's grant. */
  | { provider: 'teams'; microsoft: MicrosoftCalendarSettings };

const GOOGLE_VARIABLES = ['GOOGLE_SERVICE_ACCOUNT_KEY'] as const;
const MICROSOFT_VARIABLES = ['MICROSOFT_TENANT_ID', 'MICROSOFT_CLIENT_ID', 'MICROSOFT_CLIENT_SECRET'] as const;

const videoSchema = z.object({
  VIDEO_PROVIDER: optionalText.pipe(z.enum(VIDEO_PROVIDERS).optional()),
  VIDEO_BASE_URL: optionalText.refine(
    (value) => value === undefined || (URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol)),
    {
      message: 'must be an http:// or https:// URL, e.g. https://meet.acme.com/',
    },
  ),
  ZOOM_ACCOUNT_ID: optionalText,
  ZOOM_CLIENT_ID: optionalText,
  ZOOM_CLIENT_SECRET: optionalText,
  ZOOM_OAUTH_URL: baseUrl('https://zoom.us/oauth/token'),
  ZOOM_API_URL: baseUrl('https://api.zoom.us/v2'),
  ZOOM_DEFAULT_HOST: optionalText.refine((value) => value === undefined || /^[^\s/?#]+$/.test(value), {
    message: 'must be `me` (the app’s owner), a Zoom user’s email address or user id',
  }),
});

/**
 * Reads VIDEO_PROVIDER and its settings (PRODUCT.md, Round 3). VIDEO_PROVIDER defaults to `url`
 * when VIDEO_BASE_URL is set and `none` otherwise. `zoom` needs its three credentials (each missing
 * one named); `google-meet` and `teams` need the matching calendar provider (`calendarProvider`,
 * from parseCalendarSettings), each of its variables that is missing named; Zoom credentials set for another provider are refused as a likely
 * mistake. The client secret never appears in a problem.
 */
export function parseVideoSettings(
  env: Readonly<Record<string, string | undefined>>,
  calendarProvider: CalendarProviderSettings,
): SettingsResult<VideoSettings> {
  const parsed = videoSchema.safeParse(env);
  if (!parsed.success) return { problems: problemsOf(parsed.error) };
  const values = parsed.data;
  const provider: VideoProviderName = values.VIDEO_PROVIDER ?? (values.VIDEO_BASE_URL ? 'url' : 'none');
  const zoomSet = ZOOM_VARIABLES.filter((name) => values[name] !== undefined);
  if (provider !== 'zoom' && zoomSet.length > 0) {
    return {
      problems: zoomSet.map(
        (name) =>
          `${name} is set but VIDEO_PROVIDER is ${provider}: set VIDEO_PROVIDER=zoom to make Zoom meetings, or unset ${ZOOM_VARIABLES.join(', ')}`,
      ),
    };
  }
  switch (provider) {
    case 'none':
      return { settings: { provider: 'none' } };
    case 'url':
      if (!values.VIDEO_BASE_URL) {
        return {
          problems: [
            'VIDEO_BASE_URL is required when VIDEO_PROVIDER is url: each interview gets a room under it, e.g. https://meet.acme.com/',
          ],
        };
      }
      return { settings: { provider: 'url', baseUrl: values.VIDEO_BASE_URL.replace(/\/+$/, '') } };
    case 'zoom': {
      const missing = ZOOM_VARIABLES.filter((name) => values[name] === undefined);
      if (missing.length > 0) {
        return {
          problems: missing.map(
            (name) =>
              `${name} is required when VIDEO_PROVIDER is zoom: Zoom App Marketplace → your Server-to-Server OAuth app → App Credentials`,
          ),
        };
      }
      return {
        settings: {
          provider: 'zoom',
          zoom: {
            accountId: values.ZOOM_ACCOUNT_ID!,
            clientId: values.ZOOM_CLIENT_ID!,
            clientSecret: values.ZOOM_CLIENT_SECRET!,
            oauthUrl: values.ZOOM_OAUTH_URL,
            apiUrl: values.ZOOM_API_URL,
          },
          defaultHost: values.ZOOM_DEFAULT_HOST ?? 'me',
        },
      };
    }
    case 'google-meet':
      if (calendarProvider.kind !== 'google') {
        return {
          problems: missingVariables(env, GOOGLE_VARIABLES).map(
            (name) =>
              `${name} is required when VIDEO_PROVIDER is google-meet: each Meet is made on the first interviewer’s Google Calendar event, through the Google Workspace calendar grant (a service account's JSON key with domain-wide delegation)`,
          ),
        };
      }
      return { settings: { provider: 'google-meet', google: calendarProvider } };
    case 'teams':
      if (calendarProvider.kind !== 'microsoft') {
        return {
          problems: missingVariables(env, MICROSOFT_VARIABLES).map(
            (name) =>
              `${name} is required when VIDEO_PROVIDER is teams: each Teams meeting is made on the first interviewer’s Outlook event, through the Microsoft 365 calendar grant (Entra → App registrations → your app)`,
          ),
        };
      }
      return { settings: { provider: 'teams', microsoft: calendarProvider } };
  }
}

/** The calendar provider's variables a meeting provider needs that are unset (all of them when another provider is chosen instead). */
function missingVariables(env: Readonly<Record<string, string | undefined>>, names: readonly string[]): string[] {
  const missing = names.filter((name) => !env[name]?.trim());
  return missing.length > 0 ? missing : [...names];
}
