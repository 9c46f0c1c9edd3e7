import { InputValidationError } from '../../src/domain/errors';
import { fingerprintRequest, parseScheduleInterviewRequest } from '../../src/domain/interviewInput';

function problemsOf(raw: unknown): Record<string, string> {
  try {
    parseScheduleInterviewRequest(raw);
  } catch (error) {
    if (error instanceof InputValidationError) {
      return Object.fromEntries(error.problems.map((problem) => [problem.field, problem.message]));
    }
    throw error;
  }
  throw new Error('expected the input to be refused');
}

describe('checking a request to schedule an interview', () => {
  it('accepts just a name and an email, with sensible defaults', () => {
    expect(parseScheduleInterviewRequest({ candidateName: ' Jane Doe ', candidateEmail: 'jane@example.com' })).toEqual({
      candidateName: 'Jane Doe',
      candidateEmail: 'jane@example.com',
      role: undefined,
      scheduledTime: undefined,
      slotId: undefined,
      durationMinutes: undefined,
      timezone: 'UTC',
      interviewers: [],
      channelId: undefined,
      notes: undefined,
      meetingUrl: undefined,
    });
  });

  it('names every missing field at once', () => {
    expect(problemsOf({})).toEqual({
      candidateName: 'Candidate name is required.',
      candidateEmail: 'Email is required.',
    });
  });

  it('refuses a body that is not an object', () => {
    expect(problemsOf([1, 2])).toHaveProperty('body');
    expect(problemsOf('hello')).toHaveProperty('body');
    expect(problemsOf(null)).toHaveProperty('body');
  });

  it('refuses an email address SendGrid would not take', () => {
    for (const email of ['jane', 'jane@', 'jane doe@example.com', 'a@b', `jane@example.com\r\nBcc: x@evil.com`, `${'a'.repeat(250)}@example.com`]) {
      expect(problemsOf({ candidateName: 'Jane', candidateEmail: email })).toHaveProperty('candidateEmail');
    }
  });

  it('refuses a name with a line break, so it can never add an email header', () => {
    expect(problemsOf({ candidateName: 'Jane\r\nBcc: x@evil.com', candidateEmail: 'jane@example.com' })).toHaveProperty('candidateName');
  });

  it('refuses names and notes that are too long', () => {
    const problems = problemsOf({ candidateName: 'J'.repeat(201), candidateEmail: 'jane@example.com', notes: 'n'.repeat(3001) });
    expect(Object.keys(problems).sort()).toEqual(['candidateName', 'notes']);
  });

  it('reads a time with an offset as that instant', () => {
    const request = parseScheduleInterviewRequest({ candidateName: 'J', candidateEmail: 'j@example.com', scheduledTime: '2030-01-31T15:00:00+01:00' });
    expect(request.scheduledTime).toEqual(new Date('2030-01-31T14:00:00Z'));
  });

  it('reads a time without an offset in the candidate’s time zone, never the server’s', () => {
    const request = parseScheduleInterviewRequest({
      candidateName: 'J',
      candidateEmail: 'j@example.com',
      scheduledTime: '2030-07-01T09:00',
      timezone: 'America/New_York',
    });
    expect(request.scheduledTime).toEqual(new Date('2030-07-01T13:00:00Z'));
  });

  it('refuses a time it cannot read', () => {
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', scheduledTime: 'tomorrow-ish' })).toHaveProperty('scheduledTime');
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', scheduledTime: 12 })).toHaveProperty('scheduledTime');
  });

  it('treats an empty time as no time, so the default rule applies', () => {
    expect(parseScheduleInterviewRequest({ candidateName: 'J', candidateEmail: 'j@example.com', scheduledTime: '' }).scheduledTime).toBeUndefined();
  });

  it('refuses an unknown time zone', () => {
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', timezone: 'Mars/Olympus' })).toHaveProperty('timezone');
  });

  it('refuses durations outside 5 minutes to 8 hours', () => {
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', durationMinutes: 0 })).toHaveProperty('durationMinutes');
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', durationMinutes: 481 })).toHaveProperty('durationMinutes');
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', durationMinutes: 30.5 })).toHaveProperty('durationMinutes');
  });

  it('takes interviewers as Slack user ids or email addresses, without duplicates', () => {
    const request = parseScheduleInterviewRequest({
      candidateName: 'J',
      candidateEmail: 'j@example.com',
      interviewers: ['U0123ABCD', 'Ada@Example.com', 'ada@example.com', 'U0123ABCD'],
    });
    expect(request.interviewers).toEqual([{ slackUserId: 'U0123ABCD' }, { email: 'ada@example.com' }]);
  });

  it('refuses an interviewer that is neither', () => {
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', interviewers: ['<!channel>'] })).toHaveProperty('interviewers');
  });

  it('refuses a channel id that is not a Slack channel id', () => {
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', channelId: '#general' })).toHaveProperty('channelId');
  });

  it('refuses a meeting URL that is not http(s)', () => {
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', meetingUrl: 'javascript:alert(1)' })).toHaveProperty('meetingUrl');
  });
});

describe('fingerprinting a request', () => {
  it('gives the same request the same fingerprint whatever the key order', () => {
    const a = parseScheduleInterviewRequest({ candidateName: 'J', candidateEmail: 'j@example.com', role: 'Engineer' });
    const b = parseScheduleInterviewRequest({ role: 'Engineer', candidateEmail: 'j@example.com', candidateName: 'J' });
    expect(fingerprintRequest(a)).toBe(fingerprintRequest(b));
  });

  it('tells different requests apart', () => {
    const a = parseScheduleInterviewRequest({ candidateName: 'J', candidateEmail: 'j@example.com' });
    const b = parseScheduleInterviewRequest({ candidateName: 'K', candidateEmail: 'j@example.com' });
    expect(fingerprintRequest(a)).not.toBe(fingerprintRequest(b));
  });
});
