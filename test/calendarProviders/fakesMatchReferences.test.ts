import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { GoogleCalendarProvider } from '../../src/calendarProviders/google/googleCalendarProvider';
import { FakeGoogleApis } from '../support/fakeGoogleApis';
import { FakeMicrosoftGraph } from '../support/fakeMicrosoftGraph';
import { FakeZoomApi } from '../support/fakeZoomApi';

/**
 * The fakes answer in the shapes the providers document (test/fixtures/*): every field of a
 * documented example is in the fake's answer to the same request, at the same place.
 */

const FIXTURES = join(__dirname, '..', 'fixtures');

function fixture(path: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as unknown;
}

/** Paths of fields in `documented` that `actual` lacks (arrays compared by their first element). */
function missingFields(documented: unknown, actual: unknown, path = '$'): string[] {
  if (Array.isArray(documented)) {
    if (!Array.isArray(actual)) return [`${path} (not an array)`];
    return documented.length > 0 && actual.length > 0 ? missingFields(documented[0], actual[0], `${path}[0]`) : [];
  }
  if (documented !== null && typeof documented === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${path} (not an object)`];
    return Object.entries(documented as Record<string, unknown>).flatMap(([key, value]) =>
      key in (actual as Record<string, unknown>)
        ? missingFields(value, (actual as Record<string, unknown>)[key], `${path}.${key}`)
        : [`${path}.${key}`],
    );
  }
  return typeof documented === typeof actual ? [] : [`${path} (${typeof actual}, documented ${typeof documented})`];
}

async function call(url: string, options: { method?: 'GET' | 'POST' | 'PATCH'; headers?: Record<string, string>; body?: string } = {}) {
  const answer = await request(url, { method: options.method ?? 'GET', headers: options.headers, body: options.body });
  const text = await answer.body.text();
  return { status: answer.statusCode, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

describe('the fake providers answer in the documented shapes', () => {
  it('Google: token, freeBusy with a calendar error, and an event with a Meet', async () => {
    const google = await FakeGoogleApis.start();
    try {
      google.addUser('ada@acme.test', { busy: [{ start: '2025-06-02T10:00:00Z', end: '2025-06-02T11:00:00Z' }] });
      const provider = new GoogleCalendarProvider({
        serviceAccount: { clientEmail: google.clientEmail, privateKey: google.privateKeyPem, tokenUri: google.tokenUri },
        apiUrl: google.url,
      });
      await provider.readBusyPeriods(['ada@acme.test'], { from: new Date('2025-06-02T00:00:00Z'), to: new Date('2025-06-16T00:00:00Z') });
      const authorization = `Bearer ${google.issuedTokens[0]}`;
      const headers = { authorization, 'content-type': 'application/json' };

      const freeBusy = await call(`${google.url}/calendar/v3/freeBusy`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          timeMin: '2025-06-02T00:00:00.000Z',
          timeMax: '2025-06-16T00:00:00.000Z',
          items: [{ id: 'ada@acme.test' }, { id: 'nobody@acme.test' }],
        }),
      });
      const documented = fixture('google-calendar/freebusy.response.json') as { calendars: Record<string, unknown> };
      const calendars = (freeBusy.body as { calendars: Record<string, unknown> }).calendars;
      expect(missingFields({ ...documented, calendars: {} }, freeBusy.body)).toEqual([]);
      expect(missingFields(documented.calendars['ada@acme.test'], calendars['ada@acme.test'])).toEqual([]);
      expect(missingFields(documented.calendars['nobody@acme.test'], calendars['nobody@acme.test'])).toEqual([]);

      const event = await call(`${google.url}/calendar/v3/calendars/primary/events?sendUpdates=none&conferenceDataVersion=1`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          id: 'iv30623766346331652d32613433',
          summary: 'Interview: Ada Lovelace (Staff Engineer)',
          description: 'Join: https://hire.acme.test/interview/abc',
          start: { dateTime: '2025-06-03T14:00:00Z', timeZone: 'Europe/Berlin' },
          end: { dateTime: '2025-06-03T14:45:00Z', timeZone: 'Europe/Berlin' },
          transparency: 'opaque',
          conferenceData: { createRequest: { requestId: 'iv30623766346331652d32613433', conferenceSolutionKey: { type: 'hangoutsMeet' } } },
        }),
      });
      expect(missingFields(fixture('google-calendar/event.with-meet.response.json'), event.body)).toEqual([]);

      const duplicate = await call(`${google.url}/calendar/v3/calendars/primary/events?sendUpdates=none`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ id: 'iv30623766346331652d32613433' }),
      });
      expect(duplicate.status).toBe(409);
      expect(missingFields((fixture('google-calendar/api.error.json') as { duplicateId: unknown }).duplicateId, duplicate.body)).toEqual(
        [],
      );

      const token = google.server.requestsMatching((each) => each.path === '/token')[0];
      expect(token.status).toBe(200);
      const fresh = await call(google.tokenUri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(token.body as Record<string, string>).toString(),
      });
      expect(missingFields(fixture('google-calendar/token.response.json'), fresh.body)).toEqual([]);
      google.refuseGrant();
      const refused = await call(google.tokenUri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(token.body as Record<string, string>).toString(),
      });
      expect(
        missingFields((fixture('google-calendar/token.errors.json') as { delegationMissing: unknown }).delegationMissing, refused.body),
      ).toEqual([]);
    } finally {
      await google.close();
    }
  });

  it('Microsoft: token, getSchedule with a schedule error, and a Teams event', async () => {
    const graph = await FakeMicrosoftGraph.start();
    try {
      graph.addMailbox('adelev@contoso.onmicrosoft.com', [
        { status: 'busy', start: '2019-03-15T12:00:00Z', end: '2019-03-15T14:00:00Z', subject: 'Lunch' },
      ]);
      const token = await call(`${graph.url}/${graph.tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: graph.clientId,
          client_secret: graph.clientSecret,
          scope: 'https://graph.microsoft.com/.default',
          grant_type: 'client_credentials',
        }).toString(),
      });
      expect(missingFields(fixture('microsoft-graph/token.response.json'), token.body)).toEqual([]);
      const headers = {
        authorization: `Bearer ${String(token.body?.access_token)}`,
        'content-type': 'application/json',
        prefer: 'outlook.timezone="UTC"',
      };

      const schedule = await call(`${graph.url}/v1.0/users/adelev%40contoso.onmicrosoft.com/calendar/getSchedule`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          schedules: ['adelev@contoso.onmicrosoft.com', 'nobody@contoso.onmicrosoft.com'],
          startTime: { dateTime: '2019-03-15T09:00:00', timeZone: 'UTC' },
          endTime: { dateTime: '2019-03-15T18:00:00', timeZone: 'UTC' },
          availabilityViewInterval: 60,
        }),
      });
      const documented = fixture('microsoft-graph/getschedule.response.json') as { value: unknown[] };
      const value = (schedule.body as { value: unknown[] }).value;
      expect(missingFields(documented.value[0], value[0])).toEqual([]);
      expect(missingFields(documented.value[1], value[1])).toEqual([]);
      expect((value[0] as { availabilityView: string }).availabilityView).toBe('000220000');

      const event = await call(`${graph.url}/v1.0/users/adelev%40contoso.onmicrosoft.com/events`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          subject: 'Interview: Ada Lovelace (Staff Engineer)',
          body: { contentType: 'text', content: 'Join: https://hire.acme.test/interview/abc' },
          start: { dateTime: '2025-06-03T14:00:00.000', timeZone: 'UTC' },
          end: { dateTime: '2025-06-03T14:45:00.000', timeZone: 'UTC' },
          showAs: 'busy',
          transactionId: 'interview-0b7f4c1e-2a43-4d55-9d3e-6f1a2b3c4d5e',
          isOnlineMeeting: true,
          onlineMeetingProvider: 'teamsForBusiness',
        }),
      });
      expect(event.status).toBe(201);
      expect(missingFields(fixture('microsoft-graph/event.online-meeting.response.json'), event.body)).toEqual([]);

      const unknownUser = await call(`${graph.url}/v1.0/users/gone%40contoso.onmicrosoft.com/events`, {
        method: 'POST',
        headers,
        body: '{}',
      });
      expect(unknownUser.status).toBe(404);
      expect(missingFields((fixture('microsoft-graph/api.error.json') as { unknownUser: unknown }).unknownUser, unknownUser.body)).toEqual(
        [],
      );

      graph.revokeSecret();
      const refused = await call(`${graph.url}/${graph.tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: graph.clientId,
          client_secret: graph.clientSecret,
          scope: 'https://graph.microsoft.com/.default',
          grant_type: 'client_credentials',
        }).toString(),
      });
      expect(refused.status).toBe(401);
      expect(missingFields((fixture('microsoft-graph/token.errors.json') as { wrongSecret: unknown }).wrongSecret, refused.body)).toEqual(
        [],
      );
    } finally {
      await graph.close();
    }
  });

  it('Zoom: token, a created meeting and the list of meetings', async () => {
    const zoom = await FakeZoomApi.start();
    try {
      zoom.addUser('grace@acme.test');
      const settings = zoom.settings();
      const basic = `Basic ${Buffer.from(`${settings.clientId}:${settings.clientSecret}`).toString('base64')}`;
      const token = await call(`${settings.oauthUrl}?grant_type=account_credentials&account_id=${settings.accountId}`, {
        method: 'POST',
        headers: { authorization: basic },
      });
      expect(missingFields(fixture('zoom/token.response.json'), token.body)).toEqual([]);
      const headers = { authorization: `Bearer ${String(token.body?.access_token)}`, 'content-type': 'application/json' };

      const created = await call(`${settings.apiUrl}/users/grace%40acme.test/meetings`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          topic: 'Interview',
          type: 2,
          start_time: '2025-06-03T14:00:00Z',
          duration: 45,
          timezone: 'Europe/Berlin',
          agenda: 'Interview reference: x',
        }),
      });
      expect(created.status).toBe(201);
      expect(missingFields(fixture('zoom/meeting.create.response.json'), created.body)).toEqual([]);

      const listed = await call(`${settings.apiUrl}/users/grace%40acme.test/meetings?type=scheduled&page_size=300`, { headers });
      expect(missingFields(fixture('zoom/meetings.list.response.json'), listed.body)).toEqual([]);

      const unknownUser = await call(`${settings.apiUrl}/users/stranger%40acme.test/meetings`, { headers });
      expect(unknownUser.status).toBe(404);
      expect(missingFields((fixture('zoom/api.error.json') as { unknownUser: unknown }).unknownUser, unknownUser.body)).toEqual([]);

      const refused = await call(`${settings.oauthUrl}?grant_type=account_credentials&account_id=${settings.accountId}`, {
        method: 'POST',
        headers: { authorization: 'Basic d3Jvbmc6d3Jvbmc=' },
      });
      expect(missingFields((fixture('zoom/token.errors.json') as { wrongCredentials: unknown }).wrongCredentials, refused.body)).toEqual(
        [],
      );
    } finally {
      await zoom.close();
    }
  });
});
