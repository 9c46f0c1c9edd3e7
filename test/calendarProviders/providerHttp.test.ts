import { createServer, type AddressInfo, type Socket } from 'node:net';
import { AccessTokenCache } from '../../src/calendarProviders/http/accessTokenCache';
import { defaultTransport, sendProviderRequest } from '../../src/calendarProviders/http/providerHttp';
import { DEFAULT_RETRY_POLICY, withRetries } from '../../src/calendarProviders/http/providerRetries';
import { parseRetryAfterMs } from '../../src/calendarProviders/http/retryAfter';
import { ProviderError } from '../../src/domain/shared/providerError';

describe('reading Retry-After', () => {
  const now = Date.parse('2025-06-02T10:00:00Z');

  it('reads seconds and HTTP dates, and ignores what is neither', () => {
    expect(parseRetryAfterMs('30', now)).toBe(30_000);
    expect(parseRetryAfterMs('0', now)).toBe(0);
    expect(parseRetryAfterMs('Mon, 02 Jun 2025 10:00:45 GMT', now)).toBe(45_000);
    expect(parseRetryAfterMs('Mon, 02 Jun 2025 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
    expect(parseRetryAfterMs(['7', '9'], now)).toBe(7_000);
  });
});

describe('trying a provider call again', () => {
  const noWait = { policy: DEFAULT_RETRY_POLICY, sleep: () => Promise.resolve() };

  it('stops at the third attempt and says how many it made', async () => {
    let attempts = 0;
    const failing = withRetries('read', noWait, () => {
      attempts += 1;
      return Promise.reject(new ProviderError('google', 'unavailable', 'Google Calendar could not read free/busy times (503)'));
    });
    await expect(failing).rejects.toThrow('Google Calendar could not read free/busy times (503) (after 3 attempts)');
    expect(attempts).toBe(3);
  });

  it('does not try again after a refusal that will not change', async () => {
    let attempts = 0;
    const refused = withRetries('read', noWait, () => {
      attempts += 1;
      return Promise.reject(new ProviderError('microsoft', 'forbidden', 'denied'));
    });
    await expect(refused).rejects.toMatchObject({ kind: 'forbidden', retryable: false });
    expect(attempts).toBe(1);
  });
});

describe('the access token cache', () => {
  it('shares one token request among callers asking at once, and asks again after a failure', async () => {
    let requests = 0;
    let fail = true;
    const cache = new AccessTokenCache(
      async () => {
        requests += 1;
        await Promise.resolve();
        if (fail) throw new ProviderError('zoom', 'unavailable', 'Zoom did not issue a token (503)');
        return { accessToken: `token-${requests}`, expiresInSeconds: 3600 };
      },
      () => 0,
    );

    await expect(Promise.all([cache.tokenFor(), cache.tokenFor(), cache.tokenFor()])).rejects.toThrow('Zoom did not issue a token');
    expect(requests).toBe(1);
    fail = false;
    expect(await Promise.all([cache.tokenFor(), cache.tokenFor()])).toEqual(['token-2', 'token-2']);
    expect(requests).toBe(2);
  });

  it('renews a short-lived token halfway through its life, and a long-lived one a minute before it ends', async () => {
    let now = 0;
    let lifetime = 60;
    let issued = 0;
    const cache = new AccessTokenCache(
      () => Promise.resolve({ accessToken: `token-${(issued += 1)}`, expiresInSeconds: lifetime }),
      () => now,
    );
    expect(await cache.tokenFor('a')).toBe('token-1');
    now = 29_999;
    expect(await cache.tokenFor('a')).toBe('token-1');
    now = 30_000;
    lifetime = 3600;
    expect(await cache.tokenFor('a')).toBe('token-2');
    now = 30_000 + 3_540_000 - 1;
    expect(await cache.tokenFor('a')).toBe('token-2');
    now += 1;
    expect(await cache.tokenFor('a')).toBe('token-3');
    expect(await cache.tokenFor('b')).toBe('token-4');
  });
});

describe('reaching a provider', () => {
  it('counts a provider nobody answers at as unavailable, naming the service and the network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const failure = sendProviderRequest('zoom', 'Zoom', defaultTransport(), {
      method: 'GET',
      url: `http://127.0.0.1:${port}/v2/users/me?secret=1`,
    });

    await expect(failure).rejects.toMatchObject({
      kind: 'unavailable',
      retryable: true,
      message: 'Zoom could not be reached (ECONNREFUSED)',
    });
  });

  it('counts a provider that does not answer in time as unavailable', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const failure = sendProviderRequest('google', 'Google Calendar', defaultTransport({ timeoutMs: 50 }), {
        method: 'GET',
        url: `http://127.0.0.1:${port}/`,
      });
      await expect(failure).rejects.toMatchObject({
        kind: 'unavailable',
        message: 'Google Calendar could not be reached (no answer in 50 ms)',
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
