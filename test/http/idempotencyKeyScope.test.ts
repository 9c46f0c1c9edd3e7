import { BookingRequest } from '../../src/domain/bookings/BookingRequest';
import { Interview } from '../../src/domain/interviews/Interview';
import { BookingRequestStatus } from '../../src/domain/bookings/bookingRequestStatus';
import { InterviewStatus } from '../../src/domain/interviews/interviewStatus';
import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';
import { outboxSettled, startTestApplication, type TestApplication } from '../support/testApplication';

/** Requests racing for one key at the same moment. */
const RACING_REQUESTS = 8;

describeOnEachDatabase('an Idempotency-Key names one request of the API client, whatever its target', (openDatabase) => {
  let database: TestDatabase;
  let app: TestApplication;
  let slotHour = 40;

  beforeAll(async () => {
    database = await openDatabase();
    app = await startTestApplication({ env: database.env });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  let keys = 0;
  const newKey = () => `scope-key-${Date.now()}-${(keys += 1)}`;

  const call = (method: string, path: string, key: string, body?: unknown) =>
    fetch(`${app.url}/api${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  async function schedule(name: string): Promise<string> {
    const response = await fetch(`${app.url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ candidateName: name, candidateEmail: 'scope@example.com' }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  async function requestBooking(name: string, key?: string): Promise<Response> {
    const slots = await fetch(`${app.url}/api/slots`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        startsAt: new Date(Math.ceil(Date.now() / 3_600_000 + (slotHour += 1)) * 3_600_000).toISOString(),
        durationMinutes: 30,
        interviewers: ['ada@example.com'],
      }),
    });
    const slot = (await slots.json()) as { id: string };
    return fetch(`${app.url}/api/booking-requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
      body: JSON.stringify({ candidateName: name, candidateEmail: 'scope@example.com', slotIds: [slot.id] }),
    });
  }

  const bookingRequestId = async (name: string) => {
    const response = await requestBooking(name);
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };

  const interviewStatus = (id: string) => app.database.read(async (manager) => (await manager.findOneByOrFail(Interview, { id })).status);
  const bookingStatus = (id: string) =>
    app.database.read(async (manager) => (await manager.findOneByOrFail(BookingRequest, { id })).status);

  async function expectReused(response: Response): Promise<void> {
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'idempotency_key_reused' } });
  }

  it('refuses a key that cancelled one interview when it is sent to cancel another, changing nothing', async () => {
    const [first, second] = [await schedule('First'), await schedule('Second')];
    const key = newKey();
    expect((await call('POST', `/interviews/${first}/cancel`, key)).status).toBe(200);
    await expectReused(await call('POST', `/interviews/${second}/cancel`, key));
    expect(await interviewStatus(second)).toBe(InterviewStatus.Scheduled);

    const replayed = await call('POST', `/interviews/${first}/cancel`, key);
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
  });

  it('refuses a key across every kind of request: creating, changing, and booking requests alike', async () => {
    const interview = await schedule('Target');
    const created = newKey();
    expect((await call('POST', '/interviews', created, { candidateName: 'Made', candidateEmail: 'made@example.com' })).status).toBe(201);
    await expectReused(await call('POST', `/interviews/${interview}/rotate-link`, created));
    await expectReused(await call('PATCH', `/interviews/${interview}`, created, { durationMinutes: 30 }));
    await expectReused(await requestBooking('Reused', created));

    const booking = await bookingRequestId('Booking');
    await expectReused(await call('POST', `/booking-requests/${booking}/cancel`, created));
    await expectReused(await call('POST', `/booking-requests/${booking}/resend`, created));
    expect(await bookingStatus(booking)).toBe(BookingRequestStatus.Open);

    const rotated = newKey();
    expect((await call('POST', `/interviews/${interview}/rotate-link`, rotated)).status).toBe(200);
    await expectReused(await call('POST', '/interviews', rotated, { candidateName: 'Late', candidateEmail: 'late@example.com' }));
    expect(await app.database.read((manager) => manager.countBy(Interview, { candidateEmail: 'late@example.com' }))).toBe(0);
    await outboxSettled(app.database);
  });

  it('refuses a key that withdrew one booking request when it is sent for another', async () => {
    const [first, second] = [await bookingRequestId('First link'), await bookingRequestId('Second link')];
    const key = newKey();
    expect((await call('POST', `/booking-requests/${first}/cancel`, key)).status).toBe(200);
    await expectReused(await call('POST', `/booking-requests/${second}/cancel`, key));
    await expectReused(await call('POST', `/booking-requests/${second}/resend`, key));
    expect(await bookingStatus(second)).toBe(BookingRequestStatus.Open);
    const again = await call('POST', `/booking-requests/${first}/cancel`, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const created = newKey();
    expect((await requestBooking('Made with a key', created)).status).toBe(201);
    await expectReused(await call('POST', '/interviews', created, { candidateName: 'Other', candidateEmail: 'other@example.com' }));
  });

  it(`lets exactly one of ${RACING_REQUESTS} cancels of different interviews sent at once with one key through`, async () => {
    const interviews: string[] = [];
    for (let index = 0; index < RACING_REQUESTS; index += 1) interviews.push(await schedule(`Racing ${index}`));
    const key = newKey();
    const answers = await Promise.all(interviews.map((id) => call('POST', `/interviews/${id}/cancel`, key)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, ...Array<number>(RACING_REQUESTS - 1).fill(409)]);
    const statuses = await Promise.all(interviews.map(interviewStatus));
    expect(statuses.filter((status) => status === InterviewStatus.Cancelled)).toHaveLength(1);
    expect(statuses[answers.findIndex((answer) => answer.status === 200)]).toBe(InterviewStatus.Cancelled);
    await outboxSettled(app.database);
  });

  it(`answers ${RACING_REQUESTS} identical creations sent at once with one key as one: a 201, replays of it, one interview`, async () => {
    const key = newKey();
    const body = { candidateName: 'Retried', candidateEmail: 'retried.at.once@example.com' };
    const answers = await Promise.all(Array.from({ length: RACING_REQUESTS }, () => call('POST', '/interviews', key, body)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([...Array<number>(RACING_REQUESTS - 1).fill(200), 201]);
    expect(answers.filter((answer) => answer.headers.get('idempotent-replayed') === 'true')).toHaveLength(RACING_REQUESTS - 1);
    const ids = new Set(await Promise.all(answers.map(async (answer) => ((await answer.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    expect(await app.database.read((manager) => manager.countBy(Interview, { candidateEmail: body.candidateEmail }))).toBe(1);
    await outboxSettled(app.database);
  });

  it('lets exactly one of an interview and a booking request created at once with one key through', async () => {
    const key = newKey();
    const [interview, booking] = await Promise.all([
      call('POST', '/interviews', key, { candidateName: 'Race', candidateEmail: 'race.interview@example.com' }),
      requestBooking('Race', key),
    ]);
    expect([interview.status, booking.status].sort()).toEqual([201, 409]);
    const made =
      (await app.database.read((manager) => manager.countBy(Interview, { candidateEmail: 'race.interview@example.com' }))) +
      (await app.database.read((manager) => manager.countBy(BookingRequest, { idempotencyKey: `api:${key}` })));
    expect(made).toBe(1);
    await outboxSettled(app.database);
  });
});
