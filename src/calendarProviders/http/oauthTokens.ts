import { ProviderError, type ProviderName } from '../../domain/shared/providerError';
import type { AccessTokenCache, IssuedToken } from './accessTokenCache';
import {
  failureOf,
  jsonBody,
  sendProviderRequest,
  type ProviderAnswer,
  type ProviderRequest,
  type ProviderTransport,
} from './providerHttp';
import { beforeDeadline, budgetRanOut, type Deadline } from './readBudget';

/** What an OAuth token endpoint said when it refused (RFC 6749 §5.2). */
export interface TokenRefusal {
  /** `invalid_grant`, `unauthorized_client`, `invalid_client`…; undefined when the body had none. */
  error?: string;
  /** The endpoint's explanation; only ever matched against, never repeated whole. */
  description?: string;
  status: number;
}

/**
 * Asks a token endpoint for an access token. 429 and 5xx are retryable failures; any other
 * refusal goes to `refused`, which says what it means for this provider. The request and the
 * answer carry credentials and tokens, and neither is repeated in an error.
 */
export async function requestAccessToken(
  provider: ProviderName,
  service: string,
  transport: ProviderTransport,
  tokenRequest: ProviderRequest,
  refused: (refusal: TokenRefusal) => ProviderError,
): Promise<IssuedToken> {
  const answer = await sendProviderRequest(provider, service, transport, tokenRequest);
  const body = jsonBody(answer) as
    { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } | undefined;
  if (answer.status === 429 || answer.status >= 500) {
    throw failureOf(provider, answer, `${service} did not issue a token (${answer.status})`, transport.now());
  }
  if (answer.status !== 200) {
    throw refused({
      status: answer.status,
      error: typeof body?.error === 'string' ? body.error : undefined,
      description: typeof body?.error_description === 'string' ? body.error_description : undefined,
    });
  }
  const expiresIn = Number(body?.expires_in);
  if (typeof body?.access_token !== 'string' || body.access_token === '' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw new ProviderError(provider, 'unavailable', `${service} answered the token request without a usable token`);
  }
  return { accessToken: body.access_token, expiresInSeconds: expiresIn };
}

/**
 * Sends a request with a bearer token for `subject`. A 401 means the token was revoked or expired
 * early: it is dropped and the request sent once more with a new one. With a `deadline`, neither
 * the token (shared with other callers, so waited for, not aborted) nor the request outlives it.
 */
export async function sendWithToken(
  provider: ProviderName,
  service: string,
  transport: ProviderTransport,
  tokens: AccessTokenCache,
  subject: string,
  build: (authorization: string) => ProviderRequest,
  deadline?: Deadline,
): Promise<ProviderAnswer> {
  const send = async () => {
    const token = await beforeDeadline(tokens.tokenFor(subject), deadline, () => budgetRanOut(provider, service, deadline!));
    return sendProviderRequest(provider, service, transport, build(`Bearer ${token}`), deadline);
  };
  const answer = await send();
  if (answer.status !== 401) return answer;
  tokens.forget(subject);
  return send();
}
