import { InputValidationError } from '../../src/domain/shared/errors';
import { fingerprintRequest, parseScheduleInterviewRequest } from '../../src/domain/interviews/interviewInput';

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
    for (const email of [
      'jane',
      'jane@',
      'jane doe@example.com',
      'a@b',
      `jane@example.com\r\nBcc: x@evil.com`,
      `${'a'.repeat(250)}@example.com`,
    ]) {
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
    const request = parseScheduleInterviewRequest({
      candidateName: 'J',
      candidateEmail: 'j@example.com',
      scheduledTime: '2030-01-31T15:00:00+01:00',
    });
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

  it('refuses a time it cannot read, naming the formats it accepts', () => {
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', scheduledTime: 'tomorrow-ish' })).toEqual({
      scheduledTime: 'Use an ISO 8601 date and time, like 2030-01-31T15:00:00Z, or 2030-01-31T15:00 in the candidate’s time zone.',
    });
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', scheduledTime: '2030-13-45T10:00' }).scheduledTime).toMatch(
      /ISO 8601/,
    );
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', scheduledTime: 12 })).toHaveProperty('scheduledTime');
  });

  it('treats an empty time as no time, so the default rule applies', () => {
    expect(
      parseScheduleInterviewRequest({ candidateName: 'J', candidateEmail: 'j@example.com', scheduledTime: '' }).scheduledTime,
    ).toBeUndefined();
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
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', interviewers: ['<!channel>'] })).toHaveProperty(
      'interviewers',
    );
  });

  it('refuses a channel id that is not a Slack channel id', () => {
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', channelId: '#general' })).toHaveProperty('channelId');
  });

  it('refuses a meeting URL that is not http(s)', () => {
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', meetingUrl: 'javascript:alert(1)' })).toHaveProperty(
      'meetingUrl',
    );
  });
});

describe('times that do not exist, and the clock', () => {
  it('refuses a wall-clock time the candidate’s zone skips when daylight saving time starts, naming the gap', () => {
    const problems = problemsOf({
      candidateName: 'J',
      candidateEmail: 'j@example.com',
      scheduledTime: '2027-03-14T02:30',
      timezone: 'America/New_York',
    });
    expect(problems.scheduledTime).toBe(
      '2:30 AM on March 14, 2027 does not exist in America/New_York: the clocks go forward at that moment for daylight saving time. Pick a time outside the skipped hour, such as 3:30 AM.',
    );
  });

  it('takes the same wall-clock time on another day, and any time written with an offset', () => {
    const local = parseScheduleInterviewRequest({
      candidateName: 'J',
      candidateEmail: 'j@example.com',
      scheduledTime: '2027-03-15T02:30',
      timezone: 'America/New_York',
    });
    expect(local.scheduledTime).toEqual(new Date('2027-03-15T06:30:00Z'));
    const offset = parseScheduleInterviewRequest({
      candidateName: 'J',
      candidateEmail: 'j@example.com',
      scheduledTime: '2027-03-14T07:30:00Z',
      timezone: 'America/New_York',
    });
    expect(offset.scheduledTime).toEqual(new Date('2027-03-14T07:30:00Z'));
  });

  it('with the clock, names a bad email and a past time in one answer', () => {
    expect(() =>
      parseScheduleInterviewRequest(
        { candidateEmail: 'bad', scheduledTime: '2000-01-01T00:00:00Z' },
        { now: new Date('2030-01-01T00:00:00Z') },
      ),
    ).toThrow(
      expect.objectContaining({
        problems: [
          { field: 'candidateName', message: 'Candidate name is required.' },
          { field: 'candidateEmail', message: 'Enter a valid email address, like jane@example.com.' },
          { field: 'scheduledTime', message: 'This time is in the past. Pick a time from now on.' },
        ],
      }),
    );
  });

  it('refuses years no database stores', () => {
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', scheduledTime: '+275760-09-13T00:00:00Z' })).toHaveProperty(
      'scheduledTime',
    );
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', scheduledTime: new Date(Number.NaN) })).toEqual({
      scheduledTime: 'This time is not a valid date and time.',
    });
  });
});

describe('characters that cannot be stored or cannot be seen', () => {
  it.each([
    ['a NUL byte', 'Jane\u0000Doe'],
    ['a right-to-left override', 'Jane \u202eeoD'],
    ['a left-to-right isolate', 'Jane \u2066Doe\u2069'],
    ['a zero-width space', 'Ja\u200bne'],
    ['a byte-order mark', 'Ja\ufeffne'],
    ['a lone zero-width joiner', 'Jane \u200d'],
  ])('refuses a name or a role with %s, naming the character', (_case, text) => {
    const problems = problemsOf({ candidateName: text, candidateEmail: 'j@example.com', role: text });
    expect(Object.keys(problems).sort()).toEqual(['candidateName', 'role']);
    if (!text.includes('\u0000')) expect(problems.candidateName).toMatch(/invisible or text-direction character \(U\+[0-9A-F]{4}\)/);
  });

  it('keeps the zero-width non-joiner inside a Persian name', () => {
    expect(parseScheduleInterviewRequest({ candidateName: 'می\u200cخواهم', candidateEmail: 'j@example.com' }).candidateName).toBe(
      'می\u200cخواهم',
    );
  });

  it('takes notes over several lines, but not with NUL or other control characters', () => {
    expect(
      parseScheduleInterviewRequest({ candidateName: 'J', candidateEmail: 'j@example.com', notes: 'Line one\r\n\tLine two' }).notes,
    ).toBe('Line one\r\n\tLine two');
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', notes: 'a\u0000b' })).toEqual({
      notes: 'Notes must not contain the control character U+0000. Remove it and try again.',
    });
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', notes: 'half a pair \ud800' })).toEqual({
      notes: 'Notes is not valid Unicode text.',
    });
  });

  it('refuses a meeting URL with a control character', () => {
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', meetingUrl: 'https://meet.example/\u0000x' })).toHaveProperty(
      'meetingUrl',
    );
  });

  it('does not read true, a list or text as a number of minutes', () => {
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', durationMinutes: true })).toHaveProperty('durationMinutes');
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', durationMinutes: ['30'] })).toHaveProperty('durationMinutes');
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', durationMinutes: '30' })).toEqual({
      durationMinutes: 'Duration must be a number of minutes, like 45 (a number, not text).',
    });
    expect(
      parseScheduleInterviewRequest({ candidateName: 'J', candidateEmail: 'j@example.com', durationMinutes: 30 }).durationMinutes,
    ).toBe(30);
  });

  it('names each field it does not take, instead of ignoring it', () => {
    expect(problemsOf({ candidateName: 'J', candidateEmail: 'j@example.com', candidate_name: 'J', startTime: 'soon' })).toEqual({
      candidate_name: 'Unknown field: this request does not take it. Check its spelling.',
      startTime: 'Unknown field: this request does not take it. Check its spelling.',
    });
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
