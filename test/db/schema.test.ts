import { openTestDomain, type TestDomain } from '../support/testDatabase';

let domain: TestDomain;
beforeEach(async () => {
  domain = await openTestDomain();
});
afterEach(async () => {
  await domain.close();
});

function insertInterviewRow(overrides: Record<string, unknown>) {
  const row: Record<string, unknown> = {
    id: `id-${Math.random()}`,
    candidateName: 'Jane',
    candidateEmail: 'jane@example.com',
    interviewers: '[]',
    scheduledTime: '2030-01-01 10:00:00.000',
    durationMinutes: 45,
    timezone: 'UTC',
    status: 'scheduled',
    sessionKey: 'a'.repeat(32),
    joinLink: `https://x/interview/?session_key=${'a'.repeat(32)}`,
    ...overrides,
  };
  const columns = Object.keys(row);
  return domain.database.transaction((manager) =>
    manager.query(
      `INSERT INTO "interview" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      Object.values(row),
    ),
  );
}

describe('the schema makes an interview without a key or link impossible (R2)', () => {
  it('refuses an interview row without a session key', async () => {
    await expect(insertInterviewRow({ sessionKey: null })).rejects.toThrow(/NOT NULL/);
  });

  it('refuses an interview row without a join link', async () => {
    await expect(insertInterviewRow({ joinLink: null })).rejects.toThrow(/NOT NULL/);
  });

  it('refuses two interviews with the same session key', async () => {
    await insertInterviewRow({});
    await expect(insertInterviewRow({ joinLink: 'https://x/other' })).rejects.toThrow(/UNIQUE/);
  });

  it('refuses a status outside the enum', async () => {
    await expect(insertInterviewRow({ status: 'Scheduled' })).rejects.toThrow(/CHECK/);
  });
});
