import pino from 'pino';
import { DatabaseAvailability } from '../../../src/db/databaseAvailability';
import type { DomainContext } from '../../../src/domain/shared/domainContext';
import { answerModalFailure, type ModalFailureDisplay } from '../../../src/slack/listeners/views/modalFailure';
import { TooSlowForSlackError } from '../../../src/slack/slackDeadline';

const display: ModalFailureDisplay = {
  errorsFor: () => ({}),
  noteBlock: 'candidate_name',
  submitLabel: 'Schedule',
  doing: 'Scheduling from the modal',
};
const logger = pino({ level: 'silent' });
const refusedConnection = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

/** The listeners' dependencies as far as a failed submission reads them: whether the database is known to be down. */
function depsWithDatabase(state: 'up' | 'down') {
  const availability = new DatabaseAvailability();
  if (state === 'down') availability.noticeFailure(refusedConnection);
  return { context: { database: { availability } } as unknown as DomainContext, logger };
}
const noteOf = (error: unknown, state: 'up' | 'down') => answerModalFailure(error, display, depsWithDatabase(state)).errors.candidate_name;

describe('what a modal says when saving ran out of Slack’s time', () => {
  it('says it took too long and to press its button again, never that the database is unavailable, while the database is up', () => {
    const note = noteOf(new TooSlowForSlackError(), 'up');
    expect(note).toBe(
      'This took too long, so it could not be confirmed in time. Nothing was lost: everything you typed is still here, so press Schedule again.',
    );
    expect(note).not.toMatch(/database|unavailable/);
  });

  it('says the database is briefly unavailable when it is known to be down', () => {
    expect(noteOf(new TooSlowForSlackError(), 'down')).toMatch(/our database is briefly unavailable/);
    expect(noteOf(refusedConnection, 'up')).toMatch(/our database is briefly unavailable/);
  });
});
