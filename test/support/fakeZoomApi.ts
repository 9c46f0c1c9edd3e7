import { randomBytes, randomInt } from 'node:crypto';
import { bearerToken, FakeProviderServer, type FakeAnswer, type ReceivedRequest } from './fakeProviderServer';

/**
 * A stand-in for Zoom's Server-to-Server OAuth and Meetings API on loopback, built from Zoom's
 * published references (test/fixtures/zoom/README.md):
 *
 * - `POST /oauth/token?grant_type=account_credentials&account_id=…` with Basic client id and
 *   secret: `{access_token, token_type: "bearer", expires_in, scope, api_url}`; refuses with
 *   `invalid_client` for a wrong id or secret.
 * - `/v2` (ZOOM_API_URL): `POST /users/{userId}/meetings` (201 with `join_url` and the host's
 *   `start_url`), `GET /users/{userId}/meetings` (paged with `next_page_token`, agendas cut to 250
 *   characters), `PATCH /meetings/{id}` and `DELETE /meetings/{id}` (204). Unknown users answer
 *   404 code 1001, unknown meetings 404 code 3001. `me` is the account's owner.
 */
export class FakeZoomApi {
  readonly accountId = randomBytes(11).toString('base64url');
  readonly clientId = randomBytes(11).toString('base64url');
  readonly clientSecret = randomBytes(24).toString('base64url');
  /** Seconds each issued token lives (Zoom: 3599). */
  tokenLifetimeSeconds = 3599;
  /** Every access token issued, so tests can check none of them reaches a log line. */
  readonly issuedTokens: string[] = [];
  /** Zoom lists at most 300 meetings a page; tests lower it to see paging. */
  maxPageSize = 300;
  private readonly users = new Map<string, string>();
  private readonly meetings = new Map<number, FakeZoomMeeting>();
  private readonly tokens = new Map<string, number>();
  private ownerEmail = 'owner@acme.test';
  private grantRefused = false;

  private constructor(readonly server: FakeProviderServer) {}

  static async start(): Promise<FakeZoomApi> {
    const server = await FakeProviderServer.start();
    const fake = new FakeZoomApi(server);
    server.handler = (request) => fake.handle(request);
    fake.addUser(fake.ownerEmail);
    return fake;
  }

  /** The adapter's settings, pointed at this fake. */
  settings() {
    return {
      accountId: this.accountId,
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      oauthUrl: `${this.server.url}/oauth/token`,
      apiUrl: `${this.server.url}/v2`,
    };
  }

  /** The token endpoint refuses the app's credentials from now on (the app was deactivated, or its secret regenerated). */
  refuseGrant(): void {
    this.grantRefused = true;
  }

  addUser(email: string): void {
    this.users.set(email.toLowerCase(), `u_${randomBytes(8).toString('hex')}`);
  }

  /** Every meeting ever created, deleted ones included. */
  allMeetings(): FakeZoomMeeting[] {
    return [...this.meetings.values()];
  }

  liveMeetings(): FakeZoomMeeting[] {
    return this.allMeetings().filter((meeting) => !meeting.deleted);
  }

  tokenRequests() {
    return this.server.requestsMatching((request) => request.path === '/oauth/token');
  }

  apiRequests() {
    return this.server.requestsMatching((request) => request.path.startsWith('/v2/'));
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private handle(request: ReceivedRequest): FakeAnswer {
    if (request.method === 'POST' && request.path === '/oauth/token') return this.issueToken(request);
    if (!request.path.startsWith('/v2/')) return zoomError(404, 404, 'Not found');
    const expiresAt = this.tokens.get(bearerToken(request) ?? '');
    if (expiresAt === undefined || expiresAt <= Date.now()) return zoomError(401, 124, 'Invalid access token.');
    const userMeetings = /^\/v2\/users\/([^/]+)\/meetings$/.exec(request.path);
    if (userMeetings) {
      const userId = decodeURIComponent(userMeetings[1]);
      const email = userId === 'me' ? this.ownerEmail : userId.toLowerCase();
      if (!this.users.has(email)) return zoomError(404, 1001, `User does not exist: ${userId}.`);
      if (request.method === 'POST') return this.createMeeting(email, request);
      if (request.method === 'GET') return this.listMeetings(email, request.query);
    }
    const meetingPath = /^\/v2\/meetings\/(\d+)$/.exec(request.path);
    if (meetingPath) {
      const meeting = this.meetings.get(Number(meetingPath[1]));
      if (!meeting || meeting.deleted) return zoomError(404, 3001, `Meeting does not exist: ${meetingPath[1]}.`);
      if (request.method === 'PATCH') {
        const changes = JSON.parse(request.text || '{}') as Partial<FakeZoomMeeting>;
        for (const field of ['topic', 'start_time', 'duration', 'timezone', 'agenda'] as const) {
          if (changes[field] !== undefined) Object.assign(meeting, { [field]: changes[field] });
        }
        return { status: 204 };
      }
      if (request.method === 'DELETE') {
        meeting.deleted = true;
        return { status: 204 };
      }
    }
    return zoomError(404, 404, 'Not found');
  }

  private issueToken(request: ReceivedRequest): FakeAnswer {
    const expected = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
    if (request.query.get('grant_type') !== 'account_credentials') {
      return { status: 400, body: { reason: 'unsupported grant type', error: 'unsupported_grant_type' } };
    }
    if (request.headers.authorization !== expected || this.grantRefused)
      return { status: 400, body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' } };
    if (request.query.get('account_id') !== this.accountId)
      return { status: 400, body: { reason: 'Invalid request : Bad Request', error: 'invalid_request' } };
    const accessToken = `eyJzdiI6IjAwMDAwMSIsImFsZyI6IkhTNTEyIn0.${randomBytes(32).toString('base64url')}`;
    this.issuedTokens.push(accessToken);
    this.tokens.set(accessToken, Date.now() + this.tokenLifetimeSeconds * 1000);
    return {
      status: 200,
      body: {
        access_token: accessToken,
        token_type: 'bearer',
        expires_in: this.tokenLifetimeSeconds,
        scope: 'meeting:write:meeting:admin meeting:read:list_meetings:admin',
        api_url: 'https://api.zoom.us',
      },
    };
  }

  private createMeeting(hostEmail: string, request: ReceivedRequest): FakeAnswer {
    const body = JSON.parse(request.text || '{}') as Partial<FakeZoomMeeting>;
    if (body.type !== 2 || typeof body.start_time !== 'string' || Number.isNaN(Date.parse(body.start_time))) {
      return zoomError(400, 300, 'A scheduled meeting (type 2) needs a start_time.');
    }
    if (!Number.isInteger(body.duration) || (body.duration ?? 0) <= 0) return zoomError(400, 300, 'Invalid field: duration.');
    if ((body.topic ?? '').length > 200) return zoomError(400, 300, 'Invalid field: topic.');
    if ((body.agenda ?? '').length > 2000) return zoomError(400, 300, 'Invalid field: agenda.');
    const id = randomInt(10_000_000_000, 99_999_999_999);
    const password = randomBytes(4).toString('hex');
    const meeting: FakeZoomMeeting = {
      uuid: `${randomBytes(16).toString('base64')}`,
      id,
      host_id: this.users.get(hostEmail)!,
      host_email: hostEmail,
      topic: body.topic ?? 'Zoom meeting',
      type: 2,
      status: 'waiting',
      start_time: new Date(Date.parse(body.start_time)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      duration: body.duration!,
      timezone: body.timezone ?? 'UTC',
      agenda: body.agenda ?? '',
      created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      start_url: `https://zoom.us/s/${id}?zak=${randomBytes(24).toString('base64url')}`,
      join_url: `https://zoom.us/j/${id}?pwd=${randomBytes(16).toString('base64url')}`,
      password,
      h323_password: password,
      pre_schedule: false,
      settings: { host_video: false, participant_video: false, join_before_host: false, waiting_room: true, approval_type: 2 },
      deleted: false,
    };
    this.meetings.set(id, meeting);
    const { deleted: _deleted, ...answer } = meeting;
    return { status: 201, body: answer };
  }

  private listMeetings(hostEmail: string, query: URLSearchParams): FakeAnswer {
    const pageSize = Math.min(Number(query.get('page_size') ?? 30), this.maxPageSize);
    const all = this.liveMeetings().filter((meeting) => meeting.host_email === hostEmail);
    const start = Number(query.get('next_page_token') || 0);
    const page = all.slice(start, start + pageSize);
    const next = start + pageSize < all.length ? String(start + pageSize) : '';
    return {
      status: 200,
      body: {
        page_size: pageSize,
        total_records: all.length,
        next_page_token: next,
        meetings: page.map((meeting) => ({
          uuid: meeting.uuid,
          id: meeting.id,
          host_id: meeting.host_id,
          topic: meeting.topic,
          type: meeting.type,
          start_time: meeting.start_time,
          duration: meeting.duration,
          timezone: meeting.timezone,
          agenda: meeting.agenda.slice(0, 250),
          created_at: meeting.created_at,
          join_url: meeting.join_url,
        })),
      },
    };
  }
}

/** A meeting as the fake stores it (Zoom's meeting object). */
export interface FakeZoomMeeting {
  uuid: string;
  id: number;
  host_id: string;
  host_email: string;
  topic: string;
  type: number;
  status: string;
  start_time: string;
  duration: number;
  timezone: string;
  agenda: string;
  created_at: string;
  start_url: string;
  join_url: string;
  password: string;
  h323_password: string;
  pre_schedule: boolean;
  settings: Record<string, unknown>;
  deleted: boolean;
}

function zoomError(status: number, code: number, message: string): FakeAnswer {
  return { status, body: { code, message } };
}
