import { ProviderError } from '../../domain/shared/providerError';
import { sendWithToken } from '../http/oauthTokens';
import { failureOf, jsonBody, shortened, type ProviderAnswer, type ProviderTransport } from '../http/providerHttp';
import type { ZoomAccessTokens } from './zoomAccessTokens';

const SERVICE = 'Zoom';
/** The most meetings Zoom lists per page. */
const PAGE_SIZE = 300;

/** The fields of a Zoom meeting the app reads; `start_url` is deliberately not among them. */
export interface ZoomMeeting {
  id?: number;
  join_url?: string;
  agenda?: string;
  topic?: string;
}

/** What the app sends to create or change a meeting. */
export interface ZoomMeetingSettings {
  topic: string;
  /** 2: a scheduled meeting. */
  type?: 2;
  /** UTC, `yyyy-MM-ddTHH:mm:ssZ`. */
  start_time: string;
  duration: number;
  timezone: string;
  agenda?: string;
}

/** Zoom's Meetings API at ZOOM_API_URL, one attempt per call. Callers add retries. */
export class ZoomMeetingsApi {
  constructor(
    private readonly apiUrl: string,
    private readonly tokens: ZoomAccessTokens,
    private readonly transport: ProviderTransport,
  ) {}

  /** POST /users/{host}/meetings. */
  async createMeeting(host: string, settings: ZoomMeetingSettings): Promise<ZoomMeeting> {
    const answer = await this.send('POST', `/users/${encodeURIComponent(host)}/meetings`, settings);
    if (answer.status !== 201) throw this.failure(answer, `could not create a meeting for ${host}`);
    return pickMeeting(jsonBody(answer));
  }

  /**
   * Every scheduled meeting of `host` (GET /users/{host}/meetings, all pages); agendas come cut to
   * 250 characters. A page token Zoom gives a second time would list the same pages without end: unavailable.
   */
  async *scheduledMeetings(host: string): AsyncGenerator<ZoomMeeting> {
    let pageToken = '';
    const pageTokensSeen = new Set<string>();
    do {
      const query = new URLSearchParams({
        type: 'scheduled',
        page_size: String(PAGE_SIZE),
        ...(pageToken ? { next_page_token: pageToken } : {}),
      });
      const answer = await this.send('GET', `/users/${encodeURIComponent(host)}/meetings?${query.toString()}`);
      if (answer.status !== 200) throw this.failure(answer, `could not list ${host}'s meetings`);
      const page = jsonBody(answer) as { meetings?: unknown; next_page_token?: unknown } | undefined;
      const meetings = page?.meetings ?? [];
      if (!Array.isArray(meetings))
        throw new ProviderError('zoom', 'unavailable', `${SERVICE} listed ${host}'s meetings in a form the app could not read`);
      for (const meeting of meetings) yield pickMeeting(meeting);
      pageToken = typeof page?.next_page_token === 'string' ? page.next_page_token : '';
      if (pageTokensSeen.has(pageToken)) {
        throw new ProviderError('zoom', 'unavailable', `${SERVICE} listed ${host}'s meetings without end (a page came back again)`);
      }
      pageTokensSeen.add(pageToken);
    } while (pageToken !== '');
  }

  /** PATCH /meetings/{id}: 204. */
  async updateMeeting(meetingId: string, changes: Partial<ZoomMeetingSettings>): Promise<void> {
    const answer = await this.send('PATCH', `/meetings/${encodeURIComponent(meetingId)}`, changes);
    if (answer.status !== 204 && answer.status !== 200) throw this.failure(answer, 'could not move the meeting');
  }

  /** DELETE /meetings/{id}; a meeting already gone counts as done. */
  async deleteMeeting(meetingId: string): Promise<void> {
    const answer = await this.send('DELETE', `/meetings/${encodeURIComponent(meetingId)}`);
    if (answer.status === 404 || answer.status === 204 || answer.status === 200) return;
    throw this.failure(answer, 'could not delete the meeting');
  }

  private send(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<ProviderAnswer> {
    return sendWithToken('zoom', SERVICE, this.transport, this.tokens.cache, '', (authorization) => ({
      method,
      url: `${this.apiUrl}${path}`,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }));
  }

  private failure(answer: ProviderAnswer, whatFailed: string): ProviderError {
    const error = jsonBody(answer) as { code?: unknown; message?: unknown } | undefined;
    const code = typeof error?.code === 'number' || typeof error?.code === 'string' ? String(error.code) : undefined;
    const said = [code, typeof error?.message === 'string' ? shortened(error.message) : undefined].filter(Boolean).join(': ');
    return failureOf('zoom', answer, `${SERVICE} ${whatFailed} (${answer.status}${said ? ` ${said}` : ''})`, this.transport.now());
  }
}

/** Only the fields above: the host's start link never leaves this file. */
function pickMeeting(value: unknown): ZoomMeeting {
  const meeting = (value ?? {}) as Record<string, unknown>;
  return {
    id: typeof meeting.id === 'number' ? meeting.id : undefined,
    join_url: typeof meeting.join_url === 'string' ? meeting.join_url : undefined,
    agenda: typeof meeting.agenda === 'string' ? meeting.agenda : undefined,
    topic: typeof meeting.topic === 'string' ? meeting.topic : undefined,
  };
}
