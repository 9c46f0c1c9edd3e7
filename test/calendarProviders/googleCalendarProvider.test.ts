import { GoogleCalendarProvider } from '../../src/calendarProviders/google/googleCalendarProvider';
import { GoogleMeetProvider } from '../../src/calendarProviders/google/googleMeetProvider';
import type { InterviewCalendarEvent } from '../../src/domain/calendars/calendarProvider';
import { ProviderError } from '../../src/domain/shared/providerError';
import { FakeGoogleApis } from '../support/fakeGoogleApis';
import type { ReceivedRequest } from '../support/fakeProviderServer';
import { expectNoSecretIn, providerTestKit, type ProviderTestKit } from '../support/providerTestKit';

const WINDOW = { from: new Date('2025-06-02T00:00:00Z'), to: new Date('2025-06-16T00:00:00Z') };

const isFreeBusy = (request: ReceivedRequest) => request.path === '/calendar/v3/freeBusy';
const isEventWrite = (request: ReceivedRequest) => request.path.includes('/events') && request.method !== 'GET';

function interviewEvent(overrides: Partial<InterviewCalendarEvent> = {}): InterviewCalendarEvent {
  return {
    interviewId: '0b7f4c1e-2a43-4d55-9d3e-6f1a2b3c4d5e',
    title: 'Interview: Ada Lovelace (Staff Engineer)',
    description: 'Join: https://hire.acme.test/interview/abc\nWith: Grace Hopper, Ada Lovelace',
    startsAt: new Date('2025-06-03T14:00:00Z'),
    endsAt: new Date('2025-06-03T14:45:00Z'),
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

describe('Google Workspace calendars', () => {
  let google: FakeGoogleApis;
  let kit: ProviderTestKit;
  let provider: GoogleCalendarProvider;

  beforeEach(async () => {
    google = await FakeGoogleApis.start();
    kit = providerTestKit();
    provider = new GoogleCalendarProvider(
      {
        serviceAccount: {
          clientEmail: google.clientEmail,
          privateKey: google.privateKeyPem,
          privateKeyId: google.privateKeyId,
          tokenUri: google.tokenUri,
        },
        apiUrl: google.url,
      },
      kit.options,
    );
  });

  afterEach(async () => {
    await google.close();
  });

  /** Every secret of the run: the private key's lines, the signed assertions and the tokens. */
  function secrets(): string[] {
    const keyLines = google.privateKeyPem.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----'));
    const assertions = google.tokenRequests().map((request) => (request.body as { assertion?: string }).assertion ?? '');
    return [...keyLines, ...assertions, ...google.issuedTokens];
  }

  describe('reading free/busy', () => {
    it('reads everyone’s busy periods in one call per 50 calendars, with one token', async () => {
      const people = Array.from({ length: 120 }, (_, index) => `person${index}@acme.test`);
      for (const [index, email] of people.entries()) {
        google.addUser(email, { busy: [{ start: `2025-06-0${2 + (index % 5)}T10:00:00Z`, end: `2025-06-0${2 + (index % 5)}T11:00:00Z` }] });
      }

      const reads = await provider.readBusyPeriods(people, WINDOW);

      const calls = google.server.requestsMatching(isFreeBusy);
      expect(calls.map((call) => (call.body as { items: unknown[] }).items.length)).toEqual([50, 50, 20]);
      expect(google.tokenRequests()).toHaveLength(1);
      expect(reads.get('person7@acme.test')).toEqual({
        status: 'read',
        busy: [{ startsAt: new Date('2025-06-04T10:00:00Z'), endsAt: new Date('2025-06-04T11:00:00Z') }],
      });
      expect([...reads.values()].every((read) => read.status === 'read')).toBe(true);
    });

    it('asks for the whole window in UTC and answers under the addresses as they were given', async () => {
      google.addUser('ada@acme.test', { busy: [{ start: '2025-06-02T09:00:00Z', end: '2025-06-02T09:30:00Z' }] });

      const reads = await provider.readBusyPeriods(['Ada@Acme.test'], WINDOW);

      expect(google.server.requestsMatching(isFreeBusy)[0].body).toEqual({
        timeMin: '2025-06-02T00:00:00.000Z',
        timeMax: '2025-06-16T00:00:00.000Z',
        timeZone: 'UTC',
        items: [{ id: 'Ada@Acme.test' }],
      });
      expect(reads.get('Ada@Acme.test')).toEqual({
        status: 'read',
        busy: [{ startsAt: new Date('2025-06-02T09:00:00Z'), endsAt: new Date('2025-06-02T09:30:00Z') }],
      });
    });

    it('reads a calendar hidden from the acting person again as its owner', async () => {
      google.addUser('ada@acme.test');
      google.addUser('grace@acme.test', { sharesFreeBusy: false, busy: [{ start: '2025-06-02T12:00:00Z', end: '2025-06-02T13:00:00Z' }] });

      const reads = await provider.readBusyPeriods(['ada@acme.test', 'grace@acme.test'], WINDOW);

      expect(reads.get('grace@acme.test')).toEqual({
        status: 'read',
        busy: [{ startsAt: new Date('2025-06-02T12:00:00Z'), endsAt: new Date('2025-06-02T13:00:00Z') }],
      });
      const subjects = google.tokenRequests().map((request) => {
        const payload = ((request.body as { assertion: string }).assertion ?? '').split('.')[1];
        return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string }).sub;
      });
      expect(subjects).toEqual(['ada@acme.test', 'grace@acme.test']);
    });

    it('marks a person Google does not know as unavailable, and reads the others acting as the next one', async () => {
      google.addUser('grace@acme.test');

      const reads = await provider.readBusyPeriods(['gone@acme.test', 'grace@acme.test'], WINDOW);

      expect(reads.get('gone@acme.test')).toEqual({
        status: 'unavailable',
        reason: 'Google Workspace has no user gone@acme.test, or will not let the app act for them (invalid_grant)',
      });
      expect(reads.get('grace@acme.test')).toEqual({ status: 'read', busy: [] });
    });

    it('reports the calendar’s own error from freeBusy as the reason it is unavailable', async () => {
      google.addUser('ada@acme.test');
      google.addUser('grace@acme.test');
      google.failCalendar('grace@acme.test', 'internalError');

      const reads = await provider.readBusyPeriods(['ada@acme.test', 'grace@acme.test'], WINDOW);

      expect(reads.get('ada@acme.test')).toEqual({ status: 'read', busy: [] });
      expect(reads.get('grace@acme.test')).toEqual({
        status: 'unavailable',
        reason: "Google Calendar could not read grace@acme.test's calendar (internalError)",
      });
    });

    it.each([
      ['a time that is no time', [{ start: 'soon', end: '2025-06-02T10:00:00Z' }]],
      ['a period without its end', [{ start: '2025-06-02T09:00:00Z' }]],
      ['a period ending before it starts', [{ start: '2025-06-02T17:00:00Z', end: '2025-06-02T09:00:00Z' }]],
      ['busy periods that are not a list', { start: '2025-06-02T09:00:00Z', end: '2025-06-02T10:00:00Z' }],
      ['a period that is no object', [null]],
    ])('counts a calendar whose busy periods hold %s as unavailable, never as free', async (_case, busy) => {
      google.addUser('ada@acme.test');
      google.addUser('grace@acme.test');
      google.server.failNext(
        1,
        {
          status: 200,
          body: { kind: 'calendar#freeBusy', calendars: { 'ada@acme.test': { busy }, 'grace@acme.test': { busy: [] } } },
        },
        (request) => request.path === '/calendar/v3/freeBusy',
      );

      const reads = await provider.readBusyPeriods(['ada@acme.test', 'grace@acme.test'], WINDOW);

      expect(reads.get('ada@acme.test')).toEqual({
        status: 'unavailable',
        reason: "Google Calendar gave ada@acme.test's free/busy times in a form the app could not read",
      });
      expect(reads.get('grace@acme.test')).toEqual({ status: 'read', busy: [] });
    });

    it.each([
      ['without a reason', [{ domain: 'calendar' }]],
      ['not as a list', 'notFound'],
    ])('counts a calendar whose freeBusy errors come %s as unavailable, never as free', async (_case, errors) => {
      google.addUser('ada@acme.test');
      google.server.failNext(
        1,
        { status: 200, body: { calendars: { 'ada@acme.test': { errors, busy: [] } } } },
        (request) => request.path === '/calendar/v3/freeBusy',
      );

      const reads = await provider.readBusyPeriods(['ada@acme.test'], WINDOW);

      expect(reads.get('ada@acme.test')).toEqual({
        status: 'unavailable',
        reason: "Google Calendar could not read ada@acme.test's calendar (error)",
      });
    });

    it('marks everyone unavailable, saying why, when the admin has taken the delegation back', async () => {
      google.addUser('ada@acme.test');
      google.addUser('grace@acme.test');
      google.refuseGrant('unauthorized_client');

      const reads = await provider.readBusyPeriods(['ada@acme.test', 'grace@acme.test'], WINDOW);

      const reason =
        "Google Workspace refused the app's access (unauthorized_client): an admin must grant the service account domain-wide delegation for the calendar scopes";
      expect(reads.get('ada@acme.test')).toEqual({ status: 'unavailable', reason });
      expect(reads.get('grace@acme.test')).toEqual({ status: 'unavailable', reason });
      expect(google.tokenRequests()).toHaveLength(1);
      expectNoSecretIn([...kit.logLines, reason], secrets());
    });

    it('waits as long as Retry-After says after a 429, then reads', async () => {
      google.addUser('ada@acme.test');
      google.server.failNext(
        1,
        { status: 429, headers: { 'retry-after': '3' }, body: { error: { code: 429, message: 'Rate Limit Exceeded' } } },
        isFreeBusy,
      );

      const reads = await provider.readBusyPeriods(['ada@acme.test'], WINDOW);

      expect(reads.get('ada@acme.test')).toEqual({ status: 'read', busy: [] });
      expect(kit.waits).toEqual([3000]);
      expect(google.server.requestsMatching(isFreeBusy).map((request) => request.status)).toEqual([429, 200]);
    });

    it('treats Google’s 403 rateLimitExceeded as a rate limit, not a refusal', async () => {
      google.addUser('ada@acme.test');
      google.server.failNext(
        1,
        {
          status: 403,
          body: { error: { code: 403, message: 'Rate Limit Exceeded', errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }] } },
        },
        isFreeBusy,
      );

      expect((await provider.readBusyPeriods(['ada@acme.test'], WINDOW)).get('ada@acme.test')).toEqual({ status: 'read', busy: [] });
      expect(kit.waits).toHaveLength(1);
    });

    it('gives up after three answers of 503 and says the provider is down, never waiting without bound', async () => {
      google.addUser('ada@acme.test');
      google.server.failNext(
        3,
        { status: 503, body: { error: { code: 503, message: 'The service is currently unavailable.' } } },
        isFreeBusy,
      );

      const reads = await provider.readBusyPeriods(['ada@acme.test'], WINDOW);

      expect(reads.get('ada@acme.test')).toEqual({
        status: 'unavailable',
        reason: 'Google Calendar could not read free/busy times (503 The service is currently unavailable.) (after 3 attempts)',
      });
      expect(kit.waits).toHaveLength(2);
      expect(kit.waits.every((wait) => wait <= 2000)).toBe(true);
      expect(kit.logLines.filter((line) => line.includes('provider call failed; trying again'))).toHaveLength(2);
    });
  });

  describe('within the read’s time budget', () => {
    const BUDGET_MS = 1_000;
    let budgeted: GoogleCalendarProvider;
    beforeEach(() => {
      budgeted = new GoogleCalendarProvider(
        {
          serviceAccount: {
            clientEmail: google.clientEmail,
            privateKey: google.privateKeyPem,
            privateKeyId: google.privateKeyId,
            tokenUri: google.tokenUri,
          },
          apiUrl: google.url,
        },
        { ...kit.options, calendarReadBudgetMs: BUDGET_MS },
      );
    });

    it('answers when the budget runs out, everyone unavailable and why, when Google never answers', async () => {
      google.addUser('ada@acme.test');
      google.addUser('grace@acme.test');
      google.server.holdNextAnswers(100, isFreeBusy);

      const startedAt = Date.now();
      const reads = await budgeted.readBusyPeriods(['ada@acme.test', 'grace@acme.test'], WINDOW);

      expect(Date.now() - startedAt).toBeLessThan(2 * BUDGET_MS);
      for (const address of ['ada@acme.test', 'grace@acme.test']) {
        expect(reads.get(address)).toEqual({
          status: 'unavailable',
          reason: `Google Calendar did not answer in time (the ${BUDGET_MS} ms a calendar read may take ran out)`,
        });
      }
    });

    it('re-reads six hidden calendars as their owners at once, all within the budget, when those reads hang', async () => {
      google.addUser('ada@acme.test');
      const hidden = Array.from({ length: 6 }, (_, index) => `hidden${index}@acme.test`);
      for (const address of hidden) google.addUser(address, { sharesFreeBusy: false });
      let ownReadsStarted = 0;
      google.server.holdNextAnswers(100, (request) => {
        const ownRead = isFreeBusy(request) && (JSON.parse(request.text) as { items: unknown[] }).items.length === 1;
        if (ownRead) ownReadsStarted += 1;
        return ownRead;
      });

      const startedAt = Date.now();
      const reads = await budgeted.readBusyPeriods(['ada@acme.test', ...hidden], WINDOW);

      expect(Date.now() - startedAt).toBeLessThan(2 * BUDGET_MS);
      expect(reads.get('ada@acme.test')).toEqual({ status: 'read', busy: [] });
      // One after another, the first hanging read would have used up the budget alone.
      expect(ownReadsStarted).toBe(6);
      for (const address of hidden) {
        expect(reads.get(address)).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/did not answer in time/) });
      }
    });

    it('does not wait for a Retry-After the budget cannot cover, and says what Google said', async () => {
      google.addUser('ada@acme.test');
      google.server.failNext(
        1,
        { status: 429, headers: { 'retry-after': '2' }, body: { error: { code: 429, message: 'Rate Limit Exceeded' } } },
        isFreeBusy,
      );

      const reads = await budgeted.readBusyPeriods(['ada@acme.test'], WINDOW);

      expect(kit.waits).toEqual([]);
      expect(reads.get('ada@acme.test')).toMatchObject({
        status: 'unavailable',
        reason: expect.stringMatching(/^Google Calendar could not read free\/busy times \(429/),
      });
      expect(kit.logLines.filter((line) => line.includes('no time left to try again'))).toHaveLength(1);
    });

    it('counts an answer of more than 4 MB, or one that never ends, as unreadable: unavailable, never held in full', async () => {
      google.addUser('ada@acme.test');
      google.server.failNext(3, { status: 200, body: { calendars: {}, padding: 'x'.repeat(5 * 1024 * 1024) } }, isFreeBusy);

      const oversized = (await provider.readBusyPeriods(['ada@acme.test'], WINDOW)).get('ada@acme.test');

      expect(oversized).toEqual({
        status: 'unavailable',
        reason: 'Google Calendar gave an answer the app could not read (more than 4 MB) (after 3 attempts)',
      });

      google.server.streamWithoutEndNext(3, isFreeBusy);
      const startedAt = Date.now();
      const endless = (await budgeted.readBusyPeriods(['ada@acme.test'], WINDOW)).get('ada@acme.test');

      expect(endless).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/could not read \(more than 4 MB\)/) });
      expect(Date.now() - startedAt).toBeLessThan(2 * BUDGET_MS);
    });
  });

  describe('writing the interview on an interviewer’s calendar', () => {
    beforeEach(() => {
      google.addUser('grace@acme.test');
    });

    it('creates the event on the owner’s own calendar, busy, without attendees, telling Google to email nobody', async () => {
      const { eventId } = await provider.createEvent('grace@acme.test', interviewEvent());

      const [event] = google.eventsOf('grace@acme.test');
      expect(event).toMatchObject({
        id: eventId,
        summary: 'Interview: Ada Lovelace (Staff Engineer)',
        description: 'Join: https://hire.acme.test/interview/abc\nWith: Grace Hopper, Ada Lovelace',
        start: { dateTime: '2025-06-03T14:00:00.000Z', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2025-06-03T14:45:00.000Z', timeZone: 'Europe/Berlin' },
        transparency: 'opaque',
        status: 'confirmed',
      });
      expect(event.attendees).toBeUndefined();
      expect(google.server.requestsMatching(isEventWrite).every((request) => request.query.get('sendUpdates') === 'none')).toBe(true);
    });

    it('makes one event, not two, when the answer to the first create was lost', async () => {
      google.server.loseNextAnswers(1, isEventWrite);

      const { eventId } = await provider.createEvent('grace@acme.test', interviewEvent());

      expect(google.eventsOf('grace@acme.test').map((event) => event.id)).toEqual([eventId]);
      expect(google.server.requestsMatching(isEventWrite).map((request) => request.status)).toEqual(['lost', 409, 200]);
    });

    it('moves and deletes the event, and a second delete is not an error', async () => {
      const { eventId } = await provider.createEvent('grace@acme.test', interviewEvent());

      await provider.moveEvent(
        'grace@acme.test',
        eventId,
        interviewEvent({ startsAt: new Date('2025-06-04T09:00:00Z'), endsAt: new Date('2025-06-04T09:45:00Z') }),
      );
      expect(google.eventsOf('grace@acme.test')[0].start).toEqual({ dateTime: '2025-06-04T09:00:00.000Z', timeZone: 'Europe/Berlin' });

      await provider.deleteEvent('grace@acme.test', eventId);
      await provider.deleteEvent('grace@acme.test', eventId);
      expect(google.eventsOf('grace@acme.test')[0].status).toBe('cancelled');
    });

    it('fails for good, naming the person, when Google does not know the owner', async () => {
      const failure = await failureOf(provider.createEvent('nobody@acme.test', interviewEvent()));

      expect(failure).toMatchObject({ retryable: false, kind: 'not_found' });
      expect(failure.message).toBe('Google Workspace has no user nobody@acme.test, or will not let the app act for them (invalid_grant)');
    });

    it('leaves a long Retry-After to the outbox instead of waiting for it', async () => {
      google.server.failNext(
        1,
        { status: 429, headers: { 'retry-after': '120' }, body: { error: { code: 429, message: 'Rate Limit Exceeded' } } },
        isEventWrite,
      );

      const failure = await failureOf(provider.createEvent('grace@acme.test', interviewEvent()));

      expect(failure).toMatchObject({ retryable: true, kind: 'rate_limited', retryAfterMs: 120_000 });
      expect(kit.waits).toEqual([]);
    });

    it('reuses the interviewer’s token until shortly before it expires', async () => {
      google.tokenLifetimeSeconds = 300;
      for (let index = 0; index < 5; index += 1)
        await provider.createEvent('grace@acme.test', interviewEvent({ interviewId: `interview-${index}` }));
      expect(google.tokenRequests()).toHaveLength(1);

      kit.advanceClock(239_000);
      await provider.createEvent('grace@acme.test', interviewEvent({ interviewId: 'interview-5' }));
      expect(google.tokenRequests()).toHaveLength(1);

      kit.advanceClock(2_000);
      await provider.createEvent('grace@acme.test', interviewEvent({ interviewId: 'interview-6' }));
      expect(google.tokenRequests()).toHaveLength(2);
    });

    it('gets a new token when Google stops accepting the cached one', async () => {
      await provider.createEvent('grace@acme.test', interviewEvent({ interviewId: 'first' }));
      google.server.failNext(1, { status: 401, body: { error: { code: 401, message: 'Invalid Credentials' } } }, isEventWrite);

      await provider.createEvent('grace@acme.test', interviewEvent({ interviewId: 'second' }));

      expect(google.tokenRequests()).toHaveLength(2);
      expect(google.eventsOf('grace@acme.test')).toHaveLength(2);
    });

    it('never writes the key, the signed assertion or a token into a log line or an error', async () => {
      google.server.failNext(2, { status: 500, body: { error: { code: 500, message: 'Backend Error' } } }, isEventWrite);
      await provider.createEvent('grace@acme.test', interviewEvent());
      google.refuseGrant('invalid_grant');
      const refused = await failureOf(provider.createEvent('ada@acme.test', interviewEvent()));

      expect(kit.logLines.length).toBeGreaterThan(0);
      expectNoSecretIn([...kit.logLines, refused.message, refused.stack ?? ''], secrets());
    });
  });

  describe('Google Meet on the first interviewer’s event', () => {
    let meet: GoogleMeetProvider;
    const request = {
      interviewId: '0b7f4c1e-2a43-4d55-9d3e-6f1a2b3c4d5e',
      host: 'grace@acme.test',
      title: 'Interview: Ada Lovelace (Staff Engineer)',
      description: 'Interview with Ada Lovelace',
      startsAt: new Date('2025-06-03T14:00:00Z'),
      durationMinutes: 45,
      timeZone: 'Europe/Berlin',
    };

    beforeEach(() => {
      google.addUser('grace@acme.test');
      meet = new GoogleMeetProvider(provider.api, kit.options);
    });

    it('creates the event with a Meet create request and returns its hangoutLink', async () => {
      const meeting = await meet.createMeeting(request);

      expect(meeting.joinUrl).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
      const [write] = google.server.requestsMatching(isEventWrite);
      expect(write.query.get('conferenceDataVersion')).toBe('1');
      expect(write.query.get('sendUpdates')).toBe('none');
      expect((write.body as { conferenceData: unknown }).conferenceData).toEqual({
        createRequest: { requestId: meeting.meetingId, conferenceSolutionKey: { type: 'hangoutsMeet' } },
      });
      expect(await meet.findMeeting({ interviewId: request.interviewId, host: 'grace@acme.test' })).toEqual(meeting);
    });

    it('adds the Meet to the event the calendar job made first: one event, one meeting', async () => {
      const { eventId } = await provider.createEvent('grace@acme.test', interviewEvent());
      expect(await meet.findMeeting({ interviewId: request.interviewId, host: 'grace@acme.test' })).toBeNull();

      const meeting = await meet.createMeeting(request);

      expect(meeting.meetingId).toBe(eventId);
      expect(google.eventsOf('grace@acme.test')).toHaveLength(1);
      expect(google.eventsOf('grace@acme.test')[0].hangoutLink).toBe(meeting.joinUrl);
    });

    it('keeps the Meet when the calendar job writes its text on the event afterwards', async () => {
      const meeting = await meet.createMeeting(request);

      await provider.createEvent('grace@acme.test', interviewEvent());

      const [event] = google.eventsOf('grace@acme.test');
      expect(event.hangoutLink).toBe(meeting.joinUrl);
      expect(event.description).toContain('Join: https://hire.acme.test/interview/abc');
    });

    it('asks again, and makes one Meet, when Google answers the create 200 without the event (an empty body, a bare string)', async () => {
      google.server.failNext(1, { status: 200 }, isEventWrite);
      google.server.failNext(1, { status: 200, body: 'Server Error' }, isEventWrite);

      const meeting = await meet.createMeeting(request);

      expect(google.eventsOf('grace@acme.test')).toHaveLength(1);
      expect(google.eventsOf('grace@acme.test')[0].hangoutLink).toBe(meeting.joinUrl);
      expect(kit.waits).toHaveLength(2);
    });

    it('fails as unavailable (retried by the outbox), naming Google, when every answer lacks the event', async () => {
      google.server.failNext(10, { status: 200 }, isEventWrite);

      await expect(meet.createMeeting(request)).rejects.toMatchObject({
        kind: 'unavailable',
        retryable: true,
        message: 'Google Calendar answered (200) without the event (after 3 attempts)',
      });
    });

    it('makes one Meet when the answer to the create was lost', async () => {
      google.server.loseNextAnswers(1, isEventWrite);

      const meeting = await meet.createMeeting(request);

      expect(google.eventsOf('grace@acme.test')).toHaveLength(1);
      expect(google.eventsOf('grace@acme.test')[0].hangoutLink).toBe(meeting.joinUrl);
    });

    it('asks again later while Google is still setting the Meet up', async () => {
      google.setMeetCreation('pending');
      const failure = await failureOf(meet.createMeeting(request));
      expect(failure).toMatchObject({ retryable: true, retryAfterMs: 5000 });

      google.setMeetCreation('success');
      const meeting = await meet.createMeeting(request);
      expect(meeting.joinUrl).toMatch(/^https:\/\/meet\.google\.com\//);
      expect(google.eventsOf('grace@acme.test')).toHaveLength(1);
    });

    it('moves and deletes the meeting’s event', async () => {
      const meeting = await meet.createMeeting(request);

      await meet.moveMeeting(meeting.meetingId, { ...request, startsAt: new Date('2025-06-05T08:00:00Z') });
      expect(google.eventsOf('grace@acme.test')[0].end).toEqual({ dateTime: '2025-06-05T08:45:00.000Z', timeZone: 'Europe/Berlin' });

      await meet.deleteMeeting(meeting.meetingId, 'grace@acme.test');
      expect(await meet.findMeeting({ interviewId: request.interviewId, host: 'grace@acme.test' })).toBeNull();
    });
  });
});
