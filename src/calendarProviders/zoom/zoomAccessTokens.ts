import { ProviderError } from '../../domain/shared/providerError';
import { AccessTokenCache } from '../http/accessTokenCache';
import { requestAccessToken } from '../http/oauthTokens';
import type { ProviderTransport } from '../http/providerHttp';
import type { ZoomCredentials } from '../../config/videoSettings';

const SERVICE = 'Zoom';

/** The account's token (`account_credentials` grant, Basic auth), cached until shortly before it expires. */
export class ZoomAccessTokens {
  readonly cache: AccessTokenCache;

  constructor(
    private readonly credentials: ZoomCredentials,
    private readonly transport: ProviderTransport,
  ) {
    this.cache = new AccessTokenCache(() => this.issue(), transport.now);
  }

  private issue() {
    const url = new URL(this.credentials.oauthUrl);
    url.searchParams.set('grant_type', 'account_credentials');
    url.searchParams.set('account_id', this.credentials.accountId);
    const basic = Buffer.from(`${this.credentials.clientId}:${this.credentials.clientSecret}`, 'utf8').toString('base64');
    return requestAccessToken(
      'zoom',
      SERVICE,
      this.transport,
      { method: 'POST', url: url.toString(), headers: { authorization: `Basic ${basic}` } },
      (refusal) =>
        new ProviderError(
          'zoom',
          'grant_refused',
          `${SERVICE} refused the app's credentials (${refusal.error ?? refusal.status}): check ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET, and that the Server-to-Server OAuth app is activated`,
        ),
    );
  }
}
