import type { EntityManager } from 'typeorm';
import { openDatabase } from '../../src/domain/appDatabase';
import { AvailabilitySlot } from '../../src/domain/slots/AvailabilitySlot';
import { openTestDomain, type TestDomain } from '../support/testDatabase';

const opened: TestDomain[] = [];
async function openDomain(): Promise<TestDomain> {
  const domain = await openTestDomain();
  opened.push(domain);
  return domain;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((domain) => domain.close()));
});

const slot = (id: string) => ({
  id,
  startsAt: new Date('2030-01-01T10:00:00Z'),
  durationMinutes: 30,
  interviewer: 'U0ADA',
  createdBySlackUserId: null,
  bookedInterviewId: null,
  createdAt: new Date('2029-12-01T10:00:00Z'),
});
const id = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;

type Work = (manager: EntityManager) => Promise<unknown>;

/** Asks for every transaction in the same turn of the event loop, as requests read together do. */
function askTogether(domain: TestDomain, works: Work[]) {
  return Promise.allSettled(works.map((work) => domain.database.transaction(work)));
}

/** The same transactions, each asked for only once the one before it has finished. */
async function askOneAfterAnother(domain: TestDomain, works: Work[]) {
  const outcomes: PromiseSettledResult<unknown>[] = [];
  for (const work of works) {
    outcomes.push(
      await domain.database.transaction(work).then(
        (value) => ({ status: 'fulfilled' as const, value }),
        (reason: unknown) => ({ status: 'rejected' as const, reason }),
      ),
    );
  }
  return outcomes;
}

const described = (outcomes: PromiseSettledResult<unknown>[]) =>
  outcomes.map((outcome) => (outcome.status === 'fulfilled' ? { value: outcome.value } : { error: String(outcome.reason) }));

const storedSlotIds = async (domain: TestDomain) =>
  (await domain.database.read((manager) => manager.find(AvailabilitySlot, { order: { id: 'ASC' } }))).map((row) => row.id);

describe('SQLite transactions asked for together', () => {
  it('commit in one transaction, while each one that throws or breaks a constraint is undone alone with its own error', async () => {
    const domain = await openDomain();
    const begun = jest.spyOn(domain.database.dataSource, 'transaction');
    const outcomes = await askTogether(
      domain,
      Array.from({ length: 12 }, (_, index) => async (manager: EntityManager) => {
        await manager.insert(AvailabilitySlot, slot(id(index)));
        if (index === 5) throw new Error('the fifth changed its mind');
        if (index === 7) await manager.insert(AvailabilitySlot, slot(id(3)));
        return index;
      }),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(
      Array.from({ length: 12 }, (_, index) => (index === 5 || index === 7 ? 'rejected' : 'fulfilled')),
    );
    expect((outcomes[5] as PromiseRejectedResult).reason).toEqual(new Error('the fifth changed its mind'));
    expect(String((outcomes[7] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled').map((outcome) => outcome.value)).toEqual([
      0, 1, 2, 3, 4, 6, 8, 9, 10, 11,
    ]);
    expect(await storedSlotIds(domain)).toEqual([0, 1, 2, 3, 4, 6, 8, 9, 10, 11].map(id));
    // The failures cost the others no second round: all twelve were settled by one COMMIT.
    expect(begun).toHaveBeenCalledTimes(1);
  });

  it('store and answer exactly what asking for them one after another would', async () => {
    const works: Work[] = [
      (manager) => manager.insert(AvailabilitySlot, [slot(id(1)), slot(id(2))]).then(() => 'two stored'),
      async (manager) => {
        await manager.insert(AvailabilitySlot, slot(id(3)));
        throw new Error('gave up after writing');
      },
      (manager) => manager.count(AvailabilitySlot),
      async (manager) => {
        await manager.insert(AvailabilitySlot, slot(id(4)));
        const again = await manager.insert(AvailabilitySlot, slot(id(1))).then(
          () => 'stored twice',
          () => 'refused, carried on',
        );
        return again;
      },
      async (manager) => {
        const inner = await manager
          .transaction(async (nested) => {
            await nested.insert(AvailabilitySlot, slot(id(5)));
            throw new Error('the nested part failed');
          })
          .catch((error: Error) => error.message);
        await manager.insert(AvailabilitySlot, slot(id(6)));
        return inner;
      },
      (manager) => manager.insert(AvailabilitySlot, slot(id(2))),
      (manager) => manager.find(AvailabilitySlot, { order: { id: 'ASC' } }).then((rows) => rows.map((row) => row.id)),
    ];
    const together = await openDomain();
    const oneAfterAnother = await openDomain();
    const begun = jest.spyOn(together.database.dataSource, 'transaction');

    const batched = await askTogether(together, works);
    const alone = await askOneAfterAnother(oneAfterAnother, works);

    expect(begun).toHaveBeenCalledTimes(1);
    expect(described(batched)).toEqual(described(alone));
    expect(described(batched)).toEqual([
      { value: 'two stored' },
      { error: 'Error: gave up after writing' },
      { value: 2 },
      { value: 'refused, carried on' },
      { value: 'the nested part failed' },
      { error: expect.stringMatching(/UNIQUE constraint failed/) as unknown },
      { value: [1, 2, 4, 6].map(id) },
    ]);
    expect(await storedSlotIds(together)).toEqual(await storedSlotIds(oneAfterAnother));
  });

  it('when one breaks a constraint SQLite checks only at COMMIT, fail it alone and store the others', async () => {
    const domain = await openDomain();
    await domain.database.dataSource.query('CREATE TABLE "test_parent" ("id" varchar PRIMARY KEY NOT NULL)');
    await domain.database.dataSource.query(
      'CREATE TABLE "test_child" ("id" varchar PRIMARY KEY NOT NULL, "parentId" varchar REFERENCES "test_parent" ("id") DEFERRABLE INITIALLY DEFERRED)',
    );
    const outcomes = await askTogether(domain, [
      (manager) => manager.insert(AvailabilitySlot, slot(id(1))).then(() => 'first stored'),
      (manager) => manager.query('INSERT INTO "test_child" ("id", "parentId") VALUES (?, ?)', ['orphan', 'no such parent']),
      (manager) => manager.insert(AvailabilitySlot, slot(id(2))).then(() => 'third stored'),
    ]);
    expect(described(outcomes)).toEqual([
      { value: 'first stored' },
      { error: expect.stringMatching(/FOREIGN KEY constraint failed/) as unknown },
      { value: 'third stored' },
    ]);
    expect(await storedSlotIds(domain)).toEqual([id(1), id(2)]);
    expect(await domain.database.dataSource.query('SELECT "id" FROM "test_child"')).toEqual([]);
  });

  it('when another connection commits between one that reads and one that writes, fail neither', async () => {
    const domain = await openDomain();
    const otherProcess = await openDatabase({ kind: 'sqlite', path: domain.database.dataSource.options.database as string });
    try {
      let otherProcessWrote = false;
      const outcomes = await askTogether(domain, [
        async (manager) => {
          const seen = await manager.count(AvailabilitySlot);
          if (!otherProcessWrote) {
            otherProcessWrote = true;
            await otherProcess.manager.insert(AvailabilitySlot, slot(id(99)));
          }
          return seen;
        },
        (manager) => manager.insert(AvailabilitySlot, slot(id(1))).then(() => 'stored'),
      ]);
      expect(described(outcomes)).toEqual([{ value: 1 }, { value: 'stored' }]);
      expect(await storedSlotIds(domain)).toEqual([id(1), id(99)]);
    } finally {
      await otherProcess.destroy();
    }
  });

  it('run a lone transaction at once, on its own', async () => {
    const domain = await openDomain();
    const begun = jest.spyOn(domain.database.dataSource, 'transaction');
    await domain.database.transaction((manager) => manager.insert(AvailabilitySlot, slot(id(1))));
    expect(begun).toHaveBeenCalledTimes(1);
  });
});
