import { ProviderError } from '../../domain/shared/providerError';
import { sendWithToken } from '../http/oauthTokens';
import type { Deadline } from '../http/readBudget';
import { failureOf, jsonBody, shortened, type ProviderAnswer, type ProviderTransport } from '../http/providerHttp';
import type { MicrosoftAccessTokens } from './microsoftAccessTokens';

const SERVICE = 'Microsoft 365';

/** One schedule of a getSchedule answer (Graph v1.0 scheduleInformation). */
export interface ScheduleInformation {
  scheduleId?: string;
  scheduleItems?: Array<{
    status?: string;
    start?: { dateTime?: string; timeZone?: string };
    end?: { dateTime?: string; timeZone?: string };
  }>;
  error?: { message?: string; responseCode?: string };
}

/** The fields of a Graph v1.0 event the app writes or reads. */
export interface GraphEvent {
  id?: string;
  subject?: string;
  body?: { contentType: 'text' | 'html'; content: string };
  start?: { dateTime: string; timeZone: string };
  end?: { dateTime: string; timeZone: string };
  showAs?: string;
  transactionId?: string;
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: string;
  onlineMeeting?: { joinUrl?: string } | null;
  singleValueExtendedProperties?: Array<{ id: string; value: string }>;
}

/**
 * Microsoft Graph v1.0 at MICROSOFT_GRAPH_URL, one attempt per call, with the app's
 * client-credentials token. Callers add retries. Times go out and come back in UTC.
 */
export class GraphCalendarApi {
  constructor(
    private readonly graphUrl: string,
    private readonly tokens: MicrosoftAccessTokens,
    private readonly transport: ProviderTransport,
  ) {}

  /** POST /v1.0/users/{pathUser}/calendar/getSchedule for up to 20 schedules and less than 62 days, cut short at the read's `deadline`. */
  async getSchedule(
    pathUser: string,
    schedules: readonly string[],
    window: { from: Date; to: Date },
    deadline?: Deadline,
  ): Promise<ScheduleInformation[]> {
    const answer = await this.send(
      'POST',
      `/v1.0/users/${encodeURIComponent(pathUser)}/calendar/getSchedule`,
      {
        schedules,
        startTime: { dateTime: graphDateTime(window.from), timeZone: 'UTC' },
        endTime: { dateTime: graphDateTime(window.to), timeZone: 'UTC' },
        // The app reads scheduleItems, not the merged view: the longest slot keeps the view short.
        availabilityViewInterval: 1440,
      },
      deadline,
    );
    if (answer.status !== 200) throw this.failure(answer, 'could not read free/busy times');
    return (jsonBody(answer) as { value?: ScheduleInformation[] } | undefined)?.value ?? [];
  }

  /** POST /v1.0/users/{owner}/events: 201 with the event (Graph answers a repeated transactionId with the event it made the first time). */
  async createEvent(owner: string, event: GraphEvent): Promise<GraphEvent> {
    const answer = await this.send('POST', `/v1.0/users/${encodeURIComponent(owner)}/events`, event);
    if (answer.status !== 201 && answer.status !== 200) throw this.failure(answer, `could not add the interview to ${owner}'s calendar`);
    return eventIn(answer);
  }

  /** Events of `owner` whose single-value extended property `propertyId` has `value`. */
  async findEvents(owner: string, propertyId: string, value: string): Promise<GraphEvent[]> {
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${odataString(propertyId)}' and ep/value eq '${odataString(value)}')`;
    const answer = await this.send('GET', `/v1.0/users/${encodeURIComponent(owner)}/events?$filter=${encodeURIComponent(filter)}`);
    if (answer.status !== 200) throw this.failure(answer, `could not look for the interview on ${owner}'s calendar`);
    return (jsonBody(answer) as { value?: GraphEvent[] } | undefined)?.value ?? [];
  }

  async patchEvent(owner: string, eventId: string, changes: GraphEvent): Promise<GraphEvent> {
    const answer = await this.send('PATCH', `/v1.0/users/${encodeURIComponent(owner)}/events/${encodeURIComponent(eventId)}`, changes);
    if (answer.status !== 200) throw this.failure(answer, `could not change the interview on ${owner}'s calendar`);
    return eventIn(answer);
  }

  /** Deletes the event; one already deleted counts as done. */
  async deleteEvent(owner: string, eventId: string): Promise<void> {
    const answer = await this.send('DELETE', `/v1.0/users/${encodeURIComponent(owner)}/events/${encodeURIComponent(eventId)}`);
    if (answer.status === 404 || (answer.status >= 200 && answer.status < 300)) return;
    throw this.failure(answer, `could not remove the interview from ${owner}'s calendar`);
  }

  private send(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, deadline?: Deadline): Promise<ProviderAnswer> {
    return sendWithToken(
      'microsoft',
      SERVICE,
      this.transport,
      this.tokens.cache,
      '',
      (authorization) => ({
        method,
        url: `${this.graphUrl}${path}`,
        headers: {
          authorization,
          prefer: 'outlook.timezone="UTC"',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      deadline,
    );
  }

  private failure(answer: ProviderAnswer, whatFailed: string): ProviderError {
    const error = (jsonBody(answer) as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const said = [
      typeof error?.code === 'string' ? error.code : undefined,
      typeof error?.message === 'string' ? shortened(error.message) : undefined,
    ]
      .filter(Boolean)
      .join(': ');
    const hint = answer.status === 403 ? ': check the Calendars.ReadWrite consent and any application access policy' : '';
    return failureOf(
      'microsoft',
      answer,
      `${SERVICE} ${whatFailed} (${answer.status}${said ? ` ${said}` : ''})${hint}`,
      this.transport.now(),
    );
  }
}

/** Graph's dateTime: local date and time without an offset (the zone travels beside it). */
export function graphDateTime(instant: Date): string {
  return instant.toISOString().slice(0, 23);
}

/** A Graph dateTime in UTC (`2019-03-15T12:00:00.0000000`) as an instant; undefined when unreadable. */
export function instantOfUtcDateTime(dateTime: string | undefined): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?$/.exec(dateTime ?? '');
  if (!match) return undefined;
  const milliseconds = match[2] ? match[2].slice(0, 4).padEnd(4, '0') : '.000';
  const instant = new Date(`${match[1]}${milliseconds}Z`);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

function odataString(text: string): string {
  return text.replace(/'/g, "''");
}

/** The event a successful answer carries; an answer without one (empty, HTML, not an object) counts as Graph being unavailable. */
function eventIn(answer: ProviderAnswer): GraphEvent {
  const event = jsonBody(answer);
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new ProviderError('microsoft', 'unavailable', `${SERVICE} answered (${answer.status}) without the event`);
  }
  return event;
}
