import { AvailabilitySlot } from '../../../src/domain/slots/AvailabilitySlot';
import { BookingRequest } from '../../../src/domain/bookings/BookingRequest';
import { DeliveryJob } from '../../../src/domain/deliveries/DeliveryJob';
import { Interview } from '../../../src/domain/interviews/Interview';
import { InterviewStatus } from '../../../src/domain/interviews/interviewStatus';
import { BookingRequestAction } from '../../../src/slack/messages/bookingRequestActions';
import { InterviewAction } from '../../../src/slack/messages/interviewActions';
import { interactionBody, postToSlackEndpoint, viewSubmissionPayload } from '../../support/signedSlackRequests';
import { eventually, TEST_SIGNING_SECRET } from '../../support/testApplication';
import { startMultiWorkspaceHarness, type MultiWorkspaceHarness } from './multiWorkspaceHarness';
import { hoursFromNowInSeconds, scheduleModalState } from './slackTestHarness';

/**
 * Two workspaces, Acme (TACME) and Bolt (TBOLT), each with the app installed through OAuth. The
 * same user id works in both, so every check below shows the workspace, not the person, decides.
 */
let harness: MultiWorkspaceHarness;
let acmeInterview: Interview;
let boltInterview: Interview;

const acmeToken = () => harness.slack.workspace('TACME').botToken;
const boltToken = () => harness.slack.workspace('TBOLT').botToken;

beforeAll(async () => {
  harness = await startMultiWorkspaceHarness();
  harness.slack.addWorkspace({ teamId: 'TACME', teamName: 'Acme' });
  harness.slack.addWorkspace({ teamId: 'TBOLT', teamName: 'Bolt' });
  for (const teamId of ['TACME', 'TBOLT']) expect((await harness.install(teamId)).response.status).toBe(200);
  acmeInterview = await harness.schedule('TACME', 'C0ACME', { name: 'Alice Acme', email: 'alice@acme.example', interviewers: ['U0ADA'] });
  boltInterview = await harness.schedule('TBOLT', 'C0BOLT', { name: 'Bob Bolt', email: 'bob@bolt.example', interviewers: ['U0ADA'] });
  await harness.settle();
});
afterAll(async () => {
  await harness?.close();
});

describe('each workspace’s Slack calls', () => {
  it('record the workspace they came from on the interview and its deliveries', async () => {
    expect(acmeInterview.slackTeamId).toBe('TACME');
    expect(boltInterview.slackTeamId).toBe('TBOLT');
    const jobs = await harness.app.database.read((manager) => manager.findBy(DeliveryJob, { interviewId: boltInterview.id }));
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expect(job.slackTeamId).toBe('TBOLT');
  });

  it('carry that workspace’s own bot token: channel messages, thread replies and interviewers’ DMs', async () => {
    const tokensFor = (channel: string) => [
      ...new Set(
        harness.slack
          .callsTo('chat.postMessage')
          .filter((call) => call.args.channel === channel)
          .map((call) => call.token),
      ),
    ];
    expect(tokensFor('C0ACME')).toEqual([acmeToken()]);
    expect(tokensFor('C0BOLT')).toEqual([boltToken()]);
    const dmTokens = harness.slack.callsTo('conversations.open').map((call) => call.token);
    expect(dmTokens.sort()).toEqual([acmeToken(), boltToken()].sort());
    // Nothing either workspace owns went out with the other's token.
    expect(harness.slack.callsWithToken(acmeToken()).some((call) => call.args.channel === 'C0BOLT')).toBe(false);
    expect(harness.slack.callsWithToken(boltToken()).some((call) => call.args.channel === 'C0ACME')).toBe(false);
  });
});

describe('a person of one workspace never sees the other’s', () => {
  it('interviews in /schedule-interview list', async () => {
    await harness.command('TBOLT', { text: 'list', response_url: harness.slack.responseUrl('list-bolt') });
    const list = await eventually(
      () => harness.slack.callsTo('response_url').find((call) => String(call.args.path).endsWith('/list-bolt')),
      'the list',
    );
    const shown = JSON.stringify(list.args.blocks);
    expect(shown).toContain('Bob Bolt');
    expect(shown).not.toContain('Alice Acme');
  });

  it('interviews on the App Home tab, published with that workspace’s token', async () => {
    await harness.event('TACME', {
      type: 'app_home_opened',
      user: 'U0RECRUIT',
      channel: 'D0HOME',
      tab: 'home',
      event_ts: `${Date.now() / 1000}`,
    });
    const published = await eventually(
      () => harness.slack.callsTo('views.publish').find((call) => call.args.team_id === 'TACME'),
      'the home tab',
    );
    expect(published.token).toBe(acmeToken());
    const shown = JSON.stringify(published.args.view);
    expect(shown).toContain('Alice Acme');
    expect(shown).not.toContain('Bob Bolt');
  });

  it('availability slots in the scheduling modal', async () => {
    await harness.command('TACME', { text: 'slots', user_id: 'U0ADA', trigger_id: '7.7.slots' });
    await eventually(
      () => harness.slack.callsTo('views.open').find((call) => call.args.trigger_id === '7.7.slots'),
      'the availability modal',
    );
    const offered = await postToSlackEndpoint(
      harness.app.url,
      interactionBody(
        viewSubmissionPayload({
          callbackId: 'add_availability',
          teamId: 'TACME',
          userId: 'U0ADA',
          values: {
            slot_interviewer: { slot_interviewer: { type: 'users_select', selected_user: 'U0ADA' } },
            slot_start: { slot_start: { type: 'datetimepicker', selected_date_time: hoursFromNowInSeconds(100) } },
            slot_duration: { slot_duration: { type: 'static_select', selected_option: { value: '30' } } },
            slot_count: { slot_count: { type: 'static_select', selected_option: { value: '1' } } },
          },
        }),
      ),
      { signingSecret: TEST_SIGNING_SECRET },
    );
    expect(offered.json()).toMatchObject({ response_action: 'update' });
    const acmeSlot = await harness.app.database.read((manager) => manager.findOneByOrFail(AvailabilitySlot, { slackTeamId: 'TACME' }));

    await harness.command('TBOLT', { trigger_id: '7.7.bolt' });
    await harness.command('TACME', { trigger_id: '7.7.acme' });
    const modalSlots = async (teamId: string) => {
      const update = await eventually(
        () =>
          harness.slack
            .callsTo('views.update')
            .filter((call) => call.args.team_id === teamId)
            .at(-1),
        `${teamId}’s modal`,
      );
      return JSON.stringify(update.args.view);
    };
    await eventually(async () => (await modalSlots('TACME')).includes(acmeSlot.id), 'Acme’s modal offering its slot');
    expect(await modalSlots('TBOLT')).not.toContain(acmeSlot.id);
  });

  it('a slot of the other workspace, even when its id is sent in a forged submission', async () => {
    const acmeSlot = await harness.app.database.read((manager) => manager.findOneByOrFail(AvailabilitySlot, { slackTeamId: 'TACME' }));
    const response = await postToSlackEndpoint(
      harness.app.url,
      interactionBody(
        viewSubmissionPayload({
          callbackId: 'schedule_interview',
          teamId: 'TBOLT',
          privateMetadata: JSON.stringify({ channelId: 'C0BOLT', teamId: 'TBOLT' }),
          values: scheduleModalState({ name: 'Sneaky Slot', email: 'sneaky@bolt.example', slotId: acmeSlot.id, time: null }),
        }),
      ),
      { signingSecret: TEST_SIGNING_SECRET },
    );
    expect(response.json()).toEqual({ response_action: 'errors', errors: { slot: 'No availability slot with that id.' } });
    const stillOpen = await harness.app.database.read((manager) => manager.findOneByOrFail(AvailabilitySlot, { id: acmeSlot.id }));
    expect(stillOpen.bookedInterviewId).toBeNull();
  });
});

describe('buttons on another workspace’s interview', () => {
  it('are refused, privately, even for a user id that organises it in the other workspace', async () => {
    await harness.click('TBOLT', InterviewAction.cancel, acmeInterview.id, 'U0RECRUIT');
    const refusal = await eventually(
      () => harness.slack.callsTo('response_url').find((call) => String(call.args.path).includes('cancel_interview-TBOLT')),
      'the refusal',
    );
    expect(refusal.args).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('belongs to another Slack workspace') });
    const unchanged = await harness.app.database.read((manager) => manager.findOneByOrFail(Interview, { id: acmeInterview.id }));
    expect(unchanged.status).toBe(InterviewStatus.Scheduled);
  });

  it('still work from the interview’s own workspace', async () => {
    await harness.click('TACME', InterviewAction.rotateLink, acmeInterview.id, 'U0RECRUIT');
    await eventually(async () => {
      const rotated = await harness.app.database.read((manager) => manager.findOneByOrFail(Interview, { id: acmeInterview.id }));
      return rotated.sessionKey !== acmeInterview.sessionKey;
    }, 'the link rotated');
    await harness.settle();
  });
});

describe('the REST API, the operator’s key across workspaces', () => {
  const create = (body: Record<string, unknown>) =>
    fetch(`${harness.app.url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ candidateName: 'Api Candidate', candidateEmail: 'api@example.com', ...body }),
    });

  it('asks which workspace an interview with a channel is for, naming slackTeamId', async () => {
    const response = await create({ channelId: 'C0ACME' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields).toEqual({ slackTeamId: expect.stringContaining('installed in several workspaces') });
  });

  it('refuses a workspace the app is not installed in', async () => {
    const response = await create({ channelId: 'C0ACME', slackTeamId: 'T0NOWHERE' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { fields: Record<string, string> } }).error.fields.slackTeamId).toContain(
      'not installed in the Slack workspace T0NOWHERE',
    );
  });

  it('schedules a pool and a loop for a named workspace (its installation read before their transaction)', async () => {
    const inTwoDays = (hour: number) => new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000 + (48 + hour) * 3_600_000).toISOString();
    const pool = await create({
      channelId: 'C0POOLBOLT',
      slackTeamId: 'TBOLT',
      candidateEmail: 'pool-bolt@example.com',
      scheduledTime: inTwoDays(9),
      interviewers: [{ anyOf: ['U0POOLA', 'U0POOLB'] }],
    });
    expect(pool.status).toBe(201);
    expect(await pool.json()).toMatchObject({ slackTeamId: 'TBOLT', channelId: 'C0POOLBOLT' });
    const loop = await create({
      channelId: 'C0LOOPBOLT',
      slackTeamId: 'TBOLT',
      candidateEmail: 'loop-bolt@example.com',
      scheduledTime: inTwoDays(13),
      sessions: [
        { title: 'Coding', durationMinutes: 45, interviewers: ['U0LOOPA'] },
        { title: 'Design', durationMinutes: 45, interviewers: [{ anyOf: ['U0LOOPB', 'U0LOOPC'] }] },
      ],
    });
    expect(loop.status).toBe(201);
    const body = (await loop.json()) as { sessions: Array<{ slackTeamId: string }> };
    expect(body.sessions.map((session) => session.slackTeamId)).toEqual(['TBOLT', 'TBOLT']);
    const unnamed = await create({ candidateEmail: 'pool-unnamed@example.com', interviewers: [{ anyOf: ['U0POOLA', 'U0POOLB'] }] });
    expect(unnamed.status).toBe(400);
    expect(((await unnamed.json()) as { error: { fields: Record<string, string> } }).error.fields.slackTeamId).toContain(
      'installed in several workspaces',
    );
  });

  it('posts an interview for the named workspace with that workspace’s token', async () => {
    const response = await create({ channelId: 'C0APIBOLT', slackTeamId: 'TBOLT', candidateEmail: 'api-bolt@example.com' });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ slackTeamId: 'TBOLT', channelId: 'C0APIBOLT' });
    const post = await eventually(
      () => harness.slack.callsTo('chat.postMessage').find((call) => call.args.channel === 'C0APIBOLT'),
      'the post',
    );
    expect(post.token).toBe(boltToken());
  });

  it('lists one workspace’s interviews with ?slackTeamId=', async () => {
    const response = await fetch(`${harness.app.url}/api/interviews?slackTeamId=TACME`);
    const { interviews } = (await response.json()) as { interviews: Array<{ slackTeamId: string }> };
    expect(interviews.length).toBeGreaterThan(0);
    expect(new Set(interviews.map((interview) => interview.slackTeamId))).toEqual(new Set(['TACME']));
  });
});

describe('booking links across workspaces', () => {
  const offerSlot = async (teamId: string, startsAt: string) => {
    const response = await fetch(`${harness.app.url}/api/slots`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ startsAt, durationMinutes: 30, interviewers: ['U0ADA'], slackTeamId: teamId }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const requestBooking = (body: Record<string, unknown>) =>
    fetch(`${harness.app.url}/api/booking-requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ candidateName: 'Pick Candidate', candidateEmail: 'pick@example.com', ...body }),
    });

  it('asks the API which workspace a booking link with a channel is for', async () => {
    const slotId = await offerSlot('TACME', new Date(Date.now() + 50 * 3_600_000).toISOString());
    const response = await requestBooking({ slotIds: [slotId], channelId: 'C0ACME' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields).toEqual({ slackTeamId: expect.stringContaining('installed in several workspaces') });
  });

  it('posts a booking link for the named workspace with its token, and refuses the other workspace’s clicks', async () => {
    const slotId = await offerSlot('TACME', new Date(Date.now() + 51 * 3_600_000).toISOString());
    const response = await requestBooking({ slotIds: [slotId], channelId: 'C0ACMEBOOK', slackTeamId: 'TACME' });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; slackTeamId: string };
    expect(created.slackTeamId).toBe('TACME');
    const post = await eventually(
      () => harness.slack.callsTo('chat.postMessage').find((call) => call.args.channel === 'C0ACMEBOOK'),
      'the booking link’s message',
    );
    expect(post.token).toBe(acmeToken());

    await harness.click('TBOLT', BookingRequestAction.cancel, created.id, 'U0RECRUIT');
    const refusal = await eventually(
      () => harness.slack.callsTo('response_url').find((call) => String(call.args.path).includes('cancel_booking_request-TBOLT')),
      'the refusal',
    );
    expect(refusal.args).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('belongs to another Slack workspace') });
    const listed = await fetch(`${harness.app.url}/api/booking-requests?slackTeamId=TBOLT`);
    const { bookingRequests } = (await listed.json()) as { bookingRequests: Array<{ id: string; status: string }> };
    expect(bookingRequests.map((request) => request.id)).not.toContain(created.id);
    const unchanged = await fetch(`${harness.app.url}/api/booking-requests/${created.id}`);
    expect(((await unchanged.json()) as { status: string }).status).toBe('open');
  });

  it('never lets a person of one workspace offer the other’s slots', async () => {
    const acmeSlotId = await offerSlot('TACME', new Date(Date.now() + 52 * 3_600_000).toISOString());
    const response = await postToSlackEndpoint(
      harness.app.url,
      interactionBody(
        viewSubmissionPayload({
          callbackId: 'schedule_interview',
          teamId: 'TBOLT',
          privateMetadata: JSON.stringify({ channelId: 'C0BOLT', teamId: 'TBOLT' }),
          values: scheduleModalState({ name: 'Sneaky Pick', email: 'sneaky-pick@bolt.example', time: null, offeredSlotIds: [acmeSlotId] }),
        }),
      ),
      { signingSecret: TEST_SIGNING_SECRET },
    );
    expect(response.json()).toMatchObject({
      response_action: 'errors',
      errors: { offered_slots: expect.stringContaining('No availability slot') },
    });
    const stored = await harness.app.database.read((manager) =>
      manager.countBy(BookingRequest, { candidateEmail: 'sneaky-pick@bolt.example' }),
    );
    expect(stored).toBe(0);
  });
});

describe('a slot stays in the workspace it was offered in, through the API too', () => {
  let nextHour = 60;
  const offerSlot = async (teamId: string | null) => {
    const response = await fetch(`${harness.app.url}/api/slots`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        startsAt: new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + nextHour++ * 3_600_000).toISOString(),
        durationMinutes: 30,
        interviewers: [teamId ? 'U0ADA' : 'ada@example.com'],
        ...(teamId ? { slackTeamId: teamId } : {}),
      }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const post = async (path: string, body: Record<string, unknown>, method = 'POST') => {
    const response = await fetch(`${harness.app.url}/api/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { id: string; slackTeamId: string | null; error?: { fields: Record<string, string> } },
    };
  };
  const slotIsFree = async (slotId: string) =>
    (await harness.app.database.read((manager) => manager.findOneByOrFail(AvailabilitySlot, { id: slotId }))).bookedInterviewId === null;

  it('refuses to book one workspace’s slot for an interview of the other, naming both, and books nothing', async () => {
    const boltSlot = await offerSlot('TBOLT');
    const answer = await post('interviews', {
      candidateName: 'Cross',
      candidateEmail: 'cross@example.com',
      slotId: boltSlot,
      slackTeamId: 'TACME',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.fields).toEqual({ slotId: expect.stringMatching(/offered in the Slack workspace TBOLT, not in TACME/) });
    expect(await slotIsFree(boltSlot)).toBe(true);
    expect(await harness.app.database.read((manager) => manager.countBy(Interview, { candidateEmail: 'cross@example.com' }))).toBe(0);
  });

  it('names that along with every other problem in one answer', async () => {
    const boltSlot = await offerSlot('TBOLT');
    const answer = await post('interviews', {
      candidateName: 'Cross',
      candidateEmail: 'not-an-email',
      slotId: boltSlot,
      slackTeamId: 'TACME',
    });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.error?.fields ?? {}).sort()).toEqual(['candidateEmail', 'slotId']);
  });

  it('puts an interview that names no workspace in its slot’s, so the slot’s interviewer hears of it there', async () => {
    const boltSlot = await offerSlot('TBOLT');
    const answer = await post('interviews', { candidateName: 'Follows', candidateEmail: 'follows@example.com', slotId: boltSlot });
    expect(answer.status).toBe(201);
    expect(answer.body.slackTeamId).toBe('TBOLT');
  });

  it('books a slot made without Slack for any workspace’s interview', async () => {
    const plainSlot = await offerSlot(null);
    const answer = await post('interviews', {
      candidateName: 'Plain',
      candidateEmail: 'plain@example.com',
      slotId: plainSlot,
      slackTeamId: 'TACME',
    });
    expect(answer.status).toBe(201);
    expect(answer.body.slackTeamId).toBe('TACME');
  });

  it('never moves an interview into the other workspace’s slot', async () => {
    const created = await post('interviews', { candidateName: 'Mover', candidateEmail: 'mover@example.com', slackTeamId: 'TACME' });
    const boltSlot = await offerSlot('TBOLT');
    const moved = await post(`interviews/${created.body.id}`, { slotId: boltSlot }, 'PATCH');
    expect(moved.status).toBe(400);
    expect(moved.body.error?.fields.slotId).toMatch(/offered in the Slack workspace TBOLT/);
    expect(await slotIsFree(boltSlot)).toBe(true);
  });

  it('never offers slots of two workspaces, or of another workspace, on one booking link', async () => {
    const [acmeSlot, boltSlot] = [await offerSlot('TACME'), await offerSlot('TBOLT')];
    const candidate = { candidateName: 'Picker', candidateEmail: 'cross-pick@example.com' };
    const mixed = await post('booking-requests', { ...candidate, slotIds: [acmeSlot, boltSlot] });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error?.fields.slotIds).toMatch(/different Slack workspaces \(TACME, TBOLT\)/);
    const other = await post('booking-requests', { ...candidate, slotIds: [boltSlot], slackTeamId: 'TACME' });
    expect(other.status).toBe(400);
    expect(other.body.error?.fields.slotIds).toMatch(/offered in the Slack workspace TBOLT, not in TACME/);
    expect(
      await harness.app.database.read((manager) => manager.countBy(BookingRequest, { candidateEmail: 'cross-pick@example.com' })),
    ).toBe(0);
    const own = await post('booking-requests', { ...candidate, slotIds: [boltSlot] });
    expect(own.status).toBe(201);
    expect(own.body.slackTeamId).toBe('TBOLT');
  });
});

describe('Slack’s paths asked with another method', () => {
  it.each([
    ['GET', '/slack/events', 'POST'],
    ['POST', '/slack/install', 'GET'],
    ['DELETE', '/slack/oauth_redirect', 'GET'],
  ])('%s %s answers 405 in text with Allow: %s, as express’s paths do', async (method, path, allowed) => {
    const response = await fetch(`${harness.app.url}${path}`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allowed);
    expect(await response.text()).toBe(`${method} is not allowed here; use ${allowed}.`);
    const options = await fetch(`${harness.app.url}${path}`, { method: 'OPTIONS' });
    expect([options.status, options.headers.get('allow')]).toEqual([204, allowed]);
  });
});

describe('/readyz and the status page', () => {
  it('say Slack serves many workspaces', async () => {
    expect(await (await fetch(`${harness.app.url}/readyz`)).json()).toEqual({ status: 'ready', slack: 'http', slackWorkspaces: 'many' });
    const page = await (await fetch(`${harness.app.url}/`)).text();
    expect(page).toContain('in every workspace that installs it at /slack/install');
  });
});
