import * as ical from 'node-ical';
import { attachmentText, textPart, type RecordedMail } from '../support/fakeSendGridApi';
import { buttonClickPayload } from '../support/signedSlackRequests';
import { eventually } from '../support/testApplication';
import { startSlackHarness, type SlackHarness } from '../slack/integration/slackTestHarness';

let harness: SlackHarness;

beforeAll(async () => {
  harness = await startSlackHarness();
});
afterAll(async () => {
  await harness?.close();
});

interface InterviewJson {
  id: string;
  scheduledTime: string;
  status: string;
  sessionKey: string;
  interviewLink: string;
  durationMinutes: number;
}

const inHours = (hours: number) => new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + hours * 3_600_000).toISOString();

function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${harness.app.url}/api/interviews${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** An interview made through the API, in a channel, whose channel message has been posted. */
async function createInChannel(email: string, channelId: string): Promise<{ interview: InterviewJson }> {
  const response = await api('POST', '', {
    candidateName: 'Api Candidate',
    candidateEmail: email,
    role: 'Backend Engineer',
    channelId,
    interviewers: ['U0ADA'],
    scheduledTime: inHours(48),
  });
  expect(response.status).toBe(201);
  const interview = (await response.json()) as InterviewJson;
  await eventually(
    () => harness.slack.callsTo('chat.postMessage').find((call) => call.args.channel === channelId && !call.args.thread_ts),
    'the channel message',
  );
  await eventually(() => harness.sendGrid.mailTo(email).length === 1, 'the invitation');
  await harness.settle();
  return { interview };
}

/** What Slack was asked to do in a channel since `since`: message updates and thread replies, in words without the actor or the candidate. */
function slackEffects(channelId: string, since: number) {
  const calls = harness.slack.calls.filter((call) => call.at >= since && call.args.channel === channelId);
  return {
    updatedTs: calls.filter((call) => call.method === 'chat.update').map((call) => call.args.ts),
    threadReplies: calls
      .filter((call) => call.method === 'chat.postMessage' && call.args.thread_ts)
      .map((call) => ({
        thread_ts: call.args.thread_ts,
        text: String(call.args.text)
          .replace(/<@U0ADA>|the API/, 'SOMEONE')
          .replace(/[\w-]+@example\.com/, 'CANDIDATE'),
      })),
  };
}

function calendarEvent(mail: RecordedMail) {
  return Object.values(ical.sync.parseICS(attachmentText(mail, '.ics')!)).find((component) => component?.type === 'VEVENT') as ical.VEvent;
}

describe('PATCH /api/interviews/:id (reschedule)', () => {
  it('moves the interview, keeps its link, emails the update with SEQUENCE + 1, and updates the channel message and its thread', async () => {
    const { interview } = await createInChannel('api-move@example.com', 'C0APIMOVE');
    const since = Date.now();
    const newTime = inHours(72);
    const response = await api('PATCH', `/${interview.id}`, { scheduledTime: newTime, durationMinutes: 60 });
    expect(response.status).toBe(200);
    const moved = (await response.json()) as InterviewJson;
    expect(moved).toMatchObject({ id: interview.id, scheduledTime: newTime, durationMinutes: 60, interviewLink: interview.interviewLink });
    const update = await eventually(() => harness.sendGrid.mailTo('api-move@example.com')[1], 'the update email');
    expect(update.body.subject).toMatch(/^Updated:/);
    expect(textPart(update)).toContain(interview.interviewLink);
    const first = calendarEvent(harness.sendGrid.mailTo('api-move@example.com')[0]);
    expect(calendarEvent(update).uid).toBe(first.uid);
    expect(Number(calendarEvent(update).sequence)).toBe(Number(first.sequence ?? 0) + 1);
    await eventually(() => slackEffects('C0APIMOVE', since).threadReplies.length > 0, 'the thread reply');
    const effects = slackEffects('C0APIMOVE', since);
    expect(effects.updatedTs.length).toBeGreaterThan(0);
    expect(effects.threadReplies[0].text).toMatch(/^:arrows_counterclockwise: Rescheduled by SOMEONE to /);
    expect(effects.threadReplies[0].thread_ts).toBe(effects.updatedTs[0]);
  });

  it('names every bad field (400), answers 404 for an unknown id and 409 once cancelled', async () => {
    const { interview } = await createInChannel('api-bad-move@example.com', 'C0APIBAD');
    const bad = await api('PATCH', `/${interview.id}`, { scheduledTime: '2001-01-01T10:00:00Z', durationMinutes: 3 });
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields).sort()).toEqual(['durationMinutes', 'scheduledTime']);
    expect((await api('PATCH', `/${interview.id}`, 'not an object')).status).toBe(400);
    expect((await api('PATCH', '/00000000-0000-4000-8000-000000000000', { scheduledTime: inHours(50) })).status).toBe(404);
    expect((await api('PATCH', '/not-an-id', { scheduledTime: inHours(50) })).status).toBe(404);
    expect((await api('POST', `/${interview.id}/cancel`)).status).toBe(200);
    const refused = await api('PATCH', `/${interview.id}`, { scheduledTime: inHours(50) });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'interview_cancelled' } });
  });
});

describe('POST /api/interviews/:id/cancel', () => {
  it('cancels with a METHOD:CANCEL email, and changes the channel exactly as the Cancel button does', async () => {
    const viaApi = await createInChannel('api-cancel@example.com', 'C0APICANCEL');
    const viaButton = await createInChannel('button-cancel@example.com', 'C0BTNCANCEL');

    const apiSince = Date.now();
    const response = await api('POST', `/${viaApi.interview.id}/cancel`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: viaApi.interview.id, status: 'cancelled' });
    const buttonSince = Date.now();
    await harness.interact(
      buttonClickPayload({ actionId: 'cancel_interview', value: viaButton.interview.id, userId: 'U0ADA', channelId: 'C0BTNCANCEL' }),
    );

    const cancellation = await eventually(() => harness.sendGrid.mailTo('api-cancel@example.com')[1], 'the cancellation email');
    expect(attachmentText(cancellation, '.ics')).toContain('METHOD:CANCEL');
    await eventually(() => harness.sendGrid.mailTo('button-cancel@example.com')[1], 'the button’s cancellation email');
    await harness.settle();
    const fromApi = slackEffects('C0APICANCEL', apiSince);
    const fromButton = slackEffects('C0BTNCANCEL', buttonSince);
    expect(fromApi.threadReplies.map((reply) => reply.text)).toEqual(fromButton.threadReplies.map((reply) => reply.text));
    expect(fromApi.threadReplies.map((reply) => reply.text)).toContain(':no_entry_sign: Cancelled by SOMEONE.');
    expect(fromApi.updatedTs.length).toBe(fromButton.updatedTs.length);
    expect(new Set([...fromApi.updatedTs, ...fromApi.threadReplies.map((reply) => reply.thread_ts)]).size).toBe(1);
  });

  it('answers a repeated Idempotency-Key as the first time, and 409 to a new cancel', async () => {
    const { interview } = await createInChannel('api-cancel-twice@example.com', 'C0APICANCEL2');
    const first = await api('POST', `/${interview.id}/cancel`, undefined, { 'Idempotency-Key': 'cancel-1' });
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await api('POST', `/${interview.id}/cancel`, undefined, { 'Idempotency-Key': 'cancel-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toMatchObject({ status: 'cancelled' });
    expect((await api('POST', `/${interview.id}/cancel`, undefined, { 'Idempotency-Key': 'cancel-2' })).status).toBe(409);
    expect((await api('POST', `/${interview.id}/cancel`)).status).toBe(409);
    expect((await api('POST', `/${interview.id}/cancel`, undefined, { 'Idempotency-Key': 'bad key with spaces' })).status).toBe(400);
    await harness.settle();
    expect(harness.sendGrid.mailTo('api-cancel-twice@example.com')).toHaveLength(2);
  });
});

describe('an Idempotency-Key stands for one change with one body', () => {
  it('refuses it with 409, changing nothing, when reused for another change or another new time', async () => {
    const { interview } = await createInChannel('api-key-reuse@example.com', 'C0APIKEYREUSE');
    const inThirtyHours = new Date(Date.now() + 30 * 3_600_000).toISOString();
    const inFortyHours = new Date(Date.now() + 40 * 3_600_000).toISOString();
    const moved = await api('PATCH', `/${interview.id}`, { scheduledTime: inThirtyHours }, { 'Idempotency-Key': 'move-1' });
    expect(moved.status).toBe(200);
    const movedTo = ((await moved.json()) as { scheduledTime: string }).scheduledTime;

    const sameAgain = await api('PATCH', `/${interview.id}`, { scheduledTime: inThirtyHours }, { 'Idempotency-Key': 'move-1' });
    expect(sameAgain.status).toBe(200);
    expect(sameAgain.headers.get('idempotent-replayed')).toBe('true');
    const otherTime = await api('PATCH', `/${interview.id}`, { scheduledTime: inFortyHours }, { 'Idempotency-Key': 'move-1' });
    expect(otherTime.status).toBe(409);
    expect(await otherTime.json()).toMatchObject({ error: { code: 'idempotency_key_reused' } });
    const otherChange = await api('POST', `/${interview.id}/cancel`, undefined, { 'Idempotency-Key': 'move-1' });
    expect(otherChange.status).toBe(409);

    const stored = (await (await api('GET', `/${interview.id}`)).json()) as { status: string; scheduledTime: string };
    expect(stored).toMatchObject({ status: 'scheduled', scheduledTime: movedTo });
  });
});

describe('POST /api/interviews/:id/resend and /rotate-link', () => {
  it('resends the invitation (202), and refuses a second resend within a minute with Retry-After', async () => {
    const { interview } = await createInChannel('api-resend@example.com', 'C0APIRESEND');
    const resent = await api('POST', `/${interview.id}/resend`, undefined, { 'Idempotency-Key': 'resend-1' });
    expect(resent.status).toBe(202);
    expect(
      (await api('POST', `/${interview.id}/resend`, undefined, { 'Idempotency-Key': 'resend-1' })).headers.get('idempotent-replayed'),
    ).toBe('true');
    const tooSoon = await api('POST', `/${interview.id}/resend`);
    expect(tooSoon.status).toBe(429);
    expect(Number(tooSoon.headers.get('retry-after'))).toBeGreaterThan(0);
    const again = await eventually(() => harness.sendGrid.mailTo('api-resend@example.com')[1], 'the resent invitation');
    expect(textPart(again)).toContain(interview.interviewLink);
    await harness.settle();
    expect(harness.sendGrid.mailTo('api-resend@example.com')).toHaveLength(2);
  });

  it('rotates the link: the new key and link are answered, the old link answers 404, a replay answers the same', async () => {
    const { interview } = await createInChannel('api-rotate@example.com', 'C0APIROTATE');
    const rotated = await api('POST', `/${interview.id}/rotate-link`, undefined, { 'Idempotency-Key': 'rotate-1' });
    expect(rotated.status).toBe(200);
    const body = (await rotated.json()) as InterviewJson;
    expect(body.sessionKey).toMatch(/^[0-9a-f]{32}$/);
    expect(body.sessionKey).not.toBe(interview.sessionKey);
    expect(body.interviewLink).toBe(`https://hire.acme.example/interview/?session_key=${body.sessionKey}`);
    expect((await fetch(`${harness.app.url}/interview/?session_key=${interview.sessionKey}`)).status).toBe(404);
    expect((await fetch(`${harness.app.url}/interview/?session_key=${body.sessionKey}`)).status).toBe(200);
    const replay = await api('POST', `/${interview.id}/rotate-link`, undefined, { 'Idempotency-Key': 'rotate-1' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replay.json()) as InterviewJson).sessionKey).toBe(body.sessionKey);
    expect((await api('POST', '/00000000-0000-4000-8000-000000000000/rotate-link')).status).toBe(404);
  });
});
