import { Client } from 'pg';
import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';
import { describeWithPostgres } from '../requirements/describeWith';
import { createScratchDatabase } from '../support/postgres';
import { startTestApplication, type TestApplication } from '../support/testApplication';

const HOUR = 3_600_000;
const RACERS = 6;

describeOnEachDatabase('loops that share an interviewer, booked at the same moment', (openDatabase) => {
  let database: TestDatabase;
  let app: TestApplication;

  beforeAll(async () => {
    database = await openDatabase();
    app = await startTestApplication({ env: database.env });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('books one of them; every other gets 409 interviewers_busy, and nobody is in two sessions at once', async () => {
    const firstStart = new Date(Math.ceil(Date.now() / (24 * HOUR)) * 24 * HOUR + 3 * 24 * HOUR + 9 * HOUR);
    const book = (racer: number) =>
      fetch(`${app.url}/api/interviews`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          candidateName: `Racer ${racer}`,
          candidateEmail: `racer${racer}@example.com`,
          // Each racer starts 5 minutes after the one before, so every racer's shared session overlaps every other's.
          scheduledTime: new Date(firstStart.getTime() + racer * 5 * 60_000).toISOString(),
          maxGapMinutes: 0,
          sessions: [
            { title: 'Own', durationMinutes: 60, interviewers: [`own${racer}@acme.example`] },
            { title: 'Shared', durationMinutes: 60, interviewers: ['shared@acme.example'] },
          ],
        }),
      });
    const responses = await Promise.all(Array.from({ length: RACERS }, (_, racer) => book(racer)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(RACERS - 1).fill(409)]);
    for (const response of responses.filter((each) => each.status === 409)) {
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('interviewers_busy');
    }
    const listed = await fetch(`${app.url}/api/interviews?limit=100`);
    const interviews = ((await listed.json()) as { interviews: Array<{ loopId: string | null }> }).interviews;
    expect(interviews.filter((interview) => interview.loopId !== null)).toHaveLength(2);
  });
});

describeWithPostgres('the schema on PostgreSQL refuses two overlapping bookings of one interviewer', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let app: TestApplication;
  let client: Client;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    app = await startTestApplication({ env: { DATABASE_URL: scratch.url } });
    client = new Client({ connectionString: scratch.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await app?.close();
    await scratch?.drop();
  });

  const insert = (id: string, interviewer: string, startsAt: string, endsAt: string) =>
    client.query(
      'INSERT INTO "interviewer_booking" ("id", "interviewId", "interviewer", "startsAt", "endsAt") VALUES ($1, $2, $3, $4, $5)',
      [id, `interview-${id}`, interviewer, startsAt, endsAt],
    );

  it('refuses an overlap of one person, and takes back-to-back times and other people', async () => {
    await insert('a', 'ada@acme.example', '2030-01-01T10:00:00Z', '2030-01-01T11:00:00Z');
    await expect(insert('b', 'ada@acme.example', '2030-01-01T10:30:00Z', '2030-01-01T11:30:00Z')).rejects.toThrow(
      /interviewer_booking_no_overlap/,
    );
    await insert('c', 'ada@acme.example', '2030-01-01T11:00:00Z', '2030-01-01T12:00:00Z');
    await insert('d', 'bo@acme.example', '2030-01-01T10:30:00Z', '2030-01-01T11:30:00Z');
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM "interviewer_booking"');
    expect(Number(rows[0].count)).toBe(3);
  });
});
