import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';
import { startTestApplication, type TestApplication } from '../support/testApplication';

/** How many page requests are in flight at once while the link changes: enough to land one between the change and its commit. */
const CONCURRENT_VISITORS = 8;
/** Each change is checked against this many page requests started after it answered. */
const REQUESTS_AFTER_THE_CHANGE = 150;
/** Each trial changes one interview; the race it looks for is narrow, so it is given several chances. */
const TRIALS = 4;

interface PageVisit {
  startedAfterChange: boolean;
  status: number;
  cancelledPage: boolean;
}

/**
 * Requests the join page from several visitors at once until `change` has answered and
 * REQUESTS_AFTER_THE_CHANGE more requests have started, and returns every visit. Ordering only:
 * a visit counts as after the change when it started once the change's answer had arrived.
 */
async function visitWhileChanging(
  pageUrl: string,
  change: () => Promise<Response>,
): Promise<{ changeStatus: number; visits: PageVisit[] }> {
  const visits: PageVisit[] = [];
  let changed = false;
  let startedAfterChange = 0;
  const visitor = async () => {
    while (!changed || startedAfterChange < REQUESTS_AFTER_THE_CHANGE) {
      const afterChange = changed;
      if (afterChange) startedAfterChange += 1;
      const response = await fetch(pageUrl);
      const body = await response.text();
      visits.push({
        startedAfterChange: afterChange,
        status: response.status,
        cancelledPage: body.includes('This interview was cancelled'),
      });
    }
  };
  const visitors = Array.from({ length: CONCURRENT_VISITORS }, visitor);
  // Let the visitors fill the lookup cache with the interview as it stands before changing it.
  while (visits.length < CONCURRENT_VISITORS) await new Promise((resolve) => setImmediate(resolve));
  const answer = await change();
  changed = true;
  await Promise.all(visitors);
  return { changeStatus: answer.status, visits };
}

describeOnEachDatabase('a join link changed while its page is being requested', (openDatabase) => {
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

  const schedule = async (name: string) => {
    const response = await fetch(`${app.url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ candidateName: name, candidateEmail: 'load@example.com' }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; sessionKey: string };
  };

  it('answers 404 to every request for the old link that started after rotate-link answered', async () => {
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const interview = await schedule(`Rotated ${trial}`);
      const { changeStatus, visits } = await visitWhileChanging(`${app.url}/interview/?session_key=${interview.sessionKey}`, () =>
        fetch(`${app.url}/api/interviews/${interview.id}/rotate-link`, { method: 'POST' }),
      );
      expect(changeStatus).toBe(200);
      expect(visits.filter((visit) => !visit.startedAfterChange).map((visit) => visit.status)).toContain(200);
      const after = visits.filter((visit) => visit.startedAfterChange);
      expect(after.length).toBeGreaterThanOrEqual(REQUESTS_AFTER_THE_CHANGE);
      expect(after.filter((visit) => visit.status !== 404)).toEqual([]);
    }
  });

  it('shows the cancelled page to every request that started after cancel answered', async () => {
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const interview = await schedule(`Cancelled ${trial}`);
      const { changeStatus, visits } = await visitWhileChanging(`${app.url}/interview/?session_key=${interview.sessionKey}`, () =>
        fetch(`${app.url}/api/interviews/${interview.id}/cancel`, { method: 'POST' }),
      );
      expect(changeStatus).toBe(200);
      const after = visits.filter((visit) => visit.startedAfterChange);
      expect(after.length).toBeGreaterThanOrEqual(REQUESTS_AFTER_THE_CHANGE);
      expect(after.filter((visit) => visit.status !== 200 || !visit.cancelledPage)).toEqual([]);
    }
  });
});
