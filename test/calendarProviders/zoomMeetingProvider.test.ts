import { ZoomMeetingProvider } from '../../src/calendarProviders/zoom/zoomMeetingProvider';
import type { MeetingRequest } from '../../src/domain/meetings/meetingProvider';
import { ProviderError } from '../../src/domain/shared/providerError';
import type { ReceivedRequest } from '../support/fakeProviderServer';
import { FakeZoomApi } from '../support/fakeZoomApi';
import { expectNoSecretIn, providerTestKit, type ProviderTestKit } from '../support/providerTestKit';

const isCreate = (request: ReceivedRequest) => request.method === 'POST' && /^\/v2\/users\/[^/]+\/meetings$/.test(request.path);

function meetingRequest(overrides: Partial<MeetingRequest> = {}): MeetingRequest {
  return {
    interviewId: '0b7f4c1e-2a43-4d55-9d3e-6f1a2b3c4d5e',
    host: 'grace@acme.test',
    title: 'Interview: Ada Lovelace (Staff Engineer)',
    description: 'Interview with Ada Lovelace, Grace Hopper and Alan Turing',
    startsAt: new Date('2025-06-03T14:00:00Z'),
    durationMinutes: 45,
    timeZone: 'Europe/Berlin',
    ...overrides,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('Zoom meetings', () => {
  let zoom: FakeZoomApi;
  let kit: ProviderTestKit;
  let provider: ZoomMeetingProvider;

  beforeEach(async () => {
    zoom = await FakeZoomApi.start();
    zoom.addUser('grace@acme.test');
    kit = providerTestKit();
    provider = new ZoomMeetingProvider(zoom.settings(), kit.options);
  });

  afterEach(async () => {
    await zoom.close();
  });

  const secrets = () => [zoom.clientSecret, Buffer.from(`${zoom.clientId}:${zoom.clientSecret}`).toString('base64'), ...zoom.issuedTokens];

  it('creates a scheduled meeting hosted by the interviewer and returns only its join link', async () => {
    const meeting = await provider.createMeeting(meetingRequest());

    const [created] = zoom.liveMeetings();
    expect(meeting).toEqual({ meetingId: String(created.id), joinUrl: created.join_url });
    expect(Object.keys(meeting).sort()).toEqual(['joinUrl', 'meetingId']);
    expect(JSON.stringify(meeting)).not.toContain(created.start_url);
    expect(created).toMatchObject({
      host_email: 'grace@acme.test',
      type: 2,
      topic: 'Interview: Ada Lovelace (Staff Engineer)',
      start_time: '2025-06-03T14:00:00Z',
      duration: 45,
      timezone: 'Europe/Berlin',
      agenda: 'Interview reference: 0b7f4c1e-2a43-4d55-9d3e-6f1a2b3c4d5e\nInterview with Ada Lovelace, Grace Hopper and Alan Turing',
    });
  });

  it('hosts the meeting on the account owner when the host is "me"', async () => {
    await provider.createMeeting(meetingRequest({ host: 'me' }));

    expect(zoom.liveMeetings()[0].host_email).toBe('owner@acme.test');
  });

  it('makes one meeting, not two, when the answer to the first create was lost', async () => {
    zoom.server.loseNextAnswers(1, isCreate);

    const meeting = await provider.createMeeting(meetingRequest());

    expect(zoom.allMeetings().map((each) => String(each.id))).toEqual([meeting.meetingId]);
    expect(zoom.server.requestsMatching(isCreate).map((request) => request.status)).toEqual(['lost']);
  });

  it('finds the interview’s meeting among many, across pages', async () => {
    zoom.maxPageSize = 2;
    for (let index = 0; index < 5; index += 1) await provider.createMeeting(meetingRequest({ interviewId: `other-${index}` }));
    const meeting = await provider.createMeeting(meetingRequest());

    expect(await provider.findMeeting({ interviewId: '0b7f4c1e-2a43-4d55-9d3e-6f1a2b3c4d5e', host: 'grace@acme.test' })).toEqual(meeting);
    expect(await provider.findMeeting({ interviewId: 'never-scheduled', host: 'grace@acme.test' })).toBeNull();
    expect(zoom.liveMeetings()).toHaveLength(6);
  });

  it.each([
    ['gives the same page token again and again', { meetings: [], next_page_token: 'again' }, 'without end'],
    ['lists meetings that are not a list', { meetings: 42 }, 'in a form the app could not read'],
  ])('fails as unavailable, after a few requests, when the host’s meeting list %s', async (_case, page, reason) => {
    const isList = (request: ReceivedRequest) => request.method === 'GET' && /^\/v2\/users\/[^/]+\/meetings$/.test(request.path);
    zoom.server.failNext(1_000, { status: 200, body: page }, isList);

    const failure = await failureOf(provider.createMeeting(meetingRequest()));

    expect(failure).toMatchObject({ provider: 'zoom', kind: 'unavailable', retryable: true });
    expect(failure.message).toContain(reason);
    // Three attempts of at most two pages each: the list is not followed forever, and nothing is made blind.
    expect(zoom.server.requestsMatching(isList).length).toBeLessThanOrEqual(6);
    expect(zoom.server.requestsMatching(isCreate)).toHaveLength(0);
  });

  it('moves the meeting and deletes it, and a second delete is not an error', async () => {
    const meeting = await provider.createMeeting(meetingRequest());

    await provider.moveMeeting(meeting.meetingId, meetingRequest({ startsAt: new Date('2025-06-04T08:30:00Z'), durationMinutes: 60 }));
    expect(zoom.liveMeetings()[0]).toMatchObject({ start_time: '2025-06-04T08:30:00Z', duration: 60 });

    await provider.deleteMeeting(meeting.meetingId);
    await provider.deleteMeeting(meeting.meetingId);
    expect(zoom.liveMeetings()).toEqual([]);
  });

  it('fails for good, saying so, when Zoom does not know the host', async () => {
    const failure = await failureOf(provider.createMeeting(meetingRequest({ host: 'stranger@acme.test' })));

    expect(failure).toMatchObject({ retryable: false, kind: 'not_found' });
    expect(failure.message).toBe("Zoom could not list stranger@acme.test's meetings (404 1001: User does not exist: stranger@acme.test.)");
  });

  it('asks for one token with Basic client credentials and reuses it until shortly before it expires', async () => {
    zoom.tokenLifetimeSeconds = 600;
    for (let index = 0; index < 4; index += 1) await provider.createMeeting(meetingRequest({ interviewId: `interview-${index}` }));
    expect(zoom.tokenRequests()).toHaveLength(1);
    const [tokenRequest] = zoom.tokenRequests();
    expect(tokenRequest.query.get('grant_type')).toBe('account_credentials');
    expect(tokenRequest.query.get('account_id')).toBe(zoom.accountId);

    kit.advanceClock(541_000);
    await provider.findMeeting({ interviewId: 'interview-0', host: 'grace@acme.test' });
    expect(zoom.tokenRequests()).toHaveLength(2);
  });

  it('fails for good when Zoom stops issuing tokens to the app, once the cached token is due for renewal', async () => {
    await provider.createMeeting(meetingRequest());
    zoom.refuseGrant();
    kit.advanceClock(3_600_000);

    const failure = await failureOf(provider.createMeeting(meetingRequest({ interviewId: 'another' })));

    expect(failure).toMatchObject({ retryable: false, kind: 'grant_refused' });
    expect(zoom.tokenRequests().map((request) => request.status)).toEqual([200, 400]);
  });

  it('waits out a short Retry-After, and leaves a long one to the outbox', async () => {
    zoom.server.failNext(
      1,
      { status: 429, headers: { 'retry-after': '1' }, body: { code: 429, message: 'You have exceeded the daily rate limit.' } },
      isCreate,
    );
    await provider.createMeeting(meetingRequest());
    expect(kit.waits).toEqual([1000]);

    zoom.server.failNext(
      1,
      { status: 429, headers: { 'retry-after': '3600' }, body: { code: 429, message: 'You have exceeded the daily rate limit.' } },
      isCreate,
    );
    const failure = await failureOf(provider.createMeeting(meetingRequest({ interviewId: 'another' })));
    expect(failure).toMatchObject({ retryable: true, kind: 'rate_limited', retryAfterMs: 3_600_000 });
  });

  it('fails as unavailable (retried by the outbox), never holding the body, when Zoom answers with more than 4 MB or without end', async () => {
    zoom.server.failNext(
      3,
      { status: 201, body: { id: 1, join_url: 'https://zoom.test/j/1', padding: 'x'.repeat(5 * 1024 * 1024) } },
      isCreate,
    );
    const oversized = await failureOf(provider.createMeeting(meetingRequest()));
    expect(oversized).toMatchObject({
      retryable: true,
      kind: 'unavailable',
      message: 'Zoom gave an answer the app could not read (more than 4 MB) (after 3 attempts)',
    });

    zoom.server.streamWithoutEndNext(3, isCreate);
    const endless = await failureOf(provider.createMeeting(meetingRequest()));
    expect(endless).toMatchObject({ retryable: true, kind: 'unavailable', message: expect.stringMatching(/more than 4 MB/) });

    const meeting = await provider.createMeeting(meetingRequest());
    expect(zoom.liveMeetings().map((each) => String(each.id))).toEqual([meeting.meetingId]);
  });

  it('refuses for good, naming the settings to check, when Zoom refuses the credentials, and never logs a secret', async () => {
    zoom.server.failNext(2, { status: 502, body: { code: 502, message: 'Bad Gateway' } }, isCreate);
    await provider.createMeeting(meetingRequest());
    const refusing = new ZoomMeetingProvider({ ...zoom.settings(), clientSecret: 'not-the-secret-at-all' }, kit.options);

    const failure = await failureOf(refusing.createMeeting(meetingRequest({ interviewId: 'another' })));

    expect(failure).toMatchObject({ retryable: false, kind: 'grant_refused' });
    expect(failure.message).toBe(
      "Zoom refused the app's credentials (invalid_client): check ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET, and that the Server-to-Server OAuth app is activated",
    );
    expect(kit.logLines.length).toBeGreaterThan(0);
    expectNoSecretIn([...kit.logLines, failure.message, failure.stack ?? ''], [...secrets(), 'not-the-secret-at-all']);
  });
});
