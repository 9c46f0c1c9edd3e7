import { checkLoopSpec } from '../../../src/domain/plans/loopInput';

const problemsOf = (raw: { sessions?: unknown; maxGapMinutes?: unknown }) =>
  Object.fromEntries(checkLoopSpec(raw).problems.map((problem) => [problem.field, problem.message]));

const coding = { title: 'Coding', durationMinutes: 60, interviewers: ['U0ADA'] };
const design = { title: 'System design', durationMinutes: 45, interviewers: [{ anyOf: ['U0BOB', 'cat@acme.test'] }] };

describe('checking a loop of sessions', () => {
  it('takes sessions with titles, lengths and interviewers, and a 15-minute longest gap by default', () => {
    expect(checkLoopSpec({ sessions: [coding, { ...design, title: '  System design ' }] })).toEqual({
      loop: {
        sessions: [
          { title: 'Coding', durationMinutes: 60, interviewers: { people: ['U0ADA'], pools: [] } },
          {
            title: 'System design',
            durationMinutes: 45,
            interviewers: { people: [], pools: [{ anyOf: ['U0BOB', 'cat@acme.test'], count: 1 }] },
          },
        ],
        maxGapMinutes: 15,
      },
      problems: [],
    });
    expect(checkLoopSpec({ sessions: [coding, design], maxGapMinutes: '0' }).loop?.maxGapMinutes).toBe(0);
    expect(checkLoopSpec({ sessions: [coding, design], maxGapMinutes: 120 }).loop?.maxGapMinutes).toBe(120);
  });

  it('refuses one session, or nine, or no list, on sessions', () => {
    expect(problemsOf({ sessions: [coding] })).toEqual({ sessions: expect.stringContaining('Send 2 to 8 sessions') });
    expect(
      problemsOf({ sessions: Array.from({ length: 9 }, (_, index) => ({ ...coding, interviewers: [`U0P${index}`] })) }),
    ).toHaveProperty('sessions');
    expect(problemsOf({ sessions: 'coding, design' })).toHaveProperty('sessions');
    expect(problemsOf({})).toHaveProperty('sessions');
  });

  it('refuses a gap out of 0 to 120 minutes on maxGapMinutes', () => {
    expect(problemsOf({ sessions: [coding, design], maxGapMinutes: 121 })).toEqual({
      maxGapMinutes: 'The longest gap between sessions is at most 120 minutes.',
    });
    expect(problemsOf({ sessions: [coding, design], maxGapMinutes: -5 })).toHaveProperty('maxGapMinutes');
    expect(problemsOf({ sessions: [coding, design], maxGapMinutes: 7.5 })).toHaveProperty('maxGapMinutes');
    expect(problemsOf({ sessions: [coding, design], maxGapMinutes: true })).toHaveProperty('maxGapMinutes');
  });

  it('names each bad field of each session, all at once', () => {
    expect(
      problemsOf({
        sessions: [
          coding,
          { title: '', durationMinutes: 4, interviewers: [] },
          { title: 'Lunch\u202e', durationMinutes: 481, interviewers: [{ anyOf: ['U0BOB'], count: 2 }], room: 'B2' },
          'design',
        ],
        maxGapMinutes: 200,
      }),
    ).toEqual({
      maxGapMinutes: expect.any(String),
      'sessions.1.title': 'Session title is required.',
      'sessions.1.durationMinutes': 'Duration must be at least 5 minutes.',
      'sessions.1.interviewers': expect.stringContaining('Each session needs its interviewers'),
      'sessions.2.room': 'A session takes only title, durationMinutes and interviewers.',
      'sessions.2.title': expect.stringContaining('U+202E'),
      'sessions.2.durationMinutes': 'Duration must be at most 8 hours (480 minutes).',
      'sessions.2.interviewers.0.count': 'count is 2, but the pool has only 1 person.',
      'sessions.3': expect.stringContaining('A session is an object'),
    });
  });

  it('refuses a title over 100 characters', () => {
    expect(problemsOf({ sessions: [{ ...coding, title: 'x'.repeat(101) }, design] })).toEqual({
      'sessions.0.title': 'Session title must be at most 100 characters.',
    });
  });

  it('refuses a person named in two sessions, on the later session’s interviewers', () => {
    expect(problemsOf({ sessions: [coding, design, { title: 'Wrap-up', durationMinutes: 30, interviewers: ['U0DAN', 'U0ADA'] }] })).toEqual(
      {
        'sessions.2.interviewers': 'U0ADA is already in session 1: each person takes part in one session of a loop.',
      },
    );
  });

  it('lets pools share people across sessions, the search giving each session its own', () => {
    const round = (title: string) => ({ title, durationMinutes: 60, interviewers: [{ anyOf: ['U0ADA', 'U0BOB', 'U0CAT'] }] });
    expect(checkLoopSpec({ sessions: [round('Coding 1'), round('Coding 2'), round('Coding 3')] }).problems).toEqual([]);
    // A named person of another session is simply never picked from the pool.
    expect(checkLoopSpec({ sessions: [coding, { ...round('Coding 2'), interviewers: [{ anyOf: ['U0ADA', 'U0BOB'] }] }] }).problems).toEqual(
      [],
    );
  });

  it('refuses a pool that could never be filled, on the pool', () => {
    // Its only member is named directly in another session.
    expect(
      problemsOf({ sessions: [coding, { title: 'Pairing', durationMinutes: 60, interviewers: ['U0BOB', { anyOf: ['U0ADA'] }] }] }),
    ).toEqual({
      'sessions.1.interviewers.1':
        'This pool needs 1 person, but its members are named in other sessions or needed by the pools before it.',
    });
    // Three rounds need three people from two.
    expect(
      problemsOf({
        sessions: [
          { title: 'Coding 1', durationMinutes: 60, interviewers: [{ anyOf: ['U0ADA', 'U0BOB'] }] },
          { title: 'Coding 2', durationMinutes: 60, interviewers: [{ anyOf: ['U0ADA', 'U0BOB'] }] },
          { title: 'Coding 3', durationMinutes: 60, interviewers: ['U0CAT', { anyOf: ['U0BOB', 'U0ADA'] }] },
        ],
      }),
    ).toEqual({
      'sessions.2.interviewers.1':
        'This pool needs 1 person, but its members are named in other sessions or needed by the pools before it.',
    });
    expect(
      problemsOf({
        sessions: [coding, { title: 'Pairing', durationMinutes: 60, interviewers: [{ anyOf: ['U0ADA', 'U0BOB'], count: 2 }] }],
      }),
    ).toEqual({ 'sessions.1.interviewers.0': expect.stringContaining('This pool needs 2 people') });
  });

  it('refuses sessions that add up to more than a day, and more than 50 people in all', () => {
    const long = (index: number) => ({ title: `Day ${index}`, durationMinutes: 480, interviewers: [`U0P${index}`] });
    expect(problemsOf({ sessions: [long(1), long(2), long(3), { ...long(4), durationMinutes: 5 }] })).toEqual({
      sessions: 'The sessions last 24 h 5 min together; a loop happens on one day.',
    });
    const crowd = (session: number) =>
      Array.from({ length: 20 }, (_, index) => `p${session}-${index}@acme.test`).map((member) => ({ anyOf: [member] }));
    expect(
      problemsOf({
        sessions: [1, 2, 3].map((session) => ({ title: `Panel ${session}`, durationMinutes: 30, interviewers: crowd(session) })),
      }),
    ).toEqual({ sessions: 'A loop names at most 50 different people, pool members included (60 named).' });
  });
});
