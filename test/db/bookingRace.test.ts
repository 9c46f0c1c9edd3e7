import { Client } from 'pg';
import { describeWithPostgres } from '../requirements/describeWith';
import { startChildApplication, type ChildApplication } from '../support/childApplication';
import { FakeSendGridApi } from '../support/fakeSendGridApi';
import { createScratchDatabase } from '../support/postgres';

const RACERS = 20;
const HOUR = 3_600_000;

let replicas: ChildApplication[] = [];
let sendGrid: FakeSendGridApi | undefined;
let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;

describeWithPostgres('candidates racing for one slot, on two processes sharing one PostgreSQL database', () => {
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    sendGrid = await FakeSendGridApi.start();
    const env = {
      DATABASE_URL: scratch.url,
      SENDGRID_API_KEY: sendGrid.apiKey,
      SENDGRID_API_URL: sendGrid.url,
      MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
      PUBLIC_BASE_URL: 'https://hire.acme.example',
      LOG_LEVEL: 'info',
      API_RATE_LIMIT_PER_MINUTE: '0',
      JOIN_PAGE_RATE_LIMIT_PER_MINUTE: '0',
    };
    replicas = await Promise.all([startChildApplication(env), startChildApplication(env)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop('SIGTERM')));
    await sendGrid?.close();
    await scratch?.drop();
  });

  let nextHour = 24;
  async function offerSlots(count: number): Promise<string[]> {
    const response = await fetch(`${replicas[0].url}/api/slots`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        slots: Array.from({ length: count }, () => ({
          startsAt: new Date(Math.ceil(Date.now() / HOUR) * HOUR + nextHour++ * HOUR).toISOString(),
          durationMinutes: 30,
          interviewer: 'U0ADA',
        })),
      }),
    });
    return ((await response.json()) as { slots: Array<{ id: string }> }).slots.map((slot) => slot.id);
  }

  async function requestBooking(replica: ChildApplication, email: string, slotIds: string[]): Promise<{ id: string; token: string }> {
    const response = await fetch(`${replica.url}/api/booking-requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ candidateName: 'Racer', candidateEmail: email, slotIds }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; bookingLink: string };
    return { id: body.id, token: body.bookingLink.split('token=')[1] };
  }

  const book = (replica: ChildApplication, token: string, slotId: string) =>
    fetch(`${replica.url}/book/`, { method: 'POST', body: new URLSearchParams({ token, slotId }), redirect: 'manual' });

  async function query<Row>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    const database = new Client({ connectionString: scratch!.url });
    await database.connect();
    try {
      return (await database.query(sql, parameters)).rows as Row[];
    } finally {
      await database.end();
    }
  }

  it('gives exactly one of twenty the interview; the others get a 409 page with their other time', async () => {
    const [contested] = await offerSlots(1);
    const own = await offerSlots(RACERS);
    const requests = await Promise.all(
      own.map((slotId, index) => requestBooking(replicas[index % 2], `racer-${index}@example.com`, [contested, slotId])),
    );
    const answers = await Promise.all(requests.map((request, index) => book(replicas[index % 2], request.token, contested)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 303)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(RACERS - 1);
    const interviews = await query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM "interview" WHERE "slotId" = $1`, [contested]);
    expect(interviews[0].n).toBe(1);
    const states = await query<{ status: string; n: number }>(
      `SELECT "status", COUNT(*)::int AS n FROM "booking_request" WHERE "id" = ANY($1) GROUP BY "status" ORDER BY "status"`,
      [requests.map((request) => request.id)],
    );
    expect(states).toEqual([
      { status: 'booked', n: 1 },
      { status: 'open', n: RACERS - 1 },
    ]);
  }, 60_000);

  it('closes every loser’s link when the contested slot was all it offered: one 303, the rest 410, none left open', async () => {
    const [contested] = await offerSlots(1);
    const requests = await Promise.all(
      Array.from({ length: RACERS }, (_, index) => requestBooking(replicas[index % 2], `only-${index}@example.com`, [contested])),
    );
    const answers = await Promise.all(requests.map((request, index) => book(replicas[index % 2], request.token, contested)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 303)).toHaveLength(1);
    expect(statuses.filter((status) => status === 410)).toHaveLength(RACERS - 1);
    const states = await query<{ status: string; n: number }>(
      `SELECT "status", COUNT(*)::int AS n FROM "booking_request" WHERE "id" = ANY($1) GROUP BY "status" ORDER BY "status"`,
      [requests.map((request) => request.id)],
    );
    expect(states).toEqual([
      { status: 'booked', n: 1 },
      { status: 'expired', n: RACERS - 1 },
    ]);
    const interviews = await query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM "interview" WHERE "slotId" = $1`, [contested]);
    expect(interviews[0].n).toBe(1);
  }, 60_000);

  it('makes one interview of a candidate submitting twice to both processes at once', async () => {
    const [slot] = await offerSlots(1);
    const request = await requestBooking(replicas[0], 'double@example.com', [slot]);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, index) => book(replicas[index % 2], request.token, slot)));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 6 }, () => 303));
    expect(new Set(answers.map((answer) => answer.headers.get('location'))).size).toBe(1);
    const interviews = await query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM "interview" WHERE "slotId" = $1`, [slot]);
    expect(interviews[0].n).toBe(1);
  }, 60_000);

  it('logged no error on either process', () => {
    const errors = replicas.flatMap((replica) => replica.logs.filter((entry) => Number(entry.level) >= 50));
    expect(errors).toEqual([]);
  });
});
