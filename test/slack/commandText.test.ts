import { parseScheduleInterviewCommand, prefillFromCommandText } from '../../src/slack/commandText';

const now = new Date('2030-03-04T10:02:30Z');

describe('reading /schedule-interview’s text', () => {
  it('answers help, list and plain text differently', () => {
    expect(parseScheduleInterviewCommand('help')).toEqual({ kind: 'help' });
    expect(parseScheduleInterviewCommand('  LIST ')).toEqual({ kind: 'list' });
    expect(parseScheduleInterviewCommand('jane@example.com')).toEqual({ kind: 'schedule', text: 'jane@example.com' });
    expect(parseScheduleInterviewCommand(undefined)).toEqual({ kind: 'schedule', text: '' });
  });

  it('fills in the email, a name guessed from it, the role and a time read in the recruiter’s zone', () => {
    expect(prefillFromCommandText('jane@example.com Backend Engineer tomorrow 3pm', { timezone: 'America/New_York', now })).toEqual({
      candidateEmail: 'jane@example.com',
      candidateName: 'Jane',
      role: 'Backend Engineer',
      scheduledTime: new Date('2030-03-05T20:00:00Z'),
    });
  });

  it('takes the name from the text before the email', () => {
    expect(
      prefillFromCommandText('"Jane Doe" jane.doe@example.com Designer next monday at 9:30', { timezone: 'Europe/Berlin', now }),
    ).toEqual({
      candidateEmail: 'jane.doe@example.com',
      candidateName: 'Jane Doe',
      role: 'Designer',
      scheduledTime: new Date('2030-03-11T08:30:00Z'),
    });
  });

  it('leaves the time for the person to pick when their zone is not known yet', () => {
    const prefill = prefillFromCommandText('jane@example.com tomorrow 3pm', { now });
    expect(prefill.scheduledTime).toBeUndefined();
  });

  it('unwraps an address Slack formatted as a mailto link', () => {
    expect(prefillFromCommandText('<mailto:jane@example.com|jane@example.com>', { now }).candidateEmail).toBe('jane@example.com');
  });

  it('fills in nothing from empty text', () => {
    expect(prefillFromCommandText('', { timezone: 'UTC', now })).toEqual({});
  });
});
