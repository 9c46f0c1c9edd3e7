import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/logger';
import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';
import { startSlackHarness, type SlackHarness } from '../slack/integration/slackTestHarness';

/**
 * Input one database stores and the other refuses (NUL bytes, years outside 0001–9999) must get
 * the same clear 400 on both, never a 500, and the refused values must never reach the logs.
 */
describeOnEachDatabase('input a database cannot store', (openDatabase) => {
  let harness: SlackHarness;
  let database: TestDatabase | undefined;
  let logs = '';

  beforeAll(async () => {
    database = await openDatabase();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs += chunk.toString();
        done();
      },
    });
    harness = await startSlackHarness(database.env, { logger: createLogger('info', sink) });
  }, 30_000);
  afterAll(async () => {
    await harness?.close();
    await database?.drop();
  });

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${harness.app.url}${path}`, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });
  const fieldsOf = async (response: Response) =>
    ((await response.json()) as { error: { fields?: Record<string, string> } }).error.fields ?? {};

  it.each([
    ['notes with a NUL byte', { notes: 'before\u0000after' }, 'notes'],
    ['a name with a NUL byte', { candidateName: 'Jane\u0000Doe' }, 'candidateName'],
    ['a role with a NUL byte', { role: 'Engineer\u0000' }, 'role'],
    ['an interviewer with a NUL byte', { interviewers: ['ada\u0000@example.com'] }, 'interviewers'],
    ['a meeting link with a NUL byte', { meetingUrl: 'https://meet.example/\u0000' }, 'meetingUrl'],
    ['a time in year -271821', { scheduledTime: '-271821-04-20T00:00:00Z' }, 'scheduledTime'],
    ['a time in year 275760', { scheduledTime: '+275760-09-13T00:00:00Z' }, 'scheduledTime'],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_case, fields, field) => {
    const before = (await (await api('/api/interviews?limit=100')).json()) as { interviews: unknown[] };
    const response = await api('/api/interviews', {
      method: 'POST',
      body: JSON.stringify({ candidateName: 'Jane', candidateEmail: 'jane@example.com', ...fields }),
    });
    expect(response.status).toBe(400);
    expect(Object.keys(await fieldsOf(response))).toEqual([field]);
    const after = (await (await api('/api/interviews?limit=100')).json()) as { interviews: unknown[] };
    expect(after.interviews).toHaveLength(before.interviews.length);
  });

  it.each([
    ['candidateEmail', 'a%00b'],
    ['channelId', 'C%00'],
    ['startsAfter', '-271821-04-20T00:00:00Z'],
    ['startsBefore', '%2B275760-09-13T00:00:00Z'],
    ['cursor', Buffer.from(JSON.stringify(['2030-01-01T00:00:00.000Z', '\u0000'])).toString('base64url')],
    ['cursor', Buffer.from(JSON.stringify(['-271821-04-20T00:00:00.000Z', '7d3c1f6e-2a4b-4c5d-8e9f-0a1b2c3d4e5f'])).toString('base64url')],
    ['channelId', 'C0A&channelId=C0B'],
  ])('refuses the list filter %s=%s with a 400 naming it', async (parameter, value) => {
    const response = await api(`/api/interviews?${parameter}=${value}`);
    expect(response.status).toBe(400);
    expect(Object.keys(await fieldsOf(response))).toEqual([parameter]);
  });

  it('answers an id that cannot be an interview’s with a plain 404', async () => {
    for (const id of ['%00', 'x%00y', 'not-a-uuid', '7d3c1f6e-2a4b-4c5d-8e9f-0a1b2c3d4e5f']) {
      const response = await api(`/api/interviews/${id}`);
      expect(response.status).toBe(404);
    }
  });

  it('refuses a slot whose interviewer carries a NUL byte', async () => {
    const response = await api('/api/slots', {
      method: 'POST',
      body: JSON.stringify({ startsAt: new Date(Date.now() + 86_400_000).toISOString(), durationMinutes: 30, interviewer: 'U0ADA\u0000' }),
    });
    expect(response.status).toBe(400);
    expect(Object.keys(await fieldsOf(response))).toEqual(['interviewer']);
  });

  it('logged no error and none of the refused values', () => {
    const errors = logs.split('\n').filter((line) => line.includes('"level":50'));
    expect(errors).toEqual([]);
    expect(logs).not.toContain('before\\u0000after');
  });
});
