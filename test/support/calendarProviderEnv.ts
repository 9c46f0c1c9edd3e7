import type { FakeZoomApi } from './fakeZoomApi';
import type { FakeGoogleApis } from './fakeGoogleApis';
import type { FakeMicrosoftGraph } from './fakeMicrosoftGraph';

/** The variables that point the app's Google Workspace calendars at the fake, exactly as an operator sets them. */
export function googleCalendarEnv(google: FakeGoogleApis): Record<string, string> {
  return { GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify(google.serviceAccountKey()), GOOGLE_API_URL: google.url };
}

/** The variables that point the app's Microsoft 365 calendars at the fake. */
export function microsoftCalendarEnv(graph: FakeMicrosoftGraph): Record<string, string> {
  const settings = graph.settings();
  return {
    MICROSOFT_TENANT_ID: settings.tenantId,
    MICROSOFT_CLIENT_ID: settings.clientId,
    MICROSOFT_CLIENT_SECRET: settings.clientSecret,
    MICROSOFT_LOGIN_URL: settings.loginUrl,
    MICROSOFT_GRAPH_URL: settings.graphUrl,
  };
}

/** The variables that make Zoom the video provider, pointed at the fake. */
export function zoomMeetingEnv(zoom: FakeZoomApi): Record<string, string> {
  const settings = zoom.settings();
  return {
    VIDEO_PROVIDER: 'zoom',
    ZOOM_ACCOUNT_ID: settings.accountId,
    ZOOM_CLIENT_ID: settings.clientId,
    ZOOM_CLIENT_SECRET: settings.clientSecret,
    ZOOM_OAUTH_URL: settings.oauthUrl,
    ZOOM_API_URL: settings.apiUrl,
  };
}
