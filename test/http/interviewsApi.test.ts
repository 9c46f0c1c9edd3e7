import { Writable } from 'node:stream';
import { DateTime } from 'luxon';
import * as ical from 'node-ical';
import { DeliveryJob } from '../../src/domain/deliveries/DeliveryJob';
import { Interview } from '../../src/domain/interviews/Interview';
import { createLogger } from '../../src/logging/logger';
import { attachmentText, FakeSendGridApi, htmlPart, textPart } from '../support/fakeSendGridApi';
import { eventually, startTestApplication, TEST_API_TOKEN, type TestApplication } from '../support/testApplication';

let sendGrid: FakeSendGridApi;
let app: TestApplication;

beforeAll(async () => {
  sendGrid = await FakeSendGridApi.start();
  app = await startTestApplication({
    env: {
      SENDGRID_API_KEY: sendGrid.apiKey,
      SENDGRID_API_URL: sendGrid.url,
      MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
      PUBLIC_BASE_URL: 'https://hire.acme.example',
    },
  });
});
afterAll(async () => {
  await app?.close();
  await sendGrid?.close();
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${app.url}/api/interviews`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const countRows = async () => ({
  interviews: await app.database.read((manager) => manager.count(Interview)),
  jobs: await app.database.read((manager) => manager.count(DeliveryJob)),
});

describe('POST /api/interviews', () => {
  it('creates an interview from just a name and an email, with a time, a key, a link, and one emailed invitation', async () => {
    const before = Date.now();
    const response = await post({ candidateName: 'Jane Doe', candidateEmail: 'jane.api@example.com' });
    expect(response.status).toBe(201);
    const interview = (await response.json()) as Record<string, string>;
    expect(interview).toMatchObject({
      candidateName: 'Jane Doe',
      candidateEmail: 'jane.api@example.com',
      status: 'scheduled',
      durationMinutes: 45,
    });
    expect(interview.sessionKey).toMatch(/^[0-9a-f]{32}$/);
    expect(interview.interviewLink).toBe(`https://hire.acme.example/interview/?session_key=${interview.sessionKey}`);
    const scheduled = new Date(interview.scheduledTime).getTime();
    expect(scheduled).toBeGreaterThanOrEqual(before + 60 * 60_000);
    expect(scheduled).toBeLessThanOrEqual(Date.now() + 65 * 60_000);
    expect(scheduled % (5 * 60_000)).toBe(0);
    expect(response.headers.get('location')).toBe(`/api/interviews/${interview.id}`);

    const page = await fetch(`${app.url}/interview/?session_key=${interview.sessionKey}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Jane Doe');

    const mail = await eventually(() => sendGrid.mailTo('jane.api@example.com')[0], 'the invitation to reach SendGrid');
    await app.settle();
    expect(sendGrid.mailTo('jane.api@example.com')).toHaveLength(1);
    expect(mail.body.from).toEqual({ email: 'hiring@acme.example', name: 'Acme Hiring' });
    expect(textPart(mail)).toContain(interview.interviewLink);
    expect(htmlPart(mail)).toContain(interview.interviewLink);
    expect(mail.body.tracking_settings?.click_tracking).toEqual({ enable: false, enable_text: false });
    const calendar = ical.sync.parseICS(attachmentText(mail, '.ics')!);
    const event = Object.values(calendar).find((component) => component?.type === 'VEVENT') as ical.VEvent;
    expect(new Date(event.start as unknown as Date).getTime()).toBe(scheduled);
    expect(String(event.url)).toBe(interview.interviewLink);
  });

  it('records the provider’s message id on the invitation', async () => {
    const created = (await (await post({ candidateName: 'Ivy', candidateEmail: 'ivy@example.com' })).json()) as { id: string };
    const delivery = await eventually(async () => {
      const body = (await (await fetch(`${app.url}/api/interviews/${created.id}`)).json()) as {
        deliveries: Array<{ status: string; providerMessageId: string }>;
      };
      return body.deliveries.find((candidate) => candidate.status === 'delivered');
    }, 'the invitation to be delivered');
    expect(delivery.providerMessageId).toBe(sendGrid.mailTo('ivy@example.com')[0].messageId);
  });

  it('uses an explicit time in the candidate’s zone and the candidate sees it in that zone', async () => {
    const local = DateTime.now().setZone('America/New_York').plus({ days: 40 }).set({ hour: 9, minute: 30, second: 0, millisecond: 0 });
    const response = await post({
      candidateName: 'Kai',
      candidateEmail: 'kai@example.com',
      scheduledTime: local.toFormat("yyyy-MM-dd'T'HH:mm"),
      timezone: 'America/New_York',
      role: 'Designer',
    });
    const interview = (await response.json()) as { scheduledTime: string };
    expect(interview.scheduledTime).toBe(local.toUTC().toISO());
    const mail = await eventually(() => sendGrid.mailTo('kai@example.com')[0], 'the invitation');
    expect(textPart(mail)).toContain(`${local.setLocale('en-US').toFormat('cccc, LLLL d, yyyy')} at 9:30 AM (New York time)`);
  });

  it.each([
    ['no body fields', {}, ['candidateName', 'candidateEmail']],
    ['a bad email', { candidateName: 'J', candidateEmail: 'not-an-email' }, ['candidateEmail']],
    [
      'a time in the past',
      { candidateName: 'J', candidateEmail: 'j@example.com', scheduledTime: '2001-01-01T00:00:00Z' },
      ['scheduledTime'],
    ],
    [
      'a time over a year ahead',
      { candidateName: 'J', candidateEmail: 'j@example.com', scheduledTime: '2999-01-01T00:00:00Z' },
      ['scheduledTime'],
    ],
    ['an unreadable time', { candidateName: 'J', candidateEmail: 'j@example.com', scheduledTime: 'soon' }, ['scheduledTime']],
    [
      'an unknown slot',
      { candidateName: 'J', candidateEmail: 'j@example.com', slotId: '00000000-0000-4000-8000-000000000000' },
      ['slotId'],
    ],
    ['a JSON array', [1, 2, 3], ['body']],
    [
      'wrong types',
      { candidateName: 42, candidateEmail: ['a@b.co'], durationMinutes: 'long' },
      ['candidateName', 'candidateEmail', 'durationMinutes'],
    ],
  ])('answers %s with 400 naming each bad field, and stores and sends nothing', async (_case, body, fields) => {
    const before = await countRows();
    const mailsBefore = sendGrid.requests.length;
    const response = await post(body);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(error.error.code).toBe('validation_failed');
    expect(Object.keys(error.error.fields).sort()).toEqual([...fields].sort());
    expect(await countRows()).toEqual(before);
    await app.settle();
    expect(sendGrid.requests.length).toBe(mailsBefore);
  });

  it('answers malformed JSON with 400', async () => {
    const before = await countRows();
    const response = await post('{"candidateName": "J",');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'malformed_json', message: 'The request body is not valid JSON.' } });
    expect(await countRows()).toEqual(before);
  });

  it('answers a body over the size limit with 413', async () => {
    const response = await post({ candidateName: 'J', candidateEmail: 'j@example.com', notes: 'x'.repeat(100_000) });
    expect(response.status).toBe(413);
  });

  it('returns the same interview for a retried request with the same Idempotency-Key, and 409 for a different body', async () => {
    const body = { candidateName: 'Retry', candidateEmail: 'retry@example.com' };
    const first = await post(body, { 'Idempotency-Key': 'order-42' });
    const second = await post(body, { 'Idempotency-Key': 'order-42' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(((await second.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    const conflict = await post({ ...body, role: 'Other' }, { 'Idempotency-Key': 'order-42' });
    expect(conflict.status).toBe(409);
    await eventually(() => sendGrid.mailTo('retry@example.com').length === 1, 'one invitation');
    await app.settle();
    expect(sendGrid.mailTo('retry@example.com')).toHaveLength(1);
  });
});

describe('GET /api/interviews', () => {
  it('lists newest first, filters, and pages with a cursor', async () => {
    for (const name of ['Page One', 'Page Two', 'Page Three']) {
      await post({ candidateName: name, candidateEmail: 'pager@example.com' });
    }
    const first = (await (await fetch(`${app.url}/api/interviews?candidateEmail=PAGER@example.com&limit=2`)).json()) as {
      interviews: Array<{ candidateName: string }>;
      nextCursor: string;
    };
    expect(first.interviews.map((interview) => interview.candidateName)).toEqual(['Page Three', 'Page Two']);
    const second = (await (
      await fetch(`${app.url}/api/interviews?candidateEmail=pager@example.com&limit=2&cursor=${first.nextCursor}`)
    ).json()) as {
      interviews: Array<{ candidateName: string }>;
      nextCursor: string | null;
    };
    expect(second.interviews.map((interview) => interview.candidateName)).toEqual(['Page One']);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses bad filters with 400 naming them', async () => {
    const response = await fetch(`${app.url}/api/interviews?limit=1000&status=Scheduled&cursor=garbage`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(body.error.fields).sort()).toEqual(['cursor', 'limit', 'status']);
  });

  it('refuses a filter it does not take, naming it, rather than listing everything', async () => {
    const response = await fetch(`${app.url}/api/interviews?candidate_email=someone@example.com&stauts=cancelled&limit=1`);
    expect(response.status).toBe(400);
    const { fields } = ((await response.json()) as { error: { fields: Record<string, string> } }).error;
    expect(Object.keys(fields).sort()).toEqual(['candidate_email', 'stauts']);
    expect(fields.stauts).toBe(
      'Unknown parameter; use status, channelId, slackTeamId, candidateEmail, startsAfter, startsBefore, participant, limit, cursor.',
    );
  });

  it('answers 404 for an unknown interview', async () => {
    const response = await fetch(`${app.url}/api/interviews/00000000-0000-4000-8000-000000000000`);
    expect(response.status).toBe(404);
  });
});

describe('availability slots over the API', () => {
  it('books a slot through POST /api/interviews and hides it from the open list', async () => {
    const slotStart = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 7 * 86_400_000).toISOString();
    const created = (await (
      await fetch(`${app.url}/api/slots`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ slots: [{ startsAt: slotStart, durationMinutes: 30, interviewer: 'ada@acme.example' }] }),
      })
    ).json()) as { slots: Array<{ id: string }> };
    const slotId = created.slots[0].id;
    const booked = await post({ candidateName: 'Slotted', candidateEmail: 'slotted@example.com', slotId });
    expect(booked.status).toBe(201);
    expect(await booked.json()).toMatchObject({ scheduledTime: slotStart, durationMinutes: 30, slotId });
    const again = await post({ candidateName: 'Late', candidateEmail: 'late@example.com', slotId });
    expect(again.status).toBe(400);
    const open = (await (await fetch(`${app.url}/api/slots`)).json()) as { slots: Array<{ id: string }> };
    expect(open.slots.map((slot) => slot.id)).not.toContain(slotId);
  });

  it('lists an interview booked into a Slack user’s slot under ?participant= for that user, once', async () => {
    const slotStart = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 8 * 86_400_000).toISOString();
    const offered = (await (
      await fetch(`${app.url}/api/slots`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ startsAt: slotStart, durationMinutes: 30, interviewers: ['U0SLOTTED'] }),
      })
    ).json()) as { id: string };
    const booked = await post({ candidateName: 'Participant', candidateEmail: 'participant@example.com', slotId: offered.id });
    expect(booked.status).toBe(201);
    const { id } = (await booked.json()) as { id: string };
    const listed = (await (await fetch(`${app.url}/api/interviews?participant=U0SLOTTED`)).json()) as {
      interviews: Array<{ id: string; interviewers: Array<{ slackUserId?: string }> }>;
    };
    expect(listed.interviews.map((interview) => interview.id)).toEqual([id]);
    expect(listed.interviews[0].interviewers.filter((person) => person.slackUserId === 'U0SLOTTED')).toHaveLength(1);
    const nobody = (await (await fetch(`${app.url}/api/interviews?participant=U0NOBODY`)).json()) as { interviews: unknown[] };
    expect(nobody.interviews).toEqual([]);
  });

  it('lists an interview under ?participant= for the interviewer of a slot it was moved into, and pages that list by cursor', async () => {
    const inDays = (days: number) => new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + days * 86_400_000).toISOString();
    const offered = (await (
      await fetch(`${app.url}/api/slots`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ startsAt: inDays(9), durationMinutes: 30, interviewers: ['U0MOVEDTO'] }),
      })
    ).json()) as { id: string };
    const ids: string[] = [];
    for (const name of ['Moved One', 'Moved Two', 'Moved Three']) {
      const created = await post({ candidateName: name, candidateEmail: 'moved@example.com', interviewers: ['U0ALWAYS'] });
      ids.push(((await created.json()) as { id: string }).id);
    }
    const moved = await fetch(`${app.url}/api/interviews/${ids[0]}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ slotId: offered.id }),
    });
    expect(moved.status).toBe(200);
    const listFor = async (query: string) =>
      (await (await fetch(`${app.url}/api/interviews?${query}`)).json()) as {
        interviews: Array<{ id: string }>;
        nextCursor: string | null;
      };
    expect((await listFor('participant=U0MOVEDTO')).interviews.map((interview) => interview.id)).toEqual([ids[0]]);
    const first = await listFor('participant=U0ALWAYS&limit=2');
    expect(first.interviews.map((interview) => interview.id)).toEqual([ids[2], ids[1]]);
    const second = await listFor(`participant=U0ALWAYS&limit=2&cursor=${first.nextCursor}`);
    expect(second.interviews.map((interview) => interview.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a slot without an offset and one in the past, naming both at once', async () => {
    const response = await fetch(`${app.url}/api/slots`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        slots: [
          { startsAt: '2030-05-01T09:00', durationMinutes: 30, interviewer: 'U0ADA' },
          { startsAt: '2001-05-01T09:00:00Z', durationMinutes: 30, interviewer: 'U0ADA' },
        ],
      }),
    });
    expect(response.status).toBe(400);
    expect(Object.keys(((await response.json()) as { error: { fields: object } }).error.fields)).toEqual([
      'slots.0.startsAt',
      'slots.1.startsAt',
    ]);
  });
});

describe('Slack work while Slack is off', () => {
  it('is marked skipped with the reason, in the interview’s deliveries, with one info line and no error', async () => {
    const lines: Array<{ level: number; msg: string }> = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string });
        done();
      },
    });
    const slackless = await startTestApplication({ logger: createLogger('info', sink) });
    try {
      const create = (email: string) =>
        fetch(`${slackless.url}/api/interviews`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            candidateName: 'No Slack',
            candidateEmail: email,
            channelId: 'C0NOSLACK',
            interviewers: ['U0ADA', 'U0BOB'],
          }),
        }).then((response) => response.json() as Promise<{ id: string }>);
      const created = await create('no-slack@example.com');
      await create('no-slack-2@example.com');
      // The reminders and the no-show alert wait for their moments, an hour away.
      const dueLater = new Set(['interviewer_reminder', 'no_show_alert']);
      const settled = await eventually(async () => {
        const detail = (await (await fetch(`${slackless.url}/api/interviews/${created.id}`)).json()) as {
          deliveries: Array<{ kind: string; status: string; lastError: string | null }>;
        };
        const dueNow = detail.deliveries.filter((delivery) => !dueLater.has(delivery.kind));
        return dueNow.every((delivery) => delivery.status !== 'pending' && delivery.status !== 'in_flight') && dueNow.length === 6
          ? { deliveries: dueNow }
          : null;
      }, 'the deliveries to settle');
      expect(settled.deliveries.map(({ kind, status }) => [kind, status])).toEqual([
        ['candidate_invitation', 'delivered'],
        ['channel_post', 'skipped'],
        ['interviewer_notice', 'skipped'],
        ['interviewer_notice', 'skipped'],
        ['interviewer_invitation', 'skipped'],
        ['interviewer_invitation', 'skipped'],
      ]);
      expect(settled.deliveries[4].lastError).toMatch(/^Slack is off in this app, so the email address of Slack user U0ADA cannot be read/);
      expect(settled.deliveries[1].lastError).toMatch(/^Slack is off in this app/);
      await slackless.settle();
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
      expect(lines.filter((line) => line.msg.startsWith('Skipping deliveries nothing here can make'))).toHaveLength(1);
    } finally {
      await slackless.close();
    }
  });
});

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${app.url}/readyz`)).json()).toEqual({ status: 'ready', slack: 'off', slackWorkspaces: 'none' });
  });
});

describe('API access', () => {
  it('requires the bearer token once API_TOKEN is set', async () => {
    const secured = await startTestApplication({ env: { API_TOKEN: TEST_API_TOKEN } });
    try {
      const anonymous = await fetch(`${secured.url}/api/interviews`);
      expect(anonymous.status).toBe(401);
      const wrong = await fetch(`${secured.url}/api/interviews`, { headers: { Authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${secured.url}/api/interviews`, { headers: { Authorization: `Bearer ${TEST_API_TOKEN}` } });
      expect(right.status).toBe(200);
      const health = await fetch(`${secured.url}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await secured.close();
    }
  });

  it.each([
    ['X-Forwarded-For', { 'X-Forwarded-For': '203.0.113.7' }],
    ['X-Forwarded-Host', { 'X-Forwarded-Host': 'hire.example.com' }],
    ['X-Forwarded-Proto', { 'X-Forwarded-Proto': 'https' }],
    ['Forwarded', { Forwarded: 'for=203.0.113.7;proto=https' }],
    ['X-Real-IP', { 'X-Real-IP': '203.0.113.7' }],
    ['Via', { Via: '1.1 nginx' }],
    ['CF-Connecting-IP', { 'CF-Connecting-IP': '203.0.113.7' }],
    ['CF-Connecting-IPv6', { 'CF-Connecting-IPv6': '2001:db8::7' }],
    ['True-Client-IP', { 'True-Client-IP': '203.0.113.7' }],
    ['X-Client-IP', { 'X-Client-IP': '203.0.113.7' }],
    ['X-Original-Forwarded-For', { 'X-Original-Forwarded-For': '203.0.113.7' }],
    ['X-Original-Host', { 'X-Original-Host': 'hire.example.com' }],
    ['X-Cluster-Client-IP', { 'X-Cluster-Client-IP': '203.0.113.7' }],
    ['Fastly-Client-IP', { 'Fastly-Client-IP': '203.0.113.7' }],
    ['Client-IP', { 'Client-IP': '203.0.113.7' }],
    ['X-ProxyUser-Ip', { 'X-ProxyUser-Ip': '203.0.113.7' }],
    ['X-Azure-ClientIP', { 'X-Azure-ClientIP': '203.0.113.7' }],
    ['X-Envoy-External-Address', { 'X-Envoy-External-Address': '203.0.113.7' }],
    ['X-Remote-Addr', { 'X-Remote-Addr': '203.0.113.7' }],
  ])(
    'without API_TOKEN, refuses a request a proxy on this machine passed on (%s), and serves the machine itself',
    async (_header, headers) => {
      const proxied = await fetch(`${app.url}/api/interviews`, { headers });
      expect(proxied.status).toBe(401);
      expect(await proxied.json()).toMatchObject({ error: { code: 'unauthorized' } });
      const created = await post({ candidateName: 'Through A Proxy', candidateEmail: 'proxy@example.com' }, headers);
      expect(created.status).toBe(401);
      expect(await app.database.read((manager) => manager.countBy(Interview, { candidateEmail: 'proxy@example.com' }))).toBe(0);
      expect((await fetch(`${app.url}/api/interviews`)).status).toBe(200);
    },
  );

  it('with API_TOKEN, serves a proxied request that carries the token', async () => {
    const secured = await startTestApplication({ env: { API_TOKEN: TEST_API_TOKEN } });
    try {
      const response = await fetch(`${secured.url}/api/interviews`, {
        headers: { Authorization: `Bearer ${TEST_API_TOKEN}`, 'X-Forwarded-For': '203.0.113.7' },
      });
      expect(response.status).toBe(200);
    } finally {
      await secured.close();
    }
  });
});
