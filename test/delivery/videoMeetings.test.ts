import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/logger';
import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';
import type { ReceivedRequest } from '../support/fakeProviderServer';
import { FakeGoogleApis } from '../support/fakeGoogleApis';
import { FakeMicrosoftGraph } from '../support/fakeMicrosoftGraph';
import { FakeZoomApi } from '../support/fakeZoomApi';
import { expectNoSecretIn } from '../support/providerTestKit';
import { eventually, outboxSettled, startTestApplication, type TestApplication } from '../support/testApplication';
import { googleCalendarEnv, microsoftCalendarEnv, zoomMeetingEnv } from '../support/calendarProviderEnv';

interface MeetingJson {
  provider: string;
  status: 'pending' | 'ready' | 'failed';
  joinUrl?: string;
  reason?: string;
}

interface InterviewJson {
  id: string;
  interviewLink: string;
  meetingUrl: string | null;
  meeting: MeetingJson | null;
}

const isZoomCreate = (request: ReceivedRequest) => request.method === 'POST' && /^\/v2\/users\/[^/]+\/meetings$/.test(request.path);

/** Every log line the app writes, to check that no credential or token reaches one. */
function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, logger: createLogger('trace', sink) };
}

function hoursFromNow(hours: number): string {
  return new Date(Math.ceil(Date.now() / 3_600_000 + hours) * 3_600_000).toISOString();
}

/** Talks to the running app's API about interviews. */
function interviewsApi(app: () => TestApplication) {
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${app().url}/api/interviews${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as InterviewJson & { error?: { fields?: unknown } } };
  };
  return {
    send,
    schedule: async (interviewer: string, extra: Record<string, unknown> = {}) => {
      const created = await send('POST', '', {
        candidateName: 'Ada Lovelace',
        candidateEmail: 'ada@example.com',
        role: 'Staff Engineer',
        interviewers: [interviewer],
        scheduledTime: hoursFromNow(30),
        ...extra,
      });
      expect(created.status).toBe(201);
      return created.body;
    },
    get: async (id: string) => (await send('GET', `/${id}`)).body,
    /** Waits until the interview's first meeting_delete job has run (found nothing to delete, or deleted). */
    meetingDeleteDone: (id: string) =>
      eventually(async () => {
        const shown = (await send('GET', `/${id}`)).body as unknown as { deliveries: Array<{ kind: string; status: string }> };
        return shown.deliveries.some((job) => job.kind === 'meeting_delete' && (job.status === 'skipped' || job.status === 'delivered'));
      }, 'the meeting_delete job to run'),
    meetingOnceSettled: (id: string) =>
      eventually(async () => {
        const { meeting } = (await send('GET', `/${id}`)).body;
        return meeting && meeting.status !== 'pending' ? meeting : null;
      }, 'the meeting to be made or refused'),
  };
}

describeOnEachDatabase('Zoom meetings behind the join link', (openDatabase) => {
  let database: TestDatabase;
  let zoom: FakeZoomApi;
  let app: TestApplication;
  const logs = capturedLogger();
  const api = interviewsApi(() => app);

  beforeAll(async () => {
    database = await openDatabase();
    zoom = await FakeZoomApi.start();
    zoom.addUser('grace@acme.test');
    app = await startTestApplication({
      env: {
        ...database.env,
        ...zoomMeetingEnv(zoom),
      },
      logger: logs.logger,
    });
  });
  afterAll(async () => {
    await app?.close();
    await zoom?.close();
    await database?.drop();
  });

  it('answers at once with the meeting pending, then makes exactly one Zoom meeting hosted by the first interviewer, even when Zoom’s answer is lost', async () => {
    zoom.server.loseNextAnswers(1, isZoomCreate);

    const interview = await api.schedule('grace@acme.test');
    expect(interview.meetingUrl).toBeNull();

    const meeting = await api.meetingOnceSettled(interview.id);
    const made = zoom.liveMeetings().filter((each) => each.agenda?.includes(interview.id));
    expect(made).toHaveLength(1);
    expect(made[0].host_email).toBe('grace@acme.test');
    expect(meeting).toEqual({ provider: 'zoom', status: 'ready', joinUrl: made[0].join_url });
    const shown = await api.get(interview.id);
    expect(shown.meetingUrl).toBe(made[0].join_url);
    expect(JSON.stringify(shown)).not.toContain(made[0].start_url);
    expect(zoom.server.requestsMatching(isZoomCreate).map((request) => request.status)).toEqual(['lost']);
  });

  it('sends the invitation without waiting for the meeting, which is made once Zoom answers again', async () => {
    let zoomDown = true;
    zoom.server.failNext(
      1_000,
      { status: 503, body: { code: 503, message: 'Service unavailable' } },
      (request) => zoomDown && isZoomCreate(request),
    );

    const interview = await api.schedule('grace@acme.test', { candidateEmail: 'no-wait@example.com' });
    const invited = await eventually(async () => {
      const shown = (await api.send('GET', `/${interview.id}`)).body as unknown as InterviewJson & {
        deliveries: Array<{ kind: string; status: string }>;
      };
      return shown.deliveries.some((job) => job.kind === 'candidate_invitation' && job.status === 'delivered') ? shown : null;
    }, 'the invitation to go out');
    expect(invited.meeting).toEqual({ provider: 'zoom', status: 'pending' });

    zoomDown = false;
    expect(await api.meetingOnceSettled(interview.id)).toMatchObject({ provider: 'zoom', status: 'ready' });
  });

  it('waits out Zoom’s 429 and its Retry-After, then makes the meeting once', async () => {
    zoom.server.failNext(
      3,
      { status: 429, headers: { 'retry-after': '1' }, body: { code: 429, message: 'Too many requests' } },
      isZoomCreate,
    );

    const interview = await api.schedule('grace@acme.test');

    expect(await api.meetingOnceSettled(interview.id)).toMatchObject({ provider: 'zoom', status: 'ready' });
    expect(zoom.liveMeetings().filter((each) => each.agenda?.includes(interview.id))).toHaveLength(1);
  });

  it.each([['999999'], ['99999999999999'], ['Fri, 31 Dec 9999 23:59:59 GMT']])(
    'waits no longer than DELIVERY_RETRY_MAX_MS when Zoom answers 429 with Retry-After: %s, and the interview stays readable',
    async (retryAfter) => {
      zoom.server.failNext(
        1,
        { status: 429, headers: { 'retry-after': retryAfter }, body: { code: 429, message: 'Slow down' } },
        isZoomCreate,
      );

      const interview = await api.schedule('grace@acme.test');

      // The test app caps waits at 2 s: the meeting is made soon after, not in 11 days or in the year 9999.
      const made = await eventually(
        async () => {
          const shown = await api.send('GET', `/${interview.id}`);
          return shown.status === 200 && shown.body.meeting?.status === 'ready' ? shown.body.meeting : null;
        },
        'the meeting to be made after the capped wait',
        10_000,
      );
      expect(made).toMatchObject({ provider: 'zoom', status: 'ready' });
    },
  );

  it.each([['javascript:alert(document.cookie)'], ['data:text/html,<script>alert(1)</script>'], ['https://zoom.test/j/1\u0000x']])(
    'never takes a join link Zoom gives that is no plain http(s) link (%j): the meeting fails, saying so, and nothing links to it',
    async (joinUrl) => {
      zoom.server.failNext(1, { status: 201, body: { id: 987654321, join_url: joinUrl } }, isZoomCreate);

      const interview = await api.schedule('grace@acme.test');

      expect(await api.meetingOnceSettled(interview.id)).toEqual({
        provider: 'zoom',
        status: 'failed',
        reason: "The zoom meeting's join link is not an http(s) link; set the call link by hand.",
      });
      // The interview's link (which the join page, the emails and Slack lead to) is not set to it.
      const shown = await api.get(interview.id);
      expect(shown.meetingUrl).toBeNull();
      expect(JSON.stringify(shown)).not.toContain(joinUrl.slice(0, 12));
    },
  );

  it('moves the meeting when the interview is rescheduled, leaves it when the link is rotated, and deletes it when cancelled', async () => {
    const interview = await api.schedule('grace@acme.test');
    await api.meetingOnceSettled(interview.id);
    const [meeting] = zoom.liveMeetings().filter((each) => each.agenda?.includes(interview.id));

    const newTime = hoursFromNow(50);
    expect((await api.send('PATCH', `/${interview.id}`, { scheduledTime: newTime })).status).toBe(200);
    await eventually(() => meeting.start_time === `${newTime.slice(0, 19)}Z`, 'the Zoom meeting to move');

    expect((await api.send('POST', `/${interview.id}/rotate-link`)).status).toBe(200);
    await outboxSettled(app.database);
    expect((await api.get(interview.id)).meeting).toEqual({ provider: 'zoom', status: 'ready', joinUrl: meeting.join_url });
    expect(meeting.deleted).toBeFalsy();

    expect((await api.send('POST', `/${interview.id}/cancel`)).status).toBe(200);
    await eventually(() => meeting.deleted, 'the Zoom meeting to be deleted');
  });

  it('marks the meeting failed with Zoom’s reason when the host is unknown, and the organizer sets the link by hand', async () => {
    const interview = await api.schedule('nobody@acme.test');

    const meeting = await api.meetingOnceSettled(interview.id);
    expect(meeting.status).toBe('failed');
    expect(meeting.reason).toMatch(/nobody@acme\.test/);
    expect((await api.get(interview.id)).meetingUrl).toBeNull();

    const bad = await api.send('PATCH', `/${interview.id}`, { meetingUrl: 'javascript:alert(1)' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('meetingUrl');
    const mixed = await api.send('PATCH', `/${interview.id}`, { meetingUrl: 'https://meet.example.com/x', durationMinutes: 30 });
    expect(mixed.status).toBe(400);

    const set = await api.send('PATCH', `/${interview.id}`, { meetingUrl: 'https://meet.example.com/ada' });
    expect(set.status).toBe(200);
    expect(set.body.meeting).toEqual({ provider: 'url', status: 'ready', joinUrl: 'https://meet.example.com/ada' });
    expect((await api.get(interview.id)).meetingUrl).toBe('https://meet.example.com/ada');
  });

  it('keeps the candidate on their join page: the call is being prepared until it exists, then the page leads to its join link, never the host’s', async () => {
    const soon = new Date(Date.now() + 10 * 60_000).toISOString();
    const refused = await api.schedule('nobody@acme.test', { scheduledTime: soon });
    expect(refused.interviewLink).toContain('/interview/?session_key=');
    await api.meetingOnceSettled(refused.id);
    const preparing = await (await fetch(refused.interviewLink.replace(/^https?:\/\/[^/]+/, app.url))).text();
    expect(preparing).toContain('Your video call is being prepared');
    expect(preparing).not.toContain('Join the call</a>');

    await api.send('PATCH', `/${refused.id}`, { meetingUrl: 'https://meet.example.com/by-hand' });
    const byHand = await (await fetch(refused.interviewLink.replace(/^https?:\/\/[^/]+/, app.url))).text();
    expect(byHand).toContain('href="https://meet.example.com/by-hand"');

    const made = await api.schedule('grace@acme.test', { scheduledTime: soon, candidateEmail: 'second@example.com' });
    await api.meetingOnceSettled(made.id);
    const [meeting] = zoom.liveMeetings().filter((each) => each.agenda?.includes(made.id));
    const page = await (await fetch(made.interviewLink.replace(/^https?:\/\/[^/]+/, app.url))).text();
    expect(page).toContain(`href="${meeting.join_url}"`);
    expect(page).not.toContain(meeting.start_url);
  });

  it('refreshes the join page by itself while the call is being prepared, then shows the made meeting’s join link, never the host’s', async () => {
    let zoomDown = true;
    zoom.server.failNext(
      1_000,
      { status: 503, body: { code: 503, message: 'Service unavailable' } },
      (request) => zoomDown && isZoomCreate(request),
    );
    const soon = new Date(Date.now() + 10 * 60_000).toISOString();
    const interview = await api.schedule('grace@acme.test', { scheduledTime: soon, candidateEmail: 'refresh@example.com' });
    const pageUrl = interview.interviewLink.replace(/^https?:\/\/[^/]+/, app.url);

    const preparing = await fetch(pageUrl);
    const preparingHtml = await preparing.text();
    expect(preparingHtml).toContain('Your video call is being prepared');
    expect(preparingHtml).toMatch(/<head>[\s\S]*<meta http-equiv="refresh" content="15">[\s\S]*<\/head>/);
    expect(preparingHtml).toContain('This page refreshes itself every 15 seconds');
    expect(preparingHtml).not.toContain('Join the call</a>');
    expect(preparing.headers.get('content-security-policy')).toContain("default-src 'none'");

    zoomDown = false;
    expect(await api.meetingOnceSettled(interview.id)).toMatchObject({ status: 'ready' });
    const [meeting] = zoom.liveMeetings().filter((each) => each.agenda?.includes(interview.id));
    const ready = await (await fetch(pageUrl)).text();
    expect(ready).not.toContain('http-equiv="refresh"');
    expect(ready).toContain(`href="${meeting.join_url}"`);
    expect(ready).not.toContain(meeting.start_url);
  });

  it('deletes the Zoom meeting when the organizer sets a link by hand instead, leaving no stray meeting', async () => {
    const interview = await api.schedule('grace@acme.test', { candidateEmail: 'by-hand@example.com' });
    await api.meetingOnceSettled(interview.id);
    const [made] = zoom.liveMeetings().filter((each) => each.agenda?.includes(interview.id));

    const set = await api.send('PATCH', `/${interview.id}`, { meetingUrl: 'https://meet.example.com/instead' });
    expect(set.status).toBe(200);
    expect(set.body.meeting).toEqual({ provider: 'url', status: 'ready', joinUrl: 'https://meet.example.com/instead' });

    await eventually(() => made.deleted, 'the replaced Zoom meeting to be deleted');
    await outboxSettled(app.database);
    expect(zoom.liveMeetings().filter((each) => each.agenda?.includes(interview.id))).toHaveLength(0);
    const shown = await api.get(interview.id);
    expect(shown.meeting).toEqual({ provider: 'url', status: 'ready', joinUrl: 'https://meet.example.com/instead' });
    expect(shown.meetingUrl).toBe('https://meet.example.com/instead');
  });

  it('deletes a meeting Zoom was still making when the organizer set a link by hand', async () => {
    const held = zoom.server.holdNextAnswers(1, isZoomCreate, { workFirst: false });
    const interview = await api.schedule('grace@acme.test', { candidateEmail: 'by-hand-racing@example.com' });
    await held.arrived;

    expect((await api.send('PATCH', `/${interview.id}`, { meetingUrl: 'https://meet.example.com/racing' })).status).toBe(200);
    await api.meetingDeleteDone(interview.id);
    expect(zoom.allMeetings().filter((each) => each.agenda?.includes(interview.id))).toHaveLength(0);
    held.release();

    await eventually(
      () =>
        zoom
          .allMeetings()
          .filter((each) => each.agenda?.includes(interview.id))
          .every((each) => each.deleted),
      'the meeting made meanwhile to be deleted',
    );
    await outboxSettled(app.database);
    expect(zoom.allMeetings().filter((each) => each.agenda?.includes(interview.id))).toHaveLength(1);
    expect(zoom.liveMeetings().filter((each) => each.agenda?.includes(interview.id))).toHaveLength(0);
    expect((await api.get(interview.id)).meeting).toEqual({ provider: 'url', status: 'ready', joinUrl: 'https://meet.example.com/racing' });
  });

  it('leaves no meeting at Zoom for an interview cancelled while Zoom was making it', async () => {
    const held = zoom.server.holdNextAnswers(1, isZoomCreate, { workFirst: false });
    const interview = await api.schedule('grace@acme.test', { candidateEmail: 'cancel-racing@example.com' });
    await held.arrived;

    expect((await api.send('POST', `/${interview.id}/cancel`)).status).toBe(200);
    await api.meetingDeleteDone(interview.id);
    expect(zoom.allMeetings().filter((each) => each.agenda?.includes(interview.id))).toHaveLength(0);
    held.release();

    await eventually(
      () =>
        zoom
          .allMeetings()
          .filter((each) => each.agenda?.includes(interview.id))
          .every((each) => each.deleted),
      'the meeting made meanwhile to be deleted',
    );
    await outboxSettled(app.database);
    expect(zoom.allMeetings().filter((each) => each.agenda?.includes(interview.id))).toHaveLength(1);
    expect(zoom.liveMeetings().filter((each) => each.agenda?.includes(interview.id))).toHaveLength(0);
    expect((await api.get(interview.id)).meeting?.status).not.toBe('ready');
  });

  it('leaves no meeting at Zoom for an interview cancelled while Zoom was refusing its create', async () => {
    let zoomDown = true;
    zoom.server.failNext(
      1_000,
      { status: 503, body: { code: 503, message: 'Service unavailable' } },
      (request) => zoomDown && isZoomCreate(request),
    );
    const interview = await api.schedule('grace@acme.test', { candidateEmail: 'cancel-queued@example.com' });
    await eventually(
      () => zoom.server.requests.some((request) => isZoomCreate(request) && request.status === 503),
      'Zoom to refuse the first create',
    );

    expect((await api.send('POST', `/${interview.id}/cancel`)).status).toBe(200);
    zoomDown = false;
    await outboxSettled(app.database, 15_000);
    expect(zoom.liveMeetings().filter((each) => each.agenda?.includes(interview.id))).toHaveLength(0);
    expect(zoom.allMeetings().filter((each) => each.agenda?.includes(interview.id)).length).toBeLessThanOrEqual(1);
    expect((await api.get(interview.id)).meeting?.status).not.toBe('ready');
  });

  it('makes the meeting again, once, under the new first interviewer when the host changes, keeping the candidate’s link', async () => {
    zoom.addUser('alan@acme.test');
    const interview = await api.schedule('grace@acme.test', { candidateEmail: 'rehost@example.com' });
    await api.meetingOnceSettled(interview.id);
    const [first] = zoom.liveMeetings().filter((each) => each.agenda?.includes(interview.id));

    const sameHost = await api.send('PATCH', `/${interview.id}`, { interviewers: ['grace@acme.test', 'alan@acme.test'] });
    expect(sameHost.status).toBe(200);
    await outboxSettled(app.database);
    expect(zoom.allMeetings().filter((each) => each.agenda?.includes(interview.id))).toEqual([first]);
    expect(first.deleted).toBe(false);

    const newHost = await api.send('PATCH', `/${interview.id}`, { interviewers: ['alan@acme.test', 'grace@acme.test'] });
    expect(newHost.status).toBe(200);
    expect(newHost.body.interviewLink).toBe(interview.interviewLink);
    await eventually(() => first.deleted, 'the former host’s meeting to be deleted');
    const meeting = await eventually(async () => {
      const shown = (await api.get(interview.id)).meeting;
      return shown?.status === 'ready' && shown.joinUrl !== first.join_url ? shown : null;
    }, 'the meeting to be made under the new host');
    await outboxSettled(app.database);
    const live = zoom.liveMeetings().filter((each) => each.agenda?.includes(interview.id));
    expect(live).toHaveLength(1);
    expect(live[0].host_email).toBe('alan@acme.test');
    expect(meeting).toEqual({ provider: 'zoom', status: 'ready', joinUrl: live[0].join_url });
    const shown = await api.get(interview.id);
    expect(shown.meetingUrl).toBe(live[0].join_url);
    expect(shown.interviewLink).toBe(interview.interviewLink);
    expect(zoom.allMeetings().filter((each) => each.agenda?.includes(interview.id))).toHaveLength(2);
  });

  it('tries a refused meeting again under a new first interviewer', async () => {
    const interview = await api.schedule('nobody@acme.test', { candidateEmail: 'refused-then-rehosted@example.com' });
    expect((await api.meetingOnceSettled(interview.id)).status).toBe('failed');

    expect((await api.send('PATCH', `/${interview.id}`, { interviewers: ['grace@acme.test'] })).status).toBe(200);
    const meeting = await eventually(async () => {
      const shown = (await api.get(interview.id)).meeting;
      return shown?.status === 'ready' ? shown : null;
    }, 'the meeting to be made under the new first interviewer');
    const made = zoom.liveMeetings().filter((each) => each.agenda?.includes(interview.id));
    expect(made.map((each) => each.host_email)).toEqual(['grace@acme.test']);
    expect(meeting).toEqual({ provider: 'zoom', status: 'ready', joinUrl: made[0].join_url });
  });

  it('moves a meeting Zoom made under the former host while the host changed to the new host', async () => {
    zoom.addUser('alan@acme.test');
    const held = zoom.server.holdNextAnswers(1, isZoomCreate);
    const interview = await api.schedule('grace@acme.test', { candidateEmail: 'rehost-racing@example.com' });
    await held.arrived;

    expect((await api.send('PATCH', `/${interview.id}`, { interviewers: ['alan@acme.test'] })).status).toBe(200);
    held.release();

    const meeting = await eventually(async () => {
      const live = zoom.liveMeetings().filter((each) => each.agenda?.includes(interview.id));
      const shown = (await api.get(interview.id)).meeting;
      return live.length === 1 && live[0].host_email === 'alan@acme.test' && shown?.joinUrl === live[0].join_url ? shown : null;
    }, 'the meeting to be made under the new host only');
    await outboxSettled(app.database);
    const made = zoom.allMeetings().filter((each) => each.agenda?.includes(interview.id));
    expect(made.map((each) => [each.host_email, each.deleted])).toEqual([
      ['grace@acme.test', true],
      ['alan@acme.test', false],
    ]);
    expect(meeting.status).toBe('ready');
  });

  it('makes no meeting for an interview given its own link', async () => {
    const interview = await api.schedule('grace@acme.test', { meetingUrl: 'https://meet.example.com/own' });
    await outboxSettled(app.database);
    expect((await api.get(interview.id)).meeting).toEqual({ provider: 'url', status: 'ready', joinUrl: 'https://meet.example.com/own' });
    expect(zoom.allMeetings().filter((each) => each.agenda?.includes(interview.id))).toHaveLength(0);
  });

  it('never writes Zoom’s credentials or tokens to a log line', async () => {
    await outboxSettled(app.database);
    expect(zoom.issuedTokens.length).toBeGreaterThan(0);
    expect(logs.lines.length).toBeGreaterThan(0);
    expectNoSecretIn(logs.lines, [
      zoom.clientSecret,
      Buffer.from(`${zoom.clientId}:${zoom.clientSecret}`).toString('base64'),
      ...zoom.issuedTokens,
    ]);
  });
});

describeOnEachDatabase('Google Meet on the first interviewer’s calendar event', (openDatabase) => {
  let database: TestDatabase;
  let google: FakeGoogleApis;
  let app: TestApplication;
  const logs = capturedLogger();
  const api = interviewsApi(() => app);
  const isEventInsert = (request: ReceivedRequest) => request.method === 'POST' && request.path.endsWith('/events');

  beforeAll(async () => {
    database = await openDatabase();
    google = await FakeGoogleApis.start();
    google.addUser('grace@acme.test');
    google.addUser('alan@acme.test');
    app = await startTestApplication({
      env: {
        ...database.env,
        VIDEO_PROVIDER: 'google-meet',
        ...googleCalendarEnv(google),
      },
      logger: logs.logger,
    });
  });
  afterAll(async () => {
    await app?.close();
    await google?.close();
    await database?.drop();
  });

  it('makes one event with one Meet, even when Google’s answer is lost, and moves and deletes it with the interview', async () => {
    google.server.loseNextAnswers(1, isEventInsert);

    const interview = await api.schedule('grace@acme.test');
    const meeting = await api.meetingOnceSettled(interview.id);

    const events = google.eventsOf('grace@acme.test').filter((event) => event.status !== 'cancelled');
    expect(events).toHaveLength(1);
    expect(meeting).toEqual({ provider: 'google-meet', status: 'ready', joinUrl: events[0].hangoutLink });
    expect(google.server.requestsMatching(isEventInsert)[0].query.get('conferenceDataVersion')).toBe('1');

    const newTime = hoursFromNow(52);
    expect((await api.send('PATCH', `/${interview.id}`, { scheduledTime: newTime })).status).toBe(200);
    await eventually(
      () => new Date(google.eventsOf('grace@acme.test')[0].start?.dateTime ?? 0).toISOString() === newTime,
      'the Meet’s event to move',
    );
    expect((await api.send('POST', `/${interview.id}/cancel`)).status).toBe(200);
    await eventually(() => google.eventsOf('grace@acme.test')[0].status === 'cancelled', 'the Meet’s event to be deleted');
  });

  it('with the Google calendar on: one organizer event carries the Meet, the other interviewer gets a plain event; reschedule moves it once, cancel deletes it once', async () => {
    const requestsBefore = google.server.requests.length;
    const interview = await api.schedule('grace@acme.test', { interviewers: ['grace@acme.test', 'alan@acme.test'] });
    const meeting = await api.meetingOnceSettled(interview.id);
    await outboxSettled(app.database);
    const eventId = google.eventsOf('grace@acme.test').find((event) => event.status !== 'cancelled')?.id;
    const organizerEvents = google.eventsOf('grace@acme.test').filter((event) => event.id === eventId);
    const onGraces = (method: string) =>
      google.server.requests
        .slice(requestsBefore)
        .filter(
          (request) =>
            request.method === method &&
            request.path.includes('/events') &&
            google.actingAs(request) === 'grace@acme.test' &&
            request.path.endsWith(`/events${method === 'POST' ? '' : `/${eventId}`}`),
        );

    expect(organizerEvents).toHaveLength(1);
    expect(organizerEvents[0].hangoutLink).toBeTruthy();
    expect(meeting).toEqual({ provider: 'google-meet', status: 'ready', joinUrl: organizerEvents[0].hangoutLink });
    const inserts = onGraces('POST').filter((request) => (request.body as { id?: string }).id === eventId);
    expect(inserts).toHaveLength(1);
    expect(inserts[0].query.get('conferenceDataVersion')).toBe('1');
    expect(
      (inserts[0].body as { conferenceData?: { createRequest?: { conferenceSolutionKey?: { type?: string } } } }).conferenceData
        ?.createRequest?.conferenceSolutionKey?.type,
    ).toBe('hangoutsMeet');
    const alans = google.eventsOf('alan@acme.test').filter((event) => event.id === eventId);
    expect(alans).toHaveLength(1);
    expect(alans[0].hangoutLink).toBeUndefined();

    const newTime = hoursFromNow(54);
    expect((await api.send('PATCH', `/${interview.id}`, { scheduledTime: newTime })).status).toBe(200);
    await outboxSettled(app.database);
    expect(new Date(organizerEvents[0].start?.dateTime ?? 0).toISOString()).toBe(newTime);
    expect(new Date(alans[0].start?.dateTime ?? 0).toISOString()).toBe(newTime);
    expect(onGraces('PATCH')).toHaveLength(1);
    expect(google.eventsOf('grace@acme.test').filter((event) => event.id === eventId)).toHaveLength(1);

    expect((await api.send('POST', `/${interview.id}/cancel`)).status).toBe(200);
    await outboxSettled(app.database);
    expect(organizerEvents[0].status).toBe('cancelled');
    expect(alans[0].status).toBe('cancelled');
    expect(onGraces('DELETE')).toHaveLength(1);
  });

  it('keeps the Meet on the former organizer’s event while they stay on the panel, and makes it the new first interviewer’s once they leave', async () => {
    const interview = await api.schedule('grace@acme.test', {
      interviewers: ['grace@acme.test', 'alan@acme.test'],
      candidateEmail: 'meet-rehost@example.com',
    });
    const meeting = await api.meetingOnceSettled(interview.id);
    await outboxSettled(app.database);
    const eventId = google.eventsOf('grace@acme.test').find((event) => event.status !== 'cancelled')?.id;
    const eventOf = (email: string) => google.eventsOf(email).find((event) => event.id === eventId);
    expect(eventOf('grace@acme.test')?.hangoutLink).toBe(meeting.joinUrl);
    expect(eventOf('alan@acme.test')?.hangoutLink).toBeUndefined();

    const reordered = await api.send('PATCH', `/${interview.id}`, { interviewers: ['alan@acme.test', 'grace@acme.test'] });
    expect(reordered.status).toBe(200);
    await outboxSettled(app.database);
    expect((await api.get(interview.id)).meeting).toEqual(meeting);
    expect(eventOf('grace@acme.test')).toMatchObject({ status: 'confirmed', hangoutLink: meeting.joinUrl });
    expect(eventOf('alan@acme.test')?.status).toBe('confirmed');

    const graceLeft = await api.send('PATCH', `/${interview.id}`, { interviewers: ['alan@acme.test'] });
    expect(graceLeft.status).toBe(200);
    expect(graceLeft.body.interviewLink).toBe(interview.interviewLink);
    const moved = await eventually(async () => {
      const shown = (await api.get(interview.id)).meeting;
      return shown?.status === 'ready' && shown.joinUrl !== meeting.joinUrl ? shown : null;
    }, 'the Meet to be made on the new first interviewer’s event');
    await outboxSettled(app.database);
    expect(eventOf('grace@acme.test')?.status).toBe('cancelled');
    const alans = google.eventsOf('alan@acme.test').filter((event) => event.status !== 'cancelled');
    expect(alans).toHaveLength(1);
    expect(moved).toEqual({ provider: 'google-meet', status: 'ready', joinUrl: alans[0].hangoutLink });

    expect((await api.send('POST', `/${interview.id}/cancel`)).status).toBe(200);
    await outboxSettled(app.database);
    expect(eventOf('alan@acme.test')?.status).toBe('cancelled');
  });

  it('keeps the organizer’s event when a link is set by hand instead of the Meet: it is their calendar’s copy of the interview', async () => {
    const interview = await api.schedule('grace@acme.test', { candidateEmail: 'meet-by-hand@example.com' });
    await api.meetingOnceSettled(interview.id);
    await outboxSettled(app.database);
    const event = google.eventsOf('grace@acme.test').find((each) => each.status !== 'cancelled');

    const set = await api.send('PATCH', `/${interview.id}`, { meetingUrl: 'https://meet.example.com/by-hand' });
    expect(set.status).toBe(200);
    expect(set.body.meeting).toEqual({ provider: 'url', status: 'ready', joinUrl: 'https://meet.example.com/by-hand' });
    await outboxSettled(app.database);
    expect(event?.status).toBe('confirmed');
    expect(google.server.requests.filter((request) => request.method === 'DELETE' && request.path.endsWith(`/${event?.id}`))).toEqual([]);

    // Still the organizer's copy of the interview: it moves with it and goes when it is cancelled.
    const newTime = hoursFromNow(56);
    expect((await api.send('PATCH', `/${interview.id}`, { scheduledTime: newTime })).status).toBe(200);
    await outboxSettled(app.database);
    expect(new Date(event?.start?.dateTime ?? 0).toISOString()).toBe(newTime);
    expect((await api.get(interview.id)).meeting).toEqual({
      provider: 'url',
      status: 'ready',
      joinUrl: 'https://meet.example.com/by-hand',
    });
    expect((await api.send('POST', `/${interview.id}/cancel`)).status).toBe(200);
    await outboxSettled(app.database);
    expect(event?.status).toBe('cancelled');
  });

  it('gives the organizer their own event when the interview came with its own link (no meeting to carry it)', async () => {
    const interview = await api.schedule('grace@acme.test', {
      interviewers: ['grace@acme.test', 'alan@acme.test'],
      candidateEmail: 'own-link-calendar@example.com',
      meetingUrl: 'https://meet.example.com/own',
    });
    await outboxSettled(app.database);
    expect((await api.get(interview.id)).meeting).toEqual({ provider: 'url', status: 'ready', joinUrl: 'https://meet.example.com/own' });
    for (const person of ['grace@acme.test', 'alan@acme.test']) {
      const events = google.eventsOf(person).filter((each) => each.status !== 'cancelled');
      expect(events).toHaveLength(1);
      expect(events[0].hangoutLink).toBeUndefined();
      expect(events[0].description).toContain('https://meet.example.com/own');
    }
    expect((await api.send('POST', `/${interview.id}/cancel`)).status).toBe(200);
    await outboxSettled(app.database);
    expect(google.eventsOf('grace@acme.test').filter((each) => each.status !== 'cancelled')).toHaveLength(0);
  });

  it('fails the meeting, saying why, when the first interviewer is no Workspace user', async () => {
    const interview = await api.schedule('stranger@elsewhere.test');
    const meeting = await api.meetingOnceSettled(interview.id);
    expect(meeting.status).toBe('failed');
    expect(meeting.reason).toBeTruthy();
  });

  it('never writes the service account’s key or Google’s tokens to a log line', async () => {
    await outboxSettled(app.database);
    expect(google.issuedTokens.length).toBeGreaterThan(0);
    expectNoSecretIn(logs.lines, [google.privateKeyPem, ...google.privateKeyPem.split('\n'), ...google.issuedTokens]);
  });
});

describeOnEachDatabase('Teams meetings on the first interviewer’s Outlook event', (openDatabase) => {
  let database: TestDatabase;
  let graph: FakeMicrosoftGraph;
  let app: TestApplication;
  const logs = capturedLogger();
  const api = interviewsApi(() => app);
  const isEventCreate = (request: ReceivedRequest) => request.method === 'POST' && request.path.endsWith('/events');

  beforeAll(async () => {
    database = await openDatabase();
    graph = await FakeMicrosoftGraph.start();
    graph.addMailbox('grace@acme.test');
    graph.addMailbox('alan@acme.test');
    app = await startTestApplication({
      env: {
        ...database.env,
        VIDEO_PROVIDER: 'teams',
        ...microsoftCalendarEnv(graph),
      },
      logger: logs.logger,
    });
  });
  afterAll(async () => {
    await app?.close();
    await graph?.close();
    await database?.drop();
  });

  it('makes one online meeting, even when Graph’s answer is lost, and deletes it with the interview', async () => {
    graph.server.loseNextAnswers(1, isEventCreate);

    const interview = await api.schedule('grace@acme.test');
    const meeting = await api.meetingOnceSettled(interview.id);

    const events = graph.eventsOf('grace@acme.test');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
    expect(meeting).toEqual({ provider: 'teams', status: 'ready', joinUrl: events[0].onlineMeeting?.joinUrl });

    expect((await api.send('POST', `/${interview.id}/cancel`)).status).toBe(200);
    await eventually(() => graph.eventsOf('grace@acme.test').length === 0, 'the Teams event to be deleted');
  });

  it('with the Microsoft calendar on: one organizer event is the Teams meeting, the other interviewer gets a plain event; reschedule moves it once, cancel deletes it once', async () => {
    const requestsBefore = graph.server.requests.length;
    const interview = await api.schedule('grace@acme.test', { interviewers: ['grace@acme.test', 'alan@acme.test'] });
    const meeting = await api.meetingOnceSettled(interview.id);
    await outboxSettled(app.database);
    const onGraces = (method: string) =>
      graph.server.requests
        .slice(requestsBefore)
        .filter(
          (request) => request.method === method && decodeURIComponent(request.path).startsWith('/v1.0/users/grace@acme.test/events'),
        );

    const organizerEvents = graph.eventsOf('grace@acme.test');
    expect(organizerEvents).toHaveLength(1);
    expect(organizerEvents[0]).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
    expect(meeting).toEqual({ provider: 'teams', status: 'ready', joinUrl: organizerEvents[0].onlineMeeting?.joinUrl });
    expect(onGraces('POST').filter((request) => request.status === 201)).toHaveLength(1);
    const alans = graph.eventsOf('alan@acme.test');
    expect(alans).toHaveLength(1);
    expect(alans[0].isOnlineMeeting).toBeFalsy();

    const newTime = hoursFromNow(54);
    expect((await api.send('PATCH', `/${interview.id}`, { scheduledTime: newTime })).status).toBe(200);
    await outboxSettled(app.database);
    expect(onGraces('PATCH')).toHaveLength(1);
    const moved = graph.eventsOf('grace@acme.test');
    expect(moved).toHaveLength(1);
    expect(new Date(`${moved[0].start?.dateTime}Z`.replace(/ZZ$/, 'Z')).getTime()).toBe(new Date(newTime).getTime());
    expect(moved[0].onlineMeeting?.joinUrl).toBe(meeting.joinUrl);

    expect((await api.send('POST', `/${interview.id}/cancel`)).status).toBe(200);
    await outboxSettled(app.database);
    expect(onGraces('DELETE')).toHaveLength(1);
    expect(graph.eventsOf('grace@acme.test')).toHaveLength(0);
    expect(graph.eventsOf('alan@acme.test')).toHaveLength(0);
  });

  it('keeps the Teams meeting on the former organizer’s event while they stay on the panel, and makes it the new first interviewer’s once they leave', async () => {
    const interview = await api.schedule('grace@acme.test', {
      interviewers: ['grace@acme.test', 'alan@acme.test'],
      candidateEmail: 'teams-rehost@example.com',
    });
    const meeting = await api.meetingOnceSettled(interview.id);
    await outboxSettled(app.database);
    expect(graph.eventsOf('grace@acme.test').map((event) => event.onlineMeeting?.joinUrl)).toEqual([meeting.joinUrl]);

    expect((await api.send('PATCH', `/${interview.id}`, { interviewers: ['alan@acme.test', 'grace@acme.test'] })).status).toBe(200);
    await outboxSettled(app.database);
    expect((await api.get(interview.id)).meeting).toEqual(meeting);
    expect(graph.eventsOf('grace@acme.test').map((event) => event.onlineMeeting?.joinUrl)).toEqual([meeting.joinUrl]);
    expect(graph.eventsOf('alan@acme.test')).toHaveLength(1);

    expect((await api.send('PATCH', `/${interview.id}`, { interviewers: ['alan@acme.test'] })).status).toBe(200);
    const moved = await eventually(async () => {
      const shown = (await api.get(interview.id)).meeting;
      return shown?.status === 'ready' && shown.joinUrl !== meeting.joinUrl ? shown : null;
    }, 'the Teams meeting to be made on the new first interviewer’s event');
    await outboxSettled(app.database);
    expect(graph.eventsOf('grace@acme.test')).toHaveLength(0);
    const alans = graph.eventsOf('alan@acme.test');
    expect(alans).toHaveLength(1);
    expect(moved).toEqual({ provider: 'teams', status: 'ready', joinUrl: alans[0].onlineMeeting?.joinUrl });

    expect((await api.send('POST', `/${interview.id}/cancel`)).status).toBe(200);
    await outboxSettled(app.database);
    expect(graph.eventsOf('alan@acme.test')).toHaveLength(0);
  });

  it('never writes the client secret or Graph’s tokens to a log line', async () => {
    await outboxSettled(app.database);
    expect(graph.issuedTokens.length).toBeGreaterThan(0);
    expectNoSecretIn(logs.lines, [graph.clientSecret, ...graph.issuedTokens]);
  });
});
