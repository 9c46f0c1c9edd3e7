import { watchInterviewWrites } from '../../src/http/cache/interviewWrites';
import { cancelInterview } from '../../src/domain/interviews/cancelInterview';
import { scheduleInterview } from '../../src/domain/interviews/scheduleInterview';
import { openTestDomain, type TestDomain } from '../support/testDatabase';

let domain: TestDomain;
beforeEach(async () => {
  domain = await openTestDomain();
});
afterEach(async () => {
  await domain.close();
});

describe('watching interview writes (what empties the join page’s remembered lookups)', () => {
  it('hears a change to an interview but not the creation of one, which can make nothing remembered stale', async () => {
    let heard = 0;
    const stopWatching = watchInterviewWrites(domain.database.dataSource, () => (heard += 1));
    const { interview } = await scheduleInterview(domain.context, {
      input: { candidateName: 'Jane Doe', candidateEmail: 'jane@example.com' },
      actor: { kind: 'api' },
    });
    expect(heard).toBe(0);
    await cancelInterview(domain.context, { interviewId: interview.id, actor: { kind: 'api' } });
    expect(heard).toBeGreaterThan(0);
    stopWatching();
  });
});
