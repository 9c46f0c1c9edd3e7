import { MicrosoftCalendarProvider } from '../../src/calendarProviders/microsoft/microsoftCalendarProvider';
import { TeamsMeetingProvider } from '../../src/calendarProviders/microsoft/teamsMeetingProvider';
import type { InterviewCalendarEvent } from '../../src/domain/calendars/calendarProvider';
import { ProviderError } from '../../src/domain/shared/providerError';
import { FakeMicrosoftGraph } from '../support/fakeMicrosoftGraph';
import type { ReceivedRequest } from '../support/fakeProviderServer';
import { expectNoSecretIn, providerTestKit, type ProviderTestKit } from '../support/providerTestKit';

const WINDOW = { from: new Date('2025-06-02T00:00:00Z'), to: new Date('2025-06-16T00:00:00Z') };

const isGetSchedule = (request: ReceivedRequest) => request.path.endsWith('/calendar/getSchedule');
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

describe('Microsoft 365 calendars', () => {
  let graph: FakeMicrosoftGraph;
  let kit: ProviderTestKit;
  let provider: MicrosoftCalendarProvider;

  beforeEach(async () => {
    graph = await FakeMicrosoftGraph.start();
    kit = providerTestKit();
    provider = new MicrosoftCalendarProvider(graph.settings(), kit.options);
  });

  afterEach(async () => {
    await graph.close();
  });

  const secrets = () => [graph.clientSecret, ...graph.issuedTokens];

  describe('reading free/busy', () => {
    it('reads 45 people in calls of at most 20, with one token even for reads made at once', async () => {
      const people = Array.from({ length: 45 }, (_, index) => `person${index}@acme.test`);
      for (const email of people) graph.addMailbox(email, [{ status: 'busy', start: '2025-06-03T10:00:00Z', end: '2025-06-03T11:00:00Z' }]);

      const [reads] = await Promise.all([provider.readBusyPeriods(people, WINDOW), provider.readBusyPeriods(people.slice(0, 3), WINDOW)]);

      const calls = graph.server.requestsMatching(isGetSchedule);
      expect(calls.map((call) => (call.body as { schedules: unknown[] }).schedules.length).sort((a, b) => a - b)).toEqual([3, 5, 20, 20]);
      expect(graph.tokenRequests()).toHaveLength(1);
      expect(reads.get('person44@acme.test')).toEqual({
        status: 'read',
        busy: [{ startsAt: new Date('2025-06-03T10:00:00Z'), endsAt: new Date('2025-06-03T11:00:00Z') }],
      });
    });

    it('asks in UTC, as the first person, with the documented request', async () => {
      graph.addMailbox('ada@acme.test');
      graph.addMailbox('grace@acme.test');

      await provider.readBusyPeriods(['ada@acme.test', 'grace@acme.test'], WINDOW);

      const [call] = graph.server.requestsMatching(isGetSchedule);
      expect(call.path).toBe('/v1.0/users/ada%40acme.test/calendar/getSchedule');
      expect(call.headers.prefer).toBe('outlook.timezone="UTC"');
      expect(call.body).toEqual({
        schedules: ['ada@acme.test', 'grace@acme.test'],
        startTime: { dateTime: '2025-06-02T00:00:00.000', timeZone: 'UTC' },
        endTime: { dateTime: '2025-06-16T00:00:00.000', timeZone: 'UTC' },
        availabilityViewInterval: 1440,
      });
    });

    it('cuts a window of 62 days or more into parts Graph accepts, and joins what they say', async () => {
      graph.addMailbox('ada@acme.test', [
        { status: 'busy', start: '2025-06-03T10:00:00Z', end: '2025-06-03T11:00:00Z' },
        { status: 'busy', start: '2025-08-20T10:00:00Z', end: '2025-08-20T11:00:00Z' },
      ]);

      const reads = await provider.readBusyPeriods(['ada@acme.test'], { from: WINDOW.from, to: new Date('2025-08-31T00:00:00Z') });

      const calls = graph.server.requestsMatching(isGetSchedule);
      expect(calls.map((call) => call.status)).toEqual([200, 200]);
      expect(reads.get('ada@acme.test')).toEqual({
        status: 'read',
        busy: [
          { startsAt: new Date('2025-06-03T10:00:00Z'), endsAt: new Date('2025-06-03T11:00:00Z') },
          { startsAt: new Date('2025-08-20T10:00:00Z'), endsAt: new Date('2025-08-20T11:00:00Z') },
        ],
      });
    });

    it('counts busy, tentative and out-of-office as busy, and free or working elsewhere as free', async () => {
      graph.addMailbox('ada@acme.test', [
        { status: 'busy', start: '2025-06-02T09:00:00Z', end: '2025-06-02T10:00:00Z' },
        { status: 'tentative', start: '2025-06-03T09:00:00Z', end: '2025-06-03T10:00:00Z' },
        { status: 'oof', start: '2025-06-04T00:00:00Z', end: '2025-06-05T00:00:00Z' },
        { status: 'free', start: '2025-06-06T09:00:00Z', end: '2025-06-06T10:00:00Z' },
        { status: 'workingElsewhere', start: '2025-06-09T09:00:00Z', end: '2025-06-09T17:00:00Z' },
      ]);

      const read = (await provider.readBusyPeriods(['ada@acme.test'], WINDOW)).get('ada@acme.test');

      expect(read).toEqual({
        status: 'read',
        busy: [
          { startsAt: new Date('2025-06-02T09:00:00Z'), endsAt: new Date('2025-06-02T10:00:00Z') },
          { startsAt: new Date('2025-06-03T09:00:00Z'), endsAt: new Date('2025-06-03T10:00:00Z') },
          { startsAt: new Date('2025-06-04T00:00:00Z'), endsAt: new Date('2025-06-05T00:00:00Z') },
        ],
      });
    });

    it('counts a calendar with a busy period that ends before it starts as unavailable, never as free', async () => {
      graph.addMailbox('ada@acme.test');
      graph.addMailbox('grace@acme.test');
      const item = (start: string, end: string) => ({
        status: 'busy',
        start: { dateTime: start, timeZone: 'UTC' },
        end: { dateTime: end, timeZone: 'UTC' },
      });
      graph.server.failNext(
        1,
        {
          status: 200,
          body: {
            value: [
              { scheduleId: 'ada@acme.test', scheduleItems: [item('2025-06-02T17:00:00.0000000', '2025-06-02T09:00:00.0000000')] },
              { scheduleId: 'grace@acme.test', scheduleItems: [] },
            ],
          },
        },
        (request) => request.path.endsWith('/calendar/getSchedule'),
      );

      const reads = await provider.readBusyPeriods(['ada@acme.test', 'grace@acme.test'], WINDOW);

      expect(reads.get('ada@acme.test')).toEqual({
        status: 'unavailable',
        reason: "Microsoft 365 gave ada@acme.test's schedule in a form the app could not read",
      });
      expect(reads.get('grace@acme.test')).toEqual({ status: 'read', busy: [] });
    });

    it('reports a schedule’s own error as the reason it is unavailable', async () => {
      graph.addMailbox('ada@acme.test');

      const reads = await provider.readBusyPeriods(['ada@acme.test', 'nobody@acme.test'], WINDOW);

      expect(reads.get('ada@acme.test')).toEqual({ status: 'read', busy: [] });
      expect(reads.get('nobody@acme.test')).toEqual({
        status: 'unavailable',
        reason:
          "Microsoft 365 could not read nobody@acme.test's calendar (ErrorMailRecipientNotFound: The user 'nobody@acme.test' wasn't found.)",
      });
    });

    it('makes the call as the next person when Graph does not know, or may not read, the first', async () => {
      graph.addMailbox('walled@acme.test');
      graph.denyAccessTo('walled@acme.test');
      graph.addMailbox('grace@acme.test');

      const reads = await provider.readBusyPeriods(['gone@acme.test', 'walled@acme.test', 'grace@acme.test'], WINDOW);

      expect(reads.get('gone@acme.test')).toEqual({
        status: 'unavailable',
        reason: "Microsoft 365 could not read free/busy times (404 ErrorInvalidUser: The requested user 'gone@acme.test' is invalid.)",
      });
      expect(reads.get('walled@acme.test')).toMatchObject({
        status: 'unavailable',
        reason: expect.stringMatching(
          /^Microsoft 365 could not read free\/busy times \(403 ErrorAccessDenied: .*check the Calendars.ReadWrite consent/,
        ),
      });
      expect(reads.get('grace@acme.test')).toEqual({ status: 'read', busy: [] });
    });

    it('marks everyone unavailable, naming the settings to check, when Entra refuses the secret', async () => {
      graph.addMailbox('ada@acme.test');
      graph.revokeSecret();

      const read = (await provider.readBusyPeriods(['ada@acme.test'], WINDOW)).get('ada@acme.test');

      expect(read).toEqual({
        status: 'unavailable',
        reason:
          "Microsoft Entra refused the app's credentials (invalid_client, AADSTS7000215): check MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET, and that the secret has not expired",
      });
      expectNoSecretIn([...kit.logLines, JSON.stringify(read)], secrets());
    });

    it('honours a Retry-After given as an HTTP date', async () => {
      graph.addMailbox('ada@acme.test');
      // HTTP dates have whole seconds: two seconds from now, rounded up.
      const inTwoSeconds = new Date(Math.ceil((kit.now() + 2_000) / 1000) * 1000).toUTCString();
      graph.server.failNext(
        1,
        {
          status: 429,
          headers: { 'retry-after': inTwoSeconds },
          body: { error: { code: 'TooManyRequests', message: 'Please retry again later.' } },
        },
        isGetSchedule,
      );

      const read = (await provider.readBusyPeriods(['ada@acme.test'], WINDOW)).get('ada@acme.test');

      expect(read).toEqual({ status: 'read', busy: [] });
      expect(kit.waits).toHaveLength(1);
      expect(kit.waits[0]).toBeGreaterThanOrEqual(2_000);
      expect(kit.waits[0]).toBeLessThan(3_000);
    });
  });

  describe('within the read’s time budget', () => {
    const BUDGET_MS = 1_000;

    it('reads the rest each as themselves, at once, after two refused mailboxes, and answers within the budget when those reads hang', async () => {
      const budgeted = new MicrosoftCalendarProvider(graph.settings(), { ...kit.options, calendarReadBudgetMs: BUDGET_MS });
      const people = Array.from({ length: 6 }, (_, index) => `person${index}@acme.test`);
      for (const address of ['walled@acme.test', ...people]) graph.addMailbox(address);
      graph.denyAccessTo('walled@acme.test');
      let ownReadsStarted = 0;
      graph.server.holdNextAnswers(100, (request) => {
        const ownRead = isGetSchedule(request) && (JSON.parse(request.text) as { schedules: unknown[] }).schedules.length === 1;
        if (ownRead) ownReadsStarted += 1;
        return ownRead;
      });

      const startedAt = Date.now();
      const reads = await budgeted.readBusyPeriods(['gone@acme.test', 'walled@acme.test', ...people], WINDOW);

      expect(Date.now() - startedAt).toBeLessThan(2 * BUDGET_MS);
      expect(reads.get('gone@acme.test')).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/404 ErrorInvalidUser/) });
      expect(reads.get('walled@acme.test')).toMatchObject({
        status: 'unavailable',
        reason: expect.stringMatching(/403 ErrorAccessDenied/),
      });
      expect(ownReadsStarted).toBe(6);
      for (const address of people) {
        expect(reads.get(address)).toEqual({
          status: 'unavailable',
          reason: `Microsoft 365 did not answer in time (the ${BUDGET_MS} ms a calendar read may take ran out)`,
        });
      }
    });

    it('reads each as themselves when they answer', async () => {
      for (const address of ['walled@acme.test', 'ada@acme.test', 'grace@acme.test']) graph.addMailbox(address);
      graph.denyAccessTo('walled@acme.test');

      const reads = await provider.readBusyPeriods(['gone@acme.test', 'walled@acme.test', 'ada@acme.test', 'grace@acme.test'], WINDOW);

      expect(reads.get('ada@acme.test')).toEqual({ status: 'read', busy: [] });
      expect(reads.get('grace@acme.test')).toEqual({ status: 'read', busy: [] });
    });
  });

  describe('writing the interview on an interviewer’s calendar', () => {
    beforeEach(() => {
      graph.addMailbox('grace@acme.test');
    });

    it('creates the event in the owner’s calendar with no attendees, in UTC, marked with the interview', async () => {
      const { eventId } = await provider.createEvent('grace@acme.test', interviewEvent());

      const [event] = graph.eventsOf('grace@acme.test');
      expect(event).toMatchObject({
        id: eventId,
        subject: 'Interview: Ada Lovelace (Staff Engineer)',
        body: { contentType: 'text', content: 'Join: https://hire.acme.test/interview/abc\nWith: Grace Hopper, Ada Lovelace' },
        start: { dateTime: '2025-06-03T14:00:00.000', timeZone: 'UTC' },
        end: { dateTime: '2025-06-03T14:45:00.000', timeZone: 'UTC' },
        showAs: 'busy',
        transactionId: 'interview-0b7f4c1e-2a43-4d55-9d3e-6f1a2b3c4d5e',
      });
      expect(event.attendees).toBeUndefined();
    });

    it('makes one event, not two, when the answer to the first create was lost', async () => {
      graph.server.loseNextAnswers(1, isEventWrite);

      const { eventId } = await provider.createEvent('grace@acme.test', interviewEvent());

      expect(graph.eventsOf('grace@acme.test').map((event) => event.id)).toEqual([eventId]);
      expect(graph.server.requestsMatching(isEventWrite).map((request) => request.status)).toEqual(['lost', 201]);
    });

    it('asks again, and makes one event, when Graph answers the create 201 without the event', async () => {
      graph.server.loseNextAnswers(1, isEventWrite);
      graph.server.failNext(1, { status: 201 }, isEventWrite);

      const { eventId } = await provider.createEvent('grace@acme.test', interviewEvent());

      expect(graph.eventsOf('grace@acme.test').map((event) => event.id)).toEqual([eventId]);
      expect(kit.waits).toHaveLength(2);
    });

    it('fails as unavailable (retried by the outbox), naming Microsoft 365, when every answer lacks the event', async () => {
      graph.server.failNext(10, { status: 201, body: 'Created' }, isEventWrite);

      await expect(provider.createEvent('grace@acme.test', interviewEvent())).rejects.toMatchObject({
        kind: 'unavailable',
        retryable: true,
        message: 'Microsoft 365 answered (201) without the event (after 3 attempts)',
      });
    });

    it('moves and deletes the event, and a second delete is not an error', async () => {
      const { eventId } = await provider.createEvent('grace@acme.test', interviewEvent());

      await provider.moveEvent(
        'grace@acme.test',
        eventId,
        interviewEvent({ startsAt: new Date('2025-06-04T09:00:00Z'), endsAt: new Date('2025-06-04T09:45:00Z') }),
      );
      expect(graph.eventsOf('grace@acme.test')[0].start).toEqual({ dateTime: '2025-06-04T09:00:00.000', timeZone: 'UTC' });

      await provider.deleteEvent('grace@acme.test', eventId);
      await provider.deleteEvent('grace@acme.test', eventId);
      expect(graph.eventsOf('grace@acme.test')).toEqual([]);
    });

    it('fails for good, naming the mailbox, when Graph does not know the owner', async () => {
      const failure = await failureOf(provider.createEvent('nobody@acme.test', interviewEvent()));

      expect(failure).toMatchObject({ retryable: false, kind: 'not_found' });
      expect(failure.message).toBe(
        "Microsoft 365 could not add the interview to nobody@acme.test's calendar (404 ErrorInvalidUser: The requested user 'nobody@acme.test' is invalid.)",
      );
    });

    it('keeps one token for many calls until shortly before it expires, and replaces one Graph stops accepting', async () => {
      graph.tokenLifetimeSeconds = 300;
      for (let index = 0; index < 4; index += 1)
        await provider.createEvent('grace@acme.test', interviewEvent({ interviewId: `interview-${index}` }));
      expect(graph.tokenRequests()).toHaveLength(1);

      kit.advanceClock(241_000);
      await provider.createEvent('grace@acme.test', interviewEvent({ interviewId: 'interview-4' }));
      expect(graph.tokenRequests()).toHaveLength(2);

      graph.server.failNext(
        1,
        { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired.' } } },
        isEventWrite,
      );
      await provider.createEvent('grace@acme.test', interviewEvent({ interviewId: 'interview-5' }));
      expect(graph.tokenRequests()).toHaveLength(3);
      expect(graph.eventsOf('grace@acme.test')).toHaveLength(6);
    });

    it('never writes the client secret or a token into a log line or an error', async () => {
      graph.server.failNext(
        2,
        { status: 503, body: { error: { code: 'ServiceUnavailable', message: 'Service Unavailable' } } },
        isEventWrite,
      );
      await provider.createEvent('grace@acme.test', interviewEvent());
      graph.revokeSecret();
      kit.advanceClock(3_600_000);
      const refused = await failureOf(provider.createEvent('grace@acme.test', interviewEvent({ interviewId: 'another' })));

      expect(refused.kind).toBe('grant_refused');
      expect(kit.logLines.length).toBeGreaterThan(0);
      expectNoSecretIn([...kit.logLines, refused.message, refused.stack ?? ''], secrets());
    });
  });

  describe('Teams on the first interviewer’s event', () => {
    let teams: TeamsMeetingProvider;
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
      graph.addMailbox('grace@acme.test');
      teams = new TeamsMeetingProvider(provider.api, kit.options);
    });

    it('creates the event as a Teams meeting and returns its join URL, findable by the interview', async () => {
      const meeting = await teams.createMeeting(request);

      expect(meeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
      expect(graph.eventsOf('grace@acme.test')[0]).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
      expect(await teams.findMeeting({ interviewId: request.interviewId, host: 'grace@acme.test' })).toEqual(meeting);
      expect(await teams.findMeeting({ interviewId: 'another-interview', host: 'grace@acme.test' })).toBeNull();
    });

    it('turns the event the calendar job made first into the meeting: one event', async () => {
      const { eventId } = await provider.createEvent('grace@acme.test', interviewEvent());

      const meeting = await teams.createMeeting(request);

      expect(meeting.meetingId).toBe(eventId);
      expect(graph.eventsOf('grace@acme.test')).toHaveLength(1);
      expect(graph.eventsOf('grace@acme.test')[0].onlineMeeting?.joinUrl).toBe(meeting.joinUrl);
    });

    it('makes one meeting when the answer to the create was lost', async () => {
      graph.server.loseNextAnswers(1, isEventWrite);

      const meeting = await teams.createMeeting(request);

      expect(graph.eventsOf('grace@acme.test')).toHaveLength(1);
      expect(graph.eventsOf('grace@acme.test')[0].onlineMeeting?.joinUrl).toBe(meeting.joinUrl);
    });

    it('moves and deletes the meeting’s event', async () => {
      const meeting = await teams.createMeeting(request);

      await teams.moveMeeting(meeting.meetingId, { ...request, startsAt: new Date('2025-06-05T08:00:00Z') });
      expect(graph.eventsOf('grace@acme.test')[0].end).toEqual({ dateTime: '2025-06-05T08:45:00.000', timeZone: 'UTC' });

      await teams.deleteMeeting(meeting.meetingId, 'grace@acme.test');
      expect(await teams.findMeeting({ interviewId: request.interviewId, host: 'grace@acme.test' })).toBeNull();
    });
  });
});
