import { Client } from 'pg';
import { Interview } from '../../../src/domain/interviews/Interview';
import { describeWithPostgres } from '../../requirements/describeWith';
import { createScratchDatabase } from '../../support/postgres';
import { hoursFromNowInSeconds, startSlackHarness, type SlackHarness } from './slackTestHarness';

describeWithPostgres('a scheduling modal submitted while the database is up but slow to answer, on PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let harness: SlackHarness;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    harness = await startSlackHarness({ DATABASE_URL: scratch.url });
  });
  afterAll(async () => {
    await harness?.close();
    await scratch?.drop();
  });

  it('says it took too long and to press Schedule again, not that the database is unavailable; pressing again keeps one interview', async () => {
    const values = { name: 'Slow Save', email: 'slow-save@example.com', time: hoursFromNowInSeconds(48) };
    // Another session holds the interview table, as a long migration or a heavy report would: the app's insert waits.
    const otherSession = new Client({ connectionString: scratch.url });
    await otherSession.connect();
    let first: Awaited<ReturnType<SlackHarness['submitScheduleModal']>>;
    try {
      await otherSession.query('BEGIN');
      await otherSession.query('LOCK TABLE "interview" IN EXCLUSIVE MODE');
      first = await harness.submitScheduleModal(values, { viewId: 'V0SLOWSAVE' });
    } finally {
      await otherSession.query('ROLLBACK');
      await otherSession.end();
    }
    expect(first.status).toBe(200);
    const note = (first.json() as { response_action: string; errors: Record<string, string> }).errors.candidate_name;
    expect(first.json()).toMatchObject({ response_action: 'errors' });
    expect(note).toContain('This took too long');
    expect(note).toContain('Nothing was lost');
    expect(note).toContain('press Schedule again');
    expect(note).not.toMatch(/database/);

    const again = await harness.submitScheduleModal(values, { viewId: 'V0SLOWSAVE' });
    expect([again.status, again.text]).toEqual([200, '']);
    const stored = await harness.app.database.read((manager) => manager.countBy(Interview, { candidateEmail: 'slow-save@example.com' }));
    expect(stored).toBe(1);
    await harness.settle();
  });
});
