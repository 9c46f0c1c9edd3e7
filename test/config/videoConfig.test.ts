import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, KNOWN_ENVIRONMENT_VARIABLES, loadConfig } from '../../src/config/appConfig';

function startUpProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected start-up to be refused');
}

function serviceAccountKey(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return JSON.stringify({
    type: 'service_account',
    client_email: 'scheduler@acme.iam.gserviceaccount.com',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  });
}

describe('VIDEO_PROVIDER at start-up', () => {
  it('knows every video variable, so deployment manifests may set them', () => {
    for (const name of [
      'VIDEO_PROVIDER',
      'VIDEO_BASE_URL',
      'ZOOM_ACCOUNT_ID',
      'ZOOM_CLIENT_ID',
      'ZOOM_CLIENT_SECRET',
      'ZOOM_OAUTH_URL',
      'ZOOM_API_URL',
      'ZOOM_DEFAULT_HOST',
    ]) {
      expect(KNOWN_ENVIRONMENT_VARIABLES).toContain(name);
    }
  });

  it('makes no meetings by default, and rooms under VIDEO_BASE_URL when it is set', () => {
    expect(loadConfig({}).video).toEqual({ provider: 'none' });
    const withRooms = loadConfig({ VIDEO_BASE_URL: 'https://meet.acme.com/' });
    expect(withRooms.video).toEqual({ provider: 'url', baseUrl: 'https://meet.acme.com' });
    expect(withRooms.scheduling.videoBaseUrl).toBe('https://meet.acme.com');
  });

  it('makes no rooms under VIDEO_BASE_URL once another provider is chosen', () => {
    const config = loadConfig({
      VIDEO_BASE_URL: 'https://meet.acme.com/',
      VIDEO_PROVIDER: 'zoom',
      ZOOM_ACCOUNT_ID: 'acct',
      ZOOM_CLIENT_ID: 'client',
      ZOOM_CLIENT_SECRET: 'zoom-secret-value',
    });
    expect(config.video.provider).toBe('zoom');
    expect(config.scheduling.videoBaseUrl).toBeUndefined();
  });

  it('refuses Zoom without its credentials, naming each missing one and never the secret', () => {
    const problems = startUpProblems({ VIDEO_PROVIDER: 'zoom', ZOOM_CLIENT_SECRET: 'zoom-secret-value' });
    expect(problems).toEqual([
      expect.stringMatching(/^ZOOM_ACCOUNT_ID is required when VIDEO_PROVIDER is zoom/),
      expect.stringMatching(/^ZOOM_CLIENT_ID is required when VIDEO_PROVIDER is zoom/),
    ]);
    expect(problems.join('\n')).not.toContain('zoom-secret-value');
  });

  it('refuses Google Meet without the Google Workspace grant, and Teams without each Microsoft 365 variable', () => {
    expect(startUpProblems({ VIDEO_PROVIDER: 'google-meet' })).toEqual([
      expect.stringMatching(/^GOOGLE_SERVICE_ACCOUNT_KEY is required when VIDEO_PROVIDER is google-meet/),
    ]);
    expect(startUpProblems({ VIDEO_PROVIDER: 'teams' })).toEqual([
      expect.stringMatching(/^MICROSOFT_TENANT_ID is required when VIDEO_PROVIDER is teams/),
      expect.stringMatching(/^MICROSOFT_CLIENT_ID is required when VIDEO_PROVIDER is teams/),
      expect.stringMatching(/^MICROSOFT_CLIENT_SECRET is required when VIDEO_PROVIDER is teams/),
    ]);
    const halfMicrosoft = startUpProblems({ VIDEO_PROVIDER: 'teams', MICROSOFT_TENANT_ID: 'acme.onmicrosoft.com' });
    expect(halfMicrosoft.join('\n')).toMatch(/MICROSOFT_CLIENT_ID is required/);
    expect(halfMicrosoft.join('\n')).toMatch(/MICROSOFT_CLIENT_SECRET is required/);
    expect(halfMicrosoft.join('\n')).not.toMatch(/MICROSOFT_TENANT_ID is required/);
  });

  it('refuses Teams on a Google deployment and Meet on a Microsoft one', () => {
    expect(startUpProblems({ VIDEO_PROVIDER: 'teams', GOOGLE_SERVICE_ACCOUNT_KEY: serviceAccountKey() })).toHaveLength(3);
    expect(
      startUpProblems({
        VIDEO_PROVIDER: 'google-meet',
        MICROSOFT_TENANT_ID: 'acme.onmicrosoft.com',
        MICROSOFT_CLIENT_ID: 'client',
        MICROSOFT_CLIENT_SECRET: 'graph-secret-value',
      }),
    ).toEqual([expect.stringMatching(/^GOOGLE_SERVICE_ACCOUNT_KEY is required when VIDEO_PROVIDER is google-meet/)]);
  });

  it('makes Meet with the Google grant and Teams with the Microsoft one', () => {
    expect(loadConfig({ VIDEO_PROVIDER: 'google-meet', GOOGLE_SERVICE_ACCOUNT_KEY: serviceAccountKey() }).video).toMatchObject({
      provider: 'google-meet',
      google: { serviceAccount: { clientEmail: 'scheduler@acme.iam.gserviceaccount.com' }, apiUrl: 'https://www.googleapis.com' },
    });
    expect(
      loadConfig({
        VIDEO_PROVIDER: 'teams',
        MICROSOFT_TENANT_ID: 'acme.onmicrosoft.com',
        MICROSOFT_CLIENT_ID: 'client',
        MICROSOFT_CLIENT_SECRET: 'graph-secret-value',
      }).video,
    ).toMatchObject({ provider: 'teams', microsoft: { tenantId: 'acme.onmicrosoft.com', graphUrl: 'https://graph.microsoft.com' } });
  });
});
