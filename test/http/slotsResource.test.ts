import { AvailabilitySlot } from '../../src/domain/slots/AvailabilitySlot';
import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';
import { startTestApplication, type TestApplication } from '../support/testApplication';

interface SlotJson {
  id: string;
  startsAt: string;
  durationMinutes: number;
  interviewers: Array<{ slackUserId?: string; email?: string }>;
  interviewer: string;
  status: 'open' | 'booked' | 'past';
  booked: boolean;
  bookedInterviewId: string | null;
}

interface ErrorJson {
  error: { code: string; message: string; fields?: Record<string, string> };
}

describeOnEachDatabase('slots as a resource: /api/slots and /api/slots/:id', (openDatabase) => {
  let database: TestDatabase;
  let app: TestApplication;
  let nextHour = 100;

  beforeAll(async () => {
    database = await openDatabase();
    app = await startTestApplication({ env: database.env });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const laterHour = () => new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + (nextHour += 1) * 3_600_000).toISOString();

  function api(method: string, path: string, body?: unknown) {
    return fetch(`${app.url}/api${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  const countSlots = () => app.database.read((manager) => manager.count(AvailabilitySlot));

  it('creates one slot from one object: 201 with Location; the same window again is 200 with the same slot', async () => {
    const window = { startsAt: laterHour(), durationMinutes: 30, interviewers: ['ada@example.com'] };
    const created = await api('POST', '/slots', window);
    expect(created.status).toBe(201);
    const slot = (await created.json()) as SlotJson;
    expect(slot).toMatchObject({
      startsAt: window.startsAt,
      durationMinutes: 30,
      interviewers: [{ email: 'ada@example.com' }],
      interviewer: 'ada@example.com',
      status: 'open',
      booked: false,
    });
    expect(created.headers.get('location')).toBe(`/api/slots/${slot.id}`);
    const count = await countSlots();

    const again = await api('POST', '/slots', window);
    expect(again.status).toBe(200);
    expect(again.headers.get('location')).toBe(`/api/slots/${slot.id}`);
    expect(((await again.json()) as SlotJson).id).toBe(slot.id);
    expect(await countSlots()).toBe(count);

    const fetched = await api('GET', `/slots/${slot.id}`);
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toEqual(slot);
  });

  it('creates many from {slots: [...]}, and still reads the deprecated interviewer string', async () => {
    const response = await api('POST', '/slots', {
      slots: [
        { startsAt: laterHour(), durationMinutes: 45, interviewers: ['U0ADA'] },
        { startsAt: laterHour(), durationMinutes: 45, interviewer: 'grace@example.com' },
      ],
    });
    expect(response.status).toBe(201);
    const { slots } = (await response.json()) as { slots: SlotJson[] };
    expect(slots.map((slot) => slot.interviewers)).toEqual([[{ slackUserId: 'U0ADA' }], [{ email: 'grace@example.com' }]]);
  });

  it('names each bad field: no interviewer, two interviewers, both spellings, a bad length', async () => {
    const response = await api('POST', '/slots', {
      slots: [
        { startsAt: laterHour(), durationMinutes: 30 },
        { startsAt: laterHour(), durationMinutes: 30, interviewers: ['ada@example.com', 'U0ADA'] },
        { startsAt: laterHour(), durationMinutes: 30, interviewers: ['ada@example.com'], interviewer: 'ada@example.com' },
        { startsAt: laterHour(), durationMinutes: 2, interviewers: ['ada@example.com'] },
      ],
    });
    expect(response.status).toBe(400);
    expect(Object.keys(((await response.json()) as ErrorJson).error.fields!)).toEqual([
      'slots.0.interviewers',
      'slots.1.interviewers',
      'slots.2.interviewer',
      'slots.3.durationMinutes',
    ]);
  });

  it('edits an open slot with PATCH, naming bad and unknown fields; deletes it with 204; both 404 afterwards', async () => {
    const slot = (await (
      await api('POST', '/slots', { startsAt: laterHour(), durationMinutes: 30, interviewers: ['ada@example.com'] })
    ).json()) as SlotJson;
    const newStart = laterHour();
    const edited = await api('PATCH', `/slots/${slot.id}`, { startsAt: newStart, durationMinutes: 60, interviewers: ['U0GRACE'] });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({
      id: slot.id,
      startsAt: newStart,
      durationMinutes: 60,
      interviewers: [{ slackUserId: 'U0GRACE' }],
    });

    const bad = await api('PATCH', `/slots/${slot.id}`, { startsAt: '2001-01-01T00:00:00Z', durationMinutes: '60', room: 'B' });
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bad.json()) as ErrorJson).error.fields!).sort()).toEqual(['durationMinutes', 'room', 'startsAt']);
    expect((await api('PATCH', `/slots/${slot.id}`, {})).status).toBe(400);
    expect(((await (await api('GET', `/slots/${slot.id}`)).json()) as SlotJson).startsAt).toBe(newStart);

    const deleted = await api('DELETE', `/slots/${slot.id}`);
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    for (const [method, body] of [['GET'], ['PATCH', { durationMinutes: 45 }], ['DELETE']] as const) {
      const gone = await api(method, `/slots/${slot.id}`, body);
      expect(gone.status).toBe(404);
      expect(((await gone.json()) as ErrorJson).error.code).toBe('not_found');
    }
    expect((await api('GET', '/slots/not-a-slot-id')).status).toBe(404);
  });

  it('refuses to change or delete a booked slot with 409, and keeps it', async () => {
    const slot = (await (
      await api('POST', '/slots', { startsAt: laterHour(), durationMinutes: 30, interviewers: ['ada@example.com'] })
    ).json()) as SlotJson;
    const booked = await api('POST', '/interviews', {
      candidateName: 'Booked',
      candidateEmail: 'booked-slot@example.com',
      slotId: slot.id,
    });
    expect(booked.status).toBe(201);
    for (const [method, body] of [['PATCH', { durationMinutes: 60 }], ['DELETE']] as const) {
      const refused = await api(method, `/slots/${slot.id}`, body);
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as ErrorJson).error.code).toBe('slot_booked');
    }
    expect(await (await api('GET', `/slots/${slot.id}`)).json()).toMatchObject({ status: 'booked', booked: true, durationMinutes: 30 });
  });

  it('lists slots soonest first, filtered by interviewer and status, a page at a time by cursor', async () => {
    const interviewer = `pager-${Date.now()}@example.com`;
    const starts = [laterHour(), laterHour(), laterHour(), laterHour(), laterHour()];
    await api('POST', '/slots', { slots: starts.map((startsAt) => ({ startsAt, durationMinutes: 30, interviewers: [interviewer] })) });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (
        await api('GET', `/slots?interviewer=${encodeURIComponent(interviewer)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()) as { slots: SlotJson[]; nextCursor: string | null };
      expect(page.slots.length).toBeLessThanOrEqual(2);
      seen.push(...page.slots.map((slot) => slot.startsAt));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(starts);

    const first = (await (await api('GET', `/slots?interviewer=${encodeURIComponent(interviewer)}&limit=1`)).json()) as {
      slots: SlotJson[];
    };
    await api('POST', '/interviews', { candidateName: 'Pager', candidateEmail: 'pager@example.com', slotId: first.slots[0].id });
    const bookedOnly = (await (await api('GET', `/slots?interviewer=${encodeURIComponent(interviewer)}&status=booked`)).json()) as {
      slots: SlotJson[];
    };
    expect(bookedOnly.slots.map((slot) => slot.id)).toEqual([first.slots[0].id]);
    const open = (await (await api('GET', `/slots?interviewer=${encodeURIComponent(interviewer)}`)).json()) as { slots: SlotJson[] };
    expect(open.slots.map((slot) => slot.startsAt)).toEqual(starts.slice(1));
  });

  it('answers a bad limit, status, cursor or interviewer with a sentence, not zod text', async () => {
    const response = await api('GET', '/slots?limit=0&status=free&cursor=nonsense&interviewer=nobody');
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorJson).error.fields).toEqual({
      limit: 'Use a number from 1 to 100.',
      status: 'Use one of: open, booked, past.',
      cursor: 'Use the nextCursor from the previous page.',
      interviewer: 'Use a Slack user id (like U0123ABCD) or an email address.',
    });
    const misspelt = await api('GET', '/slots?interviewers=ada@example.com');
    expect(misspelt.status).toBe(400);
    expect(Object.keys(((await misspelt.json()) as ErrorJson).error.fields!)).toEqual(['interviewers']);
    for (const limit of ['abc', '1000', '2.5']) {
      const refused = await api('GET', `/slots?limit=${limit}`);
      expect(((await refused.json()) as ErrorJson).error.fields).toEqual({ limit: 'Use a number from 1 to 100.' });
    }
  });
});
