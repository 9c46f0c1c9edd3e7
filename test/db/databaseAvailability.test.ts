import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import { DatabaseAvailability, isDatabaseUnavailableError } from '../../src/db/databaseAvailability';
import { createLogger } from '../../src/logging/logger';
import { startTestApplication } from '../support/testApplication';

function sqliteBusyError(): unknown {
  const folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-busy-'));
  const path = join(folder, 'busy.sqlite');
  const holder = new BetterSqlite3(path);
  const other = new BetterSqlite3(path, { timeout: 0 });
  try {
    holder.exec('CREATE TABLE IF NOT EXISTS t (x INTEGER)');
    holder.exec('BEGIN EXCLUSIVE');
    other.exec('INSERT INTO t VALUES (1)');
    return null;
  } catch (error) {
    return error;
  } finally {
    holder.close();
    other.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('telling an unreachable database from a wrong request', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a reset connection inside a TypeORM error', { message: 'Query failed', driverError: { code: 'ECONNRESET' } }],
    ['the pool giving up', new Error('timeout exceeded when trying to connect')],
    ['a connection that went away', new Error('Connection terminated unexpectedly')],
    ['PostgreSQL shutting down (57P01)', { code: '57P01', message: 'terminating connection due to administrator command' }],
    ['PostgreSQL starting up (57P03)', { code: '57P03', message: 'the database system is starting up' }],
    ['too many connections (53300)', { code: '53300' }],
    ['a connection exception (08006)', { driverError: { code: '08006' } }],
  ])('calls %s unavailable', (_case, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', { code: '23505', message: 'duplicate key value violates unique constraint' }],
    ['a NUL byte PostgreSQL refused (22021)', { driverError: { code: '22021' } }],
    ['a SQLite constraint', { code: 'SQLITE_CONSTRAINT_NOTNULL' }],
    ['a plain bug', new TypeError('Cannot read properties of undefined')],
    ['nothing', undefined],
  ])('does not call %s unavailable', (_case, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false);
  });

  it('calls SQLite busy beyond its timeout unavailable, from the real driver', () => {
    const error = sqliteBusyError();
    expect(error).toMatchObject({ code: 'SQLITE_BUSY' });
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });

  it('logs an outage once when it starts and once when it ends, however many requests fail or finish late', () => {
    const lines: string[] = [];
    const availability = new DatabaseAvailability(
      createLogger(
        'info',
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            lines.push(chunk.toString());
            done();
          },
        }),
      ),
    );
    const startedBeforeTheOutage = new Date(Date.now() - 1000);
    for (let request = 0; request < 50; request += 1) availability.noticeFailure(new Error('Connection terminated unexpectedly'));
    availability.noticeFailure({ code: '23505' });
    availability.noticeSuccess(startedBeforeTheOutage);
    expect(availability.isDown).toBe(true);
    for (let request = 0; request < 50; request += 1) availability.noticeSuccess();
    expect(lines.map((line) => JSON.parse(line) as { level: number; msg: string }).map(({ level, msg }) => [level, msg])).toEqual([
      [40, 'The database is unreachable; answering 503 and holding deliveries until it is back'],
      [30, 'The database is reachable again'],
    ]);
  });
});

describe('SQLite locked by another process', () => {
  it('answers the API with 503 and Retry-After once its busy timeout runs out, and creates nothing', async () => {
    const app = await startTestApplication();
    const locker = new BetterSqlite3(join(app.folder, 'interviews.sqlite'));
    try {
      locker.exec('BEGIN EXCLUSIVE');
      const response = await fetch(`${app.url}/api/interviews`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ candidateName: 'Locked Out', candidateEmail: 'locked@example.com' }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await response.json()).toMatchObject({ error: { code: 'database_unavailable' } });
      locker.exec('ROLLBACK');
      const retried = await fetch(`${app.url}/api/interviews?candidateEmail=locked@example.com`);
      expect(((await retried.json()) as { interviews: unknown[] }).interviews).toEqual([]);
    } finally {
      locker.close();
      await app.close();
    }
  }, 20_000);
});
