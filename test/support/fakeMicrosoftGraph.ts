import { randomBytes, randomUUID } from 'node:crypto';
import { bearerToken, clipped, FakeProviderServer, type FakeAnswer, type ReceivedRequest } from './fakeProviderServer';

/** A free/busy item in a fake mailbox (Graph's scheduleItem statuses). */
export interface FakeScheduleItem {
  status: 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere';
  start: string;
  end: string;
  subject?: string;
}

/**
 * A stand-in for the Microsoft identity platform's token endpoint and Microsoft Graph v1.0 on
 * loopback, built from Microsoft's published references (test/fixtures/microsoft-graph/README.md):
 *
 * - `POST /{tenant}/oauth2/v2.0/token`: client credentials, scope
 *   `https://graph.microsoft.com/.default`; refuses with Entra's errors (AADSTS90002 unknown
 *   tenant, AADSTS700016 unknown app, AADSTS7000215 wrong secret).
 * - `POST /v1.0/users/{address}/calendar/getSchedule`: at most 20 schedules and less than 62
 *   days ("Limits and error conditions"); each scheduleInformation with `scheduleItems`,
 *   `availabilityView` (0 free, 1 tentative, 2 busy, 3 out of office, 4 working elsewhere) and
 *   `workingHours`, or an `error` (freeBusyError: message, responseCode). Times in UTC, as without
 *   a Prefer header or with `Prefer: outlook.timezone="UTC"`.
 * - `POST|PATCH|DELETE /v1.0/users/{address}/events[/{id}]` and `GET` with a
 *   singleValueExtendedProperties `$filter`: a repeated `transactionId` gets the first event back;
 *   `isOnlineMeeting` with `teamsForBusiness` gives the event `onlineMeeting.joinUrl`.
 */
export class FakeMicrosoftGraph {
  readonly tenantId = randomUUID();
  readonly clientId = randomUUID();
  readonly clientSecret = `fake~${randomBytes(24).toString('base64url')}`;
  /** Seconds each issued token lives (Entra: 3599). */
  tokenLifetimeSeconds = 3599;
  /** Every access token issued, so tests can check none of them reaches a log line. */
  readonly issuedTokens: string[] = [];
  private readonly mailboxes = new Map<string, FakeMailbox>();
  private readonly tokens = new Map<string, number>();
  private secretRevoked = false;

  private constructor(readonly server: FakeProviderServer) {}

  static async start(): Promise<FakeMicrosoftGraph> {
    const server = await FakeProviderServer.start();
    const fake = new FakeMicrosoftGraph(server);
    server.handler = (request) => fake.handle(request);
    return fake;
  }

  get url(): string {
    return this.server.url;
  }

  /** The settings the adapter needs, pointed at this fake for both the login and Graph URLs. */
  settings() {
    return {
      tenantId: this.tenantId,
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      loginUrl: this.url,
      graphUrl: this.url,
    };
  }

  addMailbox(address: string, items: FakeScheduleItem[] = []): void {
    this.mailboxes.set(address.toLowerCase(), { address, items, events: new Map(), scheduleError: null, accessDenied: false });
  }

  /** getSchedule answers this error for the mailbox. */
  failSchedule(address: string, responseCode: string, message: string): void {
    this.mailbox(address)!.scheduleError = { responseCode, message };
  }

  /** An application access policy leaves this mailbox out: Graph answers 403 ErrorAccessDenied. */
  denyAccessTo(address: string): void {
    this.mailbox(address)!.accessDenied = true;
  }

  /** The client secret stops working (expired or deleted in Entra). */
  revokeSecret(): void {
    this.secretRevoked = true;
  }

  eventsOf(address: string): GraphFakeEvent[] {
    return [...this.mailbox(address)!.events.values()];
  }

  tokenRequests() {
    return this.server.requestsMatching((request) => request.path.endsWith('/oauth2/v2.0/token'));
  }

  apiRequests() {
    return this.server.requestsMatching((request) => request.path.startsWith('/v1.0/'));
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private mailbox(address: string): FakeMailbox | undefined {
    return this.mailboxes.get(address.toLowerCase());
  }

  private handle(request: ReceivedRequest): FakeAnswer {
    const tokenPath = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(request.path);
    if (tokenPath && request.method === 'POST') return this.issueToken(decodeURIComponent(tokenPath[1]), new URLSearchParams(request.text));
    const userPath = /^\/v1\.0\/users\/([^/]+)\/(calendar\/getSchedule|events)(?:\/([^/]+))?$/.exec(request.path);
    if (!userPath) return graphError(400, 'BadRequest', 'Resource not found for the segment.');
    const expiresAt = this.tokens.get(bearerToken(request) ?? '');
    if (expiresAt === undefined || expiresAt <= Date.now()) {
      return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
    }
    const address = decodeURIComponent(userPath[1]);
    const mailbox = this.mailbox(address);
    if (!mailbox) return graphError(404, 'ErrorInvalidUser', `The requested user '${address}' is invalid.`);
    if (mailbox.accessDenied)
      return graphError(
        403,
        'ErrorAccessDenied',
        'Access to OData is disabled: Blocked by tenant configured AppOnly AccessPolicy settings.',
      );
    if (userPath[2] === 'calendar/getSchedule' && request.method === 'POST') return this.getSchedule(request);
    return this.events(request, mailbox, userPath[3] === undefined ? undefined : decodeURIComponent(userPath[3]));
  }

  private issueToken(tenant: string, form: URLSearchParams): FakeAnswer {
    const refuse = (status: number, error: string, code: number, text: string) => ({
      status,
      body: { error, error_description: `AADSTS${code}: ${text} Trace ID: ${randomUUID()}`, error_codes: [code], trace_id: randomUUID() },
    });
    if (tenant !== this.tenantId) return refuse(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
    if (form.get('grant_type') !== 'client_credentials')
      return refuse(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    if (form.get('client_id') !== this.clientId)
      return refuse(400, 'unauthorized_client', 700016, 'Application was not found in the directory.');
    if (form.get('client_secret') !== this.clientSecret || this.secretRevoked) {
      return refuse(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    }
    if (form.get('scope') !== 'https://graph.microsoft.com/.default')
      return refuse(400, 'invalid_scope', 1002012, 'The provided value for scope is not valid.');
    const accessToken = `eyJ0eXAiOiJKV1QiLCJub25jZSI6ImZha2UifQ.${randomBytes(32).toString('base64url')}`;
    this.issuedTokens.push(accessToken);
    this.tokens.set(accessToken, Date.now() + this.tokenLifetimeSeconds * 1000);
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: this.tokenLifetimeSeconds,
        ext_expires_in: this.tokenLifetimeSeconds,
        access_token: accessToken,
      },
    };
  }

  private getSchedule(request: ReceivedRequest): FakeAnswer {
    const body = JSON.parse(request.text || '{}') as {
      schedules?: string[];
      startTime?: { dateTime: string; timeZone: string };
      endTime?: { dateTime: string; timeZone: string };
      availabilityViewInterval?: number;
    };
    const schedules = body.schedules ?? [];
    if (schedules.length === 0) return graphError(400, 'ErrorInvalidParameter', 'schedules is required.');
    if (schedules.length > 20) return graphError(400, 'ErrorInvalidParameter', 'getSchedule supports at most 20 schedules per request.');
    if (body.startTime?.timeZone !== 'UTC' || body.endTime?.timeZone !== 'UTC') {
      return graphError(400, 'ErrorInvalidTimeZone', 'This fake reads startTime and endTime in UTC only.');
    }
    const from = Date.parse(`${body.startTime.dateTime}Z`);
    const to = Date.parse(`${body.endTime.dateTime}Z`);
    if (Number.isNaN(from) || Number.isNaN(to) || to <= from)
      return graphError(400, 'ErrorInvalidParameter', 'The time range is not valid.');
    if (to - from >= 62 * 24 * 3_600_000)
      return graphError(400, 'ErrorInvalidParameter', 'The time period to look up must be less than 62 days.');
    const interval = body.availabilityViewInterval ?? 30;
    if (interval < 5 || interval > 1440)
      return graphError(400, 'ErrorInvalidParameter', 'availabilityViewInterval must be between 5 and 1440.');
    const value = schedules.map((scheduleId) => {
      const mailbox = this.mailbox(scheduleId);
      if (!mailbox) {
        return {
          scheduleId,
          availabilityView: '',
          scheduleItems: [],
          error: { message: `The user '${scheduleId}' wasn't found.`, responseCode: 'ErrorMailRecipientNotFound' },
        };
      }
      if (mailbox.scheduleError) return { scheduleId, availabilityView: '', scheduleItems: [], error: mailbox.scheduleError };
      const items = itemsOf(mailbox)
        .map((item) => ({ item, span: clipped(Date.parse(item.start), Date.parse(item.end), from, to) }))
        .filter((each) => each.span !== undefined);
      return {
        scheduleId,
        availabilityView: availabilityView(
          items.map((each) => ({ status: each.item.status, ...each.span! })),
          from,
          to,
          interval,
        ),
        scheduleItems: items.map(({ item }) => ({
          isPrivate: false,
          status: item.status,
          subject: item.subject ?? '',
          location: '',
          start: { dateTime: graphDateTime(Date.parse(item.start)), timeZone: 'UTC' },
          end: { dateTime: graphDateTime(Date.parse(item.end)), timeZone: 'UTC' },
        })),
        workingHours: {
          daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
          startTime: '08:00:00.0000000',
          endTime: '17:00:00.0000000',
          timeZone: { name: 'UTC' },
        },
      };
    });
    return {
      status: 200,
      body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)', value },
    };
  }

  private events(request: ReceivedRequest, mailbox: FakeMailbox, eventId: string | undefined): FakeAnswer {
    if (request.method === 'POST' && eventId === undefined) {
      const event = JSON.parse(request.text || '{}') as GraphFakeEvent;
      const repeated = event.transactionId
        ? [...mailbox.events.values()].find((each) => each.transactionId === event.transactionId)
        : undefined;
      if (repeated) return { status: 201, body: withoutProperties(repeated) };
      const stored: GraphFakeEvent = {
        ...event,
        id: `AAMkAD${randomBytes(24).toString('base64url')}=`,
        isCancelled: false,
        organizer: { emailAddress: { name: mailbox.address, address: mailbox.address } },
      };
      setOnlineMeeting(stored);
      mailbox.events.set(stored.id!, stored);
      return { status: 201, body: withoutProperties(stored) };
    }
    if (request.method === 'GET' && eventId === undefined) {
      const filter = /^singleValueExtendedProperties\/Any\(ep: ep\/id eq '(.+)' and ep\/value eq '(.+)'\)$/.exec(
        request.query.get('$filter') ?? '',
      );
      if (!filter) return graphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');
      const [propertyId, value] = [filter[1], filter[2]].map((text) => text.replace(/''/g, "'"));
      const matching = [...mailbox.events.values()].filter((event) =>
        (event.singleValueExtendedProperties ?? []).some(
          (property) => property.id.toLowerCase() === propertyId.toLowerCase() && property.value === value,
        ),
      );
      return { status: 200, body: { value: matching.map(withoutProperties) } };
    }
    const existing = eventId === undefined ? undefined : mailbox.events.get(eventId);
    if (!existing) return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    if (request.method === 'PATCH') {
      Object.assign(existing, JSON.parse(request.text || '{}') as GraphFakeEvent);
      setOnlineMeeting(existing);
      return { status: 200, body: withoutProperties(existing) };
    }
    if (request.method === 'DELETE') {
      mailbox.events.delete(existing.id!);
      return { status: 204 };
    }
    return graphError(405, 'ErrorInvalidRequest', 'The OData request is not supported.');
  }
}

interface FakeMailbox {
  address: string;
  items: FakeScheduleItem[];
  events: Map<string, GraphFakeEvent>;
  scheduleError: { responseCode: string; message: string } | null;
  accessDenied: boolean;
}

/** An event as the fake stores it: what the client sent, plus what Graph adds. */
export interface GraphFakeEvent {
  id?: string;
  subject?: string;
  body?: { contentType: string; content: string };
  start?: { dateTime: string; timeZone: string };
  end?: { dateTime: string; timeZone: string };
  showAs?: string;
  attendees?: unknown[];
  transactionId?: string;
  isCancelled?: boolean;
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: string;
  onlineMeeting?: { joinUrl: string } | null;
  organizer?: unknown;
  singleValueExtendedProperties?: Array<{ id: string; value: string }>;
}

function setOnlineMeeting(event: GraphFakeEvent): void {
  if (event.isOnlineMeeting && event.onlineMeetingProvider === 'teamsForBusiness' && !event.onlineMeeting) {
    const thread = randomBytes(18).toString('base64url');
    event.onlineMeeting = { joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${thread}%40thread.v2/0?context=%7b%7d` };
  }
}

/** Graph returns extended properties only when asked to `$expand` them. */
function withoutProperties(event: GraphFakeEvent): GraphFakeEvent {
  const { singleValueExtendedProperties: _properties, ...rest } = event;
  return rest;
}

/** The mailbox's items and its events as busy items. */
function itemsOf(mailbox: FakeMailbox): FakeScheduleItem[] {
  const fromEvents = [...mailbox.events.values()]
    .filter((event) => event.start && event.end && !event.isCancelled)
    .map((event) => ({
      status: (event.showAs ?? 'busy') as FakeScheduleItem['status'],
      start: `${event.start!.dateTime}Z`,
      end: `${event.end!.dateTime}Z`,
      subject: event.subject,
    }));
  return [...mailbox.items, ...fromEvents];
}

const VIEW_DIGITS: Record<string, number> = { free: 0, tentative: 1, busy: 2, oof: 3 };

/** One digit per interval: 3 out of office over 2 busy over 1 tentative, then 4 working elsewhere, else 0 free. */
function availabilityView(
  items: Array<{ status: string; start: number; end: number }>,
  from: number,
  to: number,
  intervalMinutes: number,
): string {
  const step = intervalMinutes * 60_000;
  let view = '';
  for (let slot = from; slot < to; slot += step) {
    const statuses = items.filter((item) => item.start < slot + step && item.end > slot).map((item) => item.status);
    const strongest = Math.max(0, ...statuses.map((status) => VIEW_DIGITS[status] ?? 0));
    view += strongest > 0 ? String(strongest) : statuses.includes('workingElsewhere') ? '4' : '0';
  }
  return view;
}

function graphDateTime(instant: number): string {
  return `${new Date(instant).toISOString().slice(0, 19)}.0000000`;
}

function graphError(status: number, code: string, message: string): FakeAnswer {
  return { status, body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } } };
}
