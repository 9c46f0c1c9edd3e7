import { AvailabilitySlot } from '../../src/db/entities/AvailabilitySlot';
import { openTestDomain, type TestDomain } from '../support/testDatabase';

let domain: TestDomain;
beforeEach(async () => {
  domain = await openTestDomain();
});
afterEach(async () => {
  await domain.close();
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

describe('SQLite transactions that queue up', () => {
  it('commit together, while each one that fails is undone alone and fails with its own error', async () => {
    const begun = jest.spyOn(domain.database.dataSource, 'transaction');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, index) =>
        domain.database.transaction(async (manager) => {
          await manager.insert(AvailabilitySlot, slot(id(index)));
          if (index === 5) throw new Error('the fifth changed its mind');
          if (index === 7) await manager.insert(AvailabilitySlot, slot(id(3)));
          return index;
        }),
      ),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(
      Array.from({ length: 12 }, (_, index) => (index === 5 || index === 7 ? 'rejected' : 'fulfilled')),
    );
    expect((outcomes[5] as PromiseRejectedResult).reason).toEqual(new Error('the fifth changed its mind'));
    expect(String((outcomes[7] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled').map((outcome) => outcome.value)).toEqual([
      0, 1, 2, 3, 4, 6, 8, 9, 10, 11,
    ]);
    const stored = await domain.database.read((manager) => manager.find(AvailabilitySlot, { order: { id: 'ASC' } }));
    expect(stored.map((row) => row.id)).toEqual([0, 1, 2, 3, 4, 6, 8, 9, 10, 11].map(id));
    expect(begun.mock.calls.length).toBeLessThan(12);
  });

  it('run a lone transaction at once, on its own', async () => {
    const begun = jest.spyOn(domain.database.dataSource, 'transaction');
    await domain.database.transaction((manager) => manager.insert(AvailabilitySlot, slot(id(1))));
    expect(begun).toHaveBeenCalledTimes(1);
  });
});
