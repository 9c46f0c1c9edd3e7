import { createPublicKey, generateKeyPairSync, randomBytes, verify, type KeyObject } from 'node:crypto';
import { bearerToken, clipped, FakeProviderServer, type FakeAnswer, type ReceivedRequest } from './fakeProviderServer';

let serviceAccountKeyPair: KeyObject | undefined;

/**
 * A stand-in for Google's OAuth 2.0 token endpoint and Calendar API v3 on loopback, built from
 * Google's published references (test/fixtures/google-calendar/README.md):
 *
 * - `POST /token`: the JWT bearer grant of a service account with domain-wide delegation. Checks
 *   the RS256 signature with the key's public key, `iss`, `aud` (the key's token_uri), the two
 *   calendar scopes, `iat`/`exp` (at most an hour, not expired) and that `sub` is a known user.
 *   Refuses as Google does: `unauthorized_client` without delegation, `invalid_grant` ("Invalid
 *   email or User ID") for an unknown user.
 * - `POST /calendar/v3/freeBusy`: up to 50 calendars (`calendarExpansionMax`), each with `busy`
 *   or `errors` (`notFound` for an unknown calendar or one not shared with the acting user).
 * - `POST|GET|PATCH|DELETE /calendar/v3/calendars/primary/events[/{id}]` acting as the token's
 *   user: client-chosen ids (base32hex, 5-1024, 409 `duplicate` when taken), and with
 *   `conferenceDataVersion=1` a `hangoutsMeet` create request gives the event a `hangoutLink`.
 */
export class FakeGoogleApis {
  private readonly users = new Map<string, GoogleUser>();
  private readonly tokens = new Map<string, { subject: string; expiresAt: number }>();
  private readonly publicKey: KeyObject;
  private grantRefusal: string | null = null;
  private meetCreation: 'success' | 'pending' | 'failure' = 'success';
  /** Seconds each issued token lives (Google: 3599). */
  tokenLifetimeSeconds = 3599;
  /** Every access token issued, so tests can check none of them reaches a log line. */
  readonly issuedTokens: string[] = [];
  readonly privateKeyPem: string;
  readonly clientEmail = 'interview-scheduler@acme-hiring.iam.gserviceaccount.com';
  readonly privateKeyId = randomBytes(20).toString('hex');

  private constructor(
    readonly server: FakeProviderServer,
    keys: { privateKeyPem: string; publicKey: KeyObject },
  ) {
    this.privateKeyPem = keys.privateKeyPem;
    this.publicKey = keys.publicKey;
  }

  static async start(): Promise<FakeGoogleApis> {
    // An RSA key takes a moment to make: one per test process is enough.
    serviceAccountKeyPair ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const privateKey = serviceAccountKeyPair;
    const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const server = await FakeProviderServer.start();
    const fake = new FakeGoogleApis(server, { privateKeyPem, publicKey: createPublicKey(privateKey) });
    server.handler = (request) => fake.handle(request);
    return fake;
  }

  get url(): string {
    return this.server.url;
  }

  get tokenUri(): string {
    return `${this.server.url}/token`;
  }

  /** The service account's JSON key, as Google Cloud's console downloads it. */
  serviceAccountKey(): Record<string, string> {
    return {
      type: 'service_account',
      project_id: 'acme-hiring',
      private_key_id: this.privateKeyId,
      private_key: this.privateKeyPem,
      client_email: this.clientEmail,
      client_id: '110000000000000000001',
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: this.tokenUri,
      auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
      client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(this.clientEmail)}`,
    };
  }

  /** A Workspace user with a primary calendar, busy at these times; `sharesFreeBusy` false hides it from other users' freeBusy. */
  addUser(email: string, options: { busy?: Array<{ start: string; end: string }>; sharesFreeBusy?: boolean } = {}): void {
    this.users.set(email.toLowerCase(), {
      email,
      busy: options.busy ?? [],
      sharesFreeBusy: options.sharesFreeBusy ?? true,
      events: new Map(),
      calendarError: null,
    });
  }

  /** freeBusy reports `reason` for this calendar (e.g. `internalError`, `notFound`). */
  failCalendar(email: string, reason: string): void {
    this.user(email).calendarError = reason;
  }

  /** The token endpoint refuses every assertion with this OAuth error (the admin took delegation back). */
  refuseGrant(error = 'unauthorized_client'): void {
    this.grantRefusal = error;
  }

  restoreGrant(): void {
    this.grantRefusal = null;
  }

  /** How the next Meet create requests end (Google sometimes answers `pending` first). */
  setMeetCreation(status: 'success' | 'pending' | 'failure'): void {
    this.meetCreation = status;
  }

  /** The events on a user's primary calendar, deleted ones included (status `cancelled`). */
  eventsOf(email: string): GoogleFakeEvent[] {
    return [...this.user(email).events.values()];
  }

  /** Whose calendar a recorded request acted on: the user its token impersonates (`sub`). */
  actingAs(request: ReceivedRequest): string | undefined {
    return this.tokens.get(bearerToken(request) ?? '')?.subject.toLowerCase();
  }

  tokenRequests() {
    return this.server.requestsMatching((request) => request.path === '/token');
  }

  apiRequests() {
    return this.server.requestsMatching((request) => request.path.startsWith('/calendar/'));
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private user(email: string): GoogleUser {
    const user = this.users.get(email.toLowerCase());
    if (!user) throw new Error(`no fake Google user ${email}`);
    return user;
  }

  private handle(request: ReceivedRequest): FakeAnswer {
    if (request.method === 'POST' && request.path === '/token') return this.issueToken(request);
    if (!request.path.startsWith('/calendar/v3/')) return apiError(404, 'notFound', 'Not Found');
    const token = this.tokens.get(bearerToken(request) ?? '');
    if (!token || token.expiresAt <= Date.now()) {
      return apiError(401, 'authError', 'Request had invalid authentication credentials.');
    }
    const actingAs = this.users.get(token.subject.toLowerCase())!;
    if (request.method === 'POST' && request.path === '/calendar/v3/freeBusy') return this.freeBusy(request, actingAs);
    const eventPath = /^\/calendar\/v3\/calendars\/primary\/events(?:\/([^/]+))?$/.exec(request.path);
    if (!eventPath) return apiError(404, 'notFound', 'Not Found');
    const eventId = eventPath[1] === undefined ? undefined : decodeURIComponent(eventPath[1]);
    return this.events(request, actingAs, eventId);
  }

  private issueToken(request: ReceivedRequest): FakeAnswer {
    const form = new URLSearchParams(request.text);
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type: ' } };
    }
    const claims = this.verifiedClaims(form.get('assertion') ?? '');
    if ('problem' in claims) return { status: 400, body: { error: 'invalid_grant', error_description: claims.problem } };
    if (this.grantRefusal) {
      return {
        status: 401,
        body: {
          error: this.grantRefusal,
          error_description:
            'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
        },
      };
    }
    if (!this.users.has(String(claims.sub).toLowerCase())) {
      return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid email or User ID' } };
    }
    const accessToken = `ya29.fake-${randomBytes(24).toString('base64url')}`;
    this.issuedTokens.push(accessToken);
    this.tokens.set(accessToken, { subject: String(claims.sub), expiresAt: Date.now() + this.tokenLifetimeSeconds * 1000 });
    return { status: 200, body: { access_token: accessToken, expires_in: this.tokenLifetimeSeconds, token_type: 'Bearer' } };
  }

  /** The JWT's claims after every check Google makes, or what is wrong with it. */
  private verifiedClaims(assertion: string): Record<string, unknown> | { problem: string } {
    const [header, payload, signature] = assertion.split('.');
    if (!header || !payload || !signature)
      return { problem: 'Invalid JWT: Token must be a short-lived token and in a reasonable timeframe' };
    const signed = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), this.publicKey, Buffer.from(signature, 'base64url'));
    if (!signed) return { problem: 'Invalid JWT Signature.' };
    const parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
    if (parsedHeader.alg !== 'RS256') return { problem: 'Invalid JWT: unsupported algorithm' };
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    if (claims.iss !== this.clientEmail) return { problem: 'Invalid issuer' };
    if (claims.aud !== this.tokenUri) return { problem: 'Invalid JWT: audience is not the token endpoint' };
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
    for (const required of ['https://www.googleapis.com/auth/calendar.freebusy', 'https://www.googleapis.com/auth/calendar.events']) {
      if (!scopes.includes(required)) return { problem: `Invalid JWT: missing scope ${required}` };
    }
    const issuedAt = Number(claims.iat);
    const expires = Number(claims.exp);
    if (!Number.isInteger(issuedAt) || !Number.isInteger(expires) || expires <= now || expires - issuedAt > 3600 || issuedAt > now + 300) {
      return {
        problem:
          'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
      };
    }
    if (typeof claims.sub !== 'string' || claims.sub === '') return { problem: 'Invalid email or User ID' };
    return claims;
  }

  private freeBusy(request: ReceivedRequest, actingAs: GoogleUser): FakeAnswer {
    const body = JSON.parse(request.text || '{}') as { timeMin?: string; timeMax?: string; items?: Array<{ id: string }> };
    const from = Date.parse(body.timeMin ?? '');
    const to = Date.parse(body.timeMax ?? '');
    if (Number.isNaN(from) || Number.isNaN(to)) return apiError(400, 'badRequest', 'Bad Request');
    if (to <= from) return apiError(400, 'timeRangeEmpty', 'The specified time range is empty.');
    const calendars: Record<string, unknown> = {};
    for (const [index, { id }] of (body.items ?? []).entries()) {
      const user = this.users.get(id.toLowerCase());
      const hidden = user && !user.sharesFreeBusy && user !== actingAs;
      if (index >= 50) calendars[id] = { busy: [], errors: [{ domain: 'usageLimits', reason: 'tooManyCalendarsRequested' }] };
      else if (!user || hidden) calendars[id] = { busy: [], errors: [{ domain: 'global', reason: 'notFound' }] };
      else if (user.calendarError) calendars[id] = { busy: [], errors: [{ domain: 'global', reason: user.calendarError }] };
      else calendars[id] = { busy: busyOf(user, from, to) };
    }
    return { status: 200, body: { kind: 'calendar#freeBusy', timeMin: body.timeMin, timeMax: body.timeMax, calendars } };
  }

  private events(request: ReceivedRequest, owner: GoogleUser, eventId: string | undefined): FakeAnswer {
    const withConference = request.query.get('conferenceDataVersion') === '1';
    if (request.method === 'POST' && eventId === undefined) {
      const event = JSON.parse(request.text || '{}') as GoogleFakeEvent;
      const id = event.id ?? randomBytes(13).toString('hex');
      if (!/^[a-v0-9]{5,1024}$/.test(id)) return apiError(400, 'invalid', 'Invalid resource id value.');
      if (owner.events.has(id)) return apiError(409, 'duplicate', 'The requested identifier already exists.');
      const stored: GoogleFakeEvent = { kind: 'calendar#event', ...event, id, status: 'confirmed', conferenceData: undefined };
      if (withConference && event.conferenceData?.createRequest) this.attachMeet(stored, event.conferenceData.createRequest);
      owner.events.set(id, stored);
      return { status: 200, body: stored };
    }
    const existing = eventId === undefined ? undefined : owner.events.get(eventId);
    if (!existing) return apiError(404, 'notFound', 'Not Found');
    if (request.method === 'GET') return { status: 200, body: existing };
    if (request.method === 'DELETE') {
      if (existing.status === 'cancelled') return apiError(410, 'deleted', 'Resource has been deleted');
      existing.status = 'cancelled';
      return { status: 204 };
    }
    if (request.method === 'PATCH') {
      const changes = JSON.parse(request.text || '{}') as GoogleFakeEvent;
      const { conferenceData, ...rest } = changes;
      Object.assign(existing, rest);
      if (withConference && conferenceData?.createRequest && !existing.hangoutLink) this.attachMeet(existing, conferenceData.createRequest);
      return { status: 200, body: existing };
    }
    return apiError(405, 'methodNotAllowed', 'Method Not Allowed');
  }

  private attachMeet(
    event: GoogleFakeEvent,
    createRequest: NonNullable<NonNullable<GoogleFakeEvent['conferenceData']>['createRequest']>,
  ): void {
    const status = this.meetCreation;
    event.conferenceData = { createRequest: { ...createRequest, status: { statusCode: status } } };
    if (status !== 'success') return;
    const code = `${letters(3)}-${letters(4)}-${letters(3)}`;
    event.hangoutLink = `https://meet.google.com/${code}`;
    event.conferenceData.conferenceId = code;
    event.conferenceData.conferenceSolution = { key: { type: 'hangoutsMeet' }, name: 'Google Meet' };
    event.conferenceData.entryPoints = [{ entryPointType: 'video', uri: event.hangoutLink, label: `meet.google.com/${code}` }];
  }
}

interface GoogleUser {
  email: string;
  busy: Array<{ start: string; end: string }>;
  sharesFreeBusy: boolean;
  events: Map<string, GoogleFakeEvent>;
  calendarError: string | null;
}

/** An event as the fake stores it: what the client sent, plus what Google adds. */
export interface GoogleFakeEvent {
  kind?: string;
  id?: string;
  status?: string;
  summary?: string;
  description?: string;
  start?: { dateTime: string; timeZone?: string };
  end?: { dateTime: string; timeZone?: string };
  transparency?: string;
  attendees?: unknown[];
  extendedProperties?: { private?: Record<string, string> };
  hangoutLink?: string;
  conferenceData?: {
    createRequest?: { requestId: string; conferenceSolutionKey: { type: string }; status?: { statusCode: string } };
    conferenceId?: string;
    conferenceSolution?: { key: { type: string }; name: string };
    entryPoints?: Array<{ entryPointType: string; uri: string; label?: string }>;
  };
}

/** Busy periods of a user between from and to, merged, as Google writes them (UTC, whole seconds). */
function busyOf(user: GoogleUser, from: number, to: number): Array<{ start: string; end: string }> {
  const periods = [
    ...user.busy.map((period) => ({ start: Date.parse(period.start), end: Date.parse(period.end) })),
    ...[...user.events.values()]
      .filter((event) => event.status !== 'cancelled' && event.transparency !== 'transparent' && event.start && event.end)
      .map((event) => ({ start: Date.parse(event.start!.dateTime), end: Date.parse(event.end!.dateTime) })),
  ]
    .map((period) => clipped(period.start, period.end, from, to))
    .filter((period): period is { start: number; end: number } => period !== undefined)
    .sort((first, second) => first.start - second.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const period of periods) {
    const last = merged[merged.length - 1];
    if (last && period.start <= last.end) last.end = Math.max(last.end, period.end);
    else merged.push({ ...period });
  }
  const rfc3339 = (instant: number) => new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return merged.map((period) => ({ start: rfc3339(period.start), end: rfc3339(period.end) }));
}

function apiError(status: number, reason: string, message: string): FakeAnswer {
  return { status, body: { error: { code: status, message, errors: [{ domain: 'global', reason, message }] } } };
}

function letters(count: number): string {
  return Array.from(randomBytes(count), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
}
