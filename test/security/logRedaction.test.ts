import { Writable } from 'node:stream';
import { Interview } from '../../src/domain/interviews/Interview';
import { createLogger } from '../../src/logging/logger';
import { openTestDomain } from '../support/testDatabase';

describe('an error from a failed query, in the logs', () => {
  it('keeps the SQL error and drops the statement’s values (names, emails, keys)', async () => {
    const domain = await openTestDomain();
    let captured = '';
    const logger = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          captured += chunk.toString();
          done();
        },
      }),
    );
    try {
      const failure = await domain.database
        .transaction((manager) =>
          manager.insert(Interview, {
            id: 'x',
            candidateName: 'Secret Candidate Name',
            candidateEmail: 'secret@example.com',
            sessionKey: 'f'.repeat(32),
          }),
        )
        .catch((error: unknown) => error);
      expect(failure).toHaveProperty('parameters');
      logger.error({ err: new Error('wrapped', { cause: failure }) }, 'Unexpected error');
      logger.error({ err: failure }, 'Unexpected error');
      expect(captured).toContain('NOT NULL constraint failed');
      expect(captured).not.toContain('Secret Candidate Name');
      expect(captured).not.toContain('secret@example.com');
      expect(captured).not.toContain('f'.repeat(32));
      expect(captured).not.toContain('INSERT INTO');
    } finally {
      await domain.close();
    }
  });
});
