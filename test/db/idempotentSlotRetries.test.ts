import { describeWithPostgres } from '../requirements/describeWith';
import { createScratchDatabase } from '../support/postgres';
import { startTestApplication, type TestApplication } from '../support/testApplication';

const TRIALS = 30;

describeWithPostgres('a retry racing its first attempt for a slot, on two app processes sharing PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let first: TestApplication;
  let second: TestApplication;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    first = await startTestApplication({ env: { DATABASE_URL: scratch.url } });
    second = await startTestApplication({ env: { DATABASE_URL: scratch.url } });
  }, 30_000);
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await scratch?.drop();
  });

  const post = (app: TestApplication, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('gets the first attempt’s interview (201 or 200), never “slot was just booked”', async () => {
    const slotStarts = Array.from({ length: TRIALS }, (_, index) =>
      new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + (index + 24) * 3_600_000).toISOString(),
    );
    const slots = (await (
      await post(first, '/api/slots', { slots: slotStarts.map((startsAt) => ({ startsAt, durationMinutes: 30, interviewer: 'U0ADA' })) })
    ).json()) as {
      slots: Array<{ id: string }>;
    };
    const outcomes: Array<{ statuses: number[]; ids: string[] }> = [];
    for (const [index, slot] of slots.slots.entries()) {
      const body = { candidateName: 'Retry Racer', candidateEmail: `racer-${index}@example.com`, slotId: slot.id };
      const headers = { 'Idempotency-Key': `race-${index}` };
      const answers = await Promise.all([post(first, '/api/interviews', body, headers), post(second, '/api/interviews', body, headers)]);
      const payloads = (await Promise.all(answers.map((answer) => answer.json()))) as Array<{ id?: string }>;
      outcomes.push({ statuses: answers.map((answer) => answer.status).sort(), ids: payloads.map((payload) => payload.id ?? '') });
    }
    for (const outcome of outcomes) {
      expect(outcome.statuses).toEqual([200, 201]);
      expect(new Set(outcome.ids).size).toBe(1);
    }
  }, 60_000);
});
