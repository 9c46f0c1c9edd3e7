import { ProviderError } from '../../domain/shared/providerError';
import { failureOf, jsonBody, shortened, type ProviderAnswer, type ProviderTransport } from '../http/providerHttp';
import { sendWithToken } from '../http/oauthTokens';
import type { Deadline } from '../http/readBudget';
import type { GoogleAccessTokens } from './googleAccessTokens';

const SERVICE = 'Google Calendar';

/** Google answers a 403 with these reasons when the app goes too fast: wait and retry, as for 429. */
const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);

/** freeBusy's answer for one calendar (Calendar API v3). */
export interface FreeBusyCalendar {
  busy?: Array<{ start: string; end: string }>;
  errors?: Array<{ domain?: string; reason?: string }>;
}

/** The fields of a Calendar API v3 event the app writes or reads. */
export interface GoogleEvent {
  id?: string;
  status?: string;
  summary?: string;
  description?: string;
  start?: { dateTime: string; timeZone?: string };
  end?: { dateTime: string; timeZone?: string };
  transparency?: 'opaque' | 'transparent';
  extendedProperties?: { private?: Record<string, string> };
  hangoutLink?: string;
  conferenceData?: {
    createRequest?: { requestId: string; conferenceSolutionKey: { type: string }; status?: { statusCode?: string } };
    entryPoints?: Array<{ entryPointType?: string; uri?: string }>;
  };
}

/** Whether the request asks for a Meet to be created or read (`conferenceDataVersion=1`). */
export interface ConferenceOption {
  withConference?: boolean;
}

/**
 * Google Calendar API v3 at GOOGLE_API_URL, one attempt per call, acting as the person named in
 * each call (a token per person, from domain-wide delegation). Callers add retries; every event
 * write carries `sendUpdates=none` so Google emails nobody.
 */
export class GoogleCalendarApi {
  constructor(
    private readonly apiUrl: string,
    private readonly tokens: GoogleAccessTokens,
    private readonly transport: ProviderTransport,
  ) {}

  /** POST /calendar/v3/freeBusy as `subject`, for up to 50 calendars, cut short at the read's `deadline`. */
  async freeBusy(
    subject: string,
    calendarIds: readonly string[],
    window: { from: Date; to: Date },
    deadline?: Deadline,
  ): Promise<Record<string, FreeBusyCalendar>> {
    const answer = await this.send(
      subject,
      'POST',
      '/calendar/v3/freeBusy',
      {
        timeMin: window.from.toISOString(),
        timeMax: window.to.toISOString(),
        timeZone: 'UTC',
        items: calendarIds.map((id) => ({ id })),
      },
      deadline,
    );
    if (answer.status !== 200) throw this.failure(answer, `could not read free/busy times`);
    const body = jsonBody(answer) as { calendars?: Record<string, FreeBusyCalendar> } | undefined;
    return body?.calendars ?? {};
  }

  /** Inserts `event` (with its own id) into `owner`'s primary calendar; null when an event with that id already exists (409). */
  async insertEvent(owner: string, event: GoogleEvent, options: ConferenceOption = {}): Promise<GoogleEvent | null> {
    const answer = await this.send(owner, 'POST', `/calendar/v3/calendars/primary/events${query(options)}`, event);
    if (answer.status === 409) return null;
    if (answer.status !== 200) throw this.failure(answer, `could not add the interview to ${owner}'s calendar`);
    return eventIn(answer);
  }

  /** The event (with its conference data, which events.get always returns), or null when there is none (404, 410, or cancelled). */
  async getEvent(owner: string, eventId: string): Promise<GoogleEvent | null> {
    const answer = await this.send(owner, 'GET', `/calendar/v3/calendars/primary/events/${encodeURIComponent(eventId)}`);
    if (answer.status === 404 || answer.status === 410) return null;
    if (answer.status !== 200) throw this.failure(answer, `could not read an event on ${owner}'s calendar`);
    const event = eventIn(answer);
    return event.status === 'cancelled' ? null : event;
  }

  async patchEvent(owner: string, eventId: string, changes: GoogleEvent, options: ConferenceOption = {}): Promise<GoogleEvent> {
    const answer = await this.send(
      owner,
      'PATCH',
      `/calendar/v3/calendars/primary/events/${encodeURIComponent(eventId)}${query(options)}`,
      changes,
    );
    if (answer.status !== 200) throw this.failure(answer, `could not change the interview on ${owner}'s calendar`);
    return eventIn(answer);
  }

  /** Deletes the event; one already deleted or never made counts as done. */
  async deleteEvent(owner: string, eventId: string): Promise<void> {
    const answer = await this.send(
      owner,
      'DELETE',
      `/calendar/v3/calendars/primary/events/${encodeURIComponent(eventId)}?sendUpdates=none`,
    );
    if (answer.status === 404 || answer.status === 410 || (answer.status >= 200 && answer.status < 300)) return;
    throw this.failure(answer, `could not remove the interview from ${owner}'s calendar`);
  }

  private send(
    subject: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    deadline?: Deadline,
  ): Promise<ProviderAnswer> {
    return sendWithToken(
      'google',
      SERVICE,
      this.transport,
      this.tokens.tokens,
      subject,
      (authorization) => ({
        method,
        url: `${this.apiUrl}${path}`,
        headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      deadline,
    );
  }

  private failure(answer: ProviderAnswer, whatFailed: string): ProviderError {
    const error = (jsonBody(answer) as { error?: { message?: unknown; errors?: Array<{ reason?: unknown }> } } | undefined)?.error;
    const reason = typeof error?.errors?.[0]?.reason === 'string' ? error.errors[0].reason : undefined;
    const said = [reason, typeof error?.message === 'string' ? shortened(error.message) : undefined].filter(Boolean).join(': ');
    const text = `${SERVICE} ${whatFailed} (${answer.status}${said ? ` ${said}` : ''})`;
    if (answer.status === 403 && reason && RATE_LIMIT_REASONS.has(reason)) {
      return new ProviderError('google', 'rate_limited', text, failureOf('google', answer, text, this.transport.now()).retryAfterMs);
    }
    return failureOf('google', answer, text, this.transport.now());
  }
}

/** The event a successful answer carries; an answer without one (empty, HTML, not an object) counts as Google being unavailable. */
function eventIn(answer: ProviderAnswer): GoogleEvent {
  const event = jsonBody(answer);
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new ProviderError('google', 'unavailable', `${SERVICE} answered (${answer.status}) without the event`);
  }
  return event;
}

/** The query of every event write: Google emails nobody, and reads or makes a Meet only when asked. */
function query(options: ConferenceOption): string {
  const parameters = new URLSearchParams({ sendUpdates: 'none' });
  if (options.withConference) parameters.set('conferenceDataVersion', '1');
  return `?${parameters.toString()}`;
}
