import { ProviderError } from '../../domain/shared/providerError';
import { AccessTokenCache } from '../http/accessTokenCache';
import { requestAccessToken, type TokenRefusal } from '../http/oauthTokens';
import type { MicrosoftCredentials } from '../../config/calendarSettings';
import type { ProviderTransport } from '../http/providerHttp';

/** The Entra app's credentials (MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID, MICROSOFT_CLIENT_SECRET). */
/** Client credentials get the application permissions an admin consented to (Calendars.ReadWrite). */
export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

const SERVICE = 'Microsoft Entra';

/** The app's one Graph token (client credentials at `{loginUrl}/{tenant}/oauth2/v2.0/token`), cached until shortly before it expires. */
export class MicrosoftAccessTokens {
  readonly cache: AccessTokenCache;

  constructor(
    private readonly credentials: MicrosoftCredentials,
    private readonly transport: ProviderTransport,
  ) {
    this.cache = new AccessTokenCache(() => this.issue(), transport.now);
  }

  private issue() {
    return requestAccessToken(
      'microsoft',
      SERVICE,
      this.transport,
      {
        method: 'POST',
        url: `${this.credentials.loginUrl}/${encodeURIComponent(this.credentials.tenantId)}/oauth2/v2.0/token`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: this.credentials.clientId,
          client_secret: this.credentials.clientSecret,
          scope: GRAPH_DEFAULT_SCOPE,
          grant_type: 'client_credentials',
        }).toString(),
      },
      refusalError,
    );
  }
}

/** Entra puts its AADSTS code at the start of the description: it says which of the settings is wrong. */
function refusalError(refusal: TokenRefusal): ProviderError {
  const aadsts = /AADSTS\d+/.exec(refusal.description ?? '')?.[0];
  const code = [refusal.error ?? String(refusal.status), aadsts].filter(Boolean).join(', ');
  return new ProviderError(
    'microsoft',
    'grant_refused',
    `${SERVICE} refused the app's credentials (${code}): check MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET, and that the secret has not expired`,
  );
}
