import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { ProviderError } from '../../domain/shared/providerError';
import { AccessTokenCache } from '../http/accessTokenCache';
import { requestAccessToken, type TokenRefusal } from '../http/oauthTokens';
import type { ProviderTransport } from '../http/providerHttp';
import type { GoogleServiceAccount } from '../../config/calendarSettings';

/** Read free/busy and write the interviewer's own events: the two scopes an admin delegates. */
export const GOOGLE_CALENDAR_SCOPES = [
  'https://www.googleapis.com/auth/calendar.freebusy',
  'https://www.googleapis.com/auth/calendar.events',
];

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google accepts assertions valid for at most an hour. */
const ASSERTION_LIFETIME_SECONDS = 3600;
const SERVICE = 'Google Workspace';

/**
 * Access tokens for acting as each interviewer (domain-wide delegation): an RS256 JWT signed with
 * the service account's key, `sub` the interviewer, exchanged at the key's `token_uri` with the
 * JWT bearer grant, and cached per interviewer until shortly before it expires.
 */
export class GoogleAccessTokens {
  private readonly cache: AccessTokenCache;
  private readonly privateKey: KeyObject;

  constructor(
    private readonly account: GoogleServiceAccount,
    private readonly transport: ProviderTransport,
  ) {
    this.privateKey = createPrivateKey(account.privateKey);
    this.cache = new AccessTokenCache((subject) => this.issue(subject), transport.now);
  }

  /** A token acting as `subject` (an interviewer's address). */
  tokenFor(subject: string): Promise<string> {
    return this.cache.tokenFor(subject);
  }

  get tokens(): AccessTokenCache {
    return this.cache;
  }

  private issue(subject: string) {
    const assertion = this.signedAssertion(subject, Math.floor(this.transport.now() / 1000));
    return requestAccessToken(
      'google',
      SERVICE,
      this.transport,
      {
        method: 'POST',
        url: this.account.tokenUri,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
      },
      (refusal) => refusalError(refusal, subject),
    );
  }

  private signedAssertion(subject: string, issuedAt: number): string {
    const header = { alg: 'RS256', typ: 'JWT', ...(this.account.privateKeyId ? { kid: this.account.privateKeyId } : {}) };
    const claims = {
      iss: this.account.clientEmail,
      sub: subject,
      scope: GOOGLE_CALENDAR_SCOPES.join(' '),
      aud: this.account.tokenUri,
      iat: issuedAt,
      exp: issuedAt + ASSERTION_LIFETIME_SECONDS,
    };
    const unsigned = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(claims))}`;
    return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), this.privateKey).toString('base64url')}`;
  }
}

function base64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/**
 * Google's token endpoint answers `invalid_grant` both for a person it does not know ("Invalid
 * email or User ID") and for a key it no longer accepts; `unauthorized_client` when the admin has
 * not delegated the scopes (or took them back).
 */
function refusalError(refusal: TokenRefusal, subject: string): ProviderError {
  const code = refusal.error ?? String(refusal.status);
  if (refusal.error === 'invalid_grant' && /user|email/i.test(refusal.description ?? '')) {
    return new ProviderError('google', 'not_found', `${SERVICE} has no user ${subject}, or will not let the app act for them (${code})`);
  }
  if (refusal.error === 'unauthorized_client') {
    return new ProviderError(
      'google',
      'grant_refused',
      `${SERVICE} refused the app's access (${code}): an admin must grant the service account domain-wide delegation for the calendar scopes`,
    );
  }
  return new ProviderError('google', 'grant_refused', `${SERVICE} refused the service account's key (${code})`);
}
