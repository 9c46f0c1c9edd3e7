import { checkPanelSpec, interviewerPoolSchema, peopleOfPanel } from '../../../src/domain/plans/interviewerPools';

const problemsOf = (raw: unknown) => Object.fromEntries(checkPanelSpec(raw).problems.map((problem) => [problem.field, problem.message]));

describe('interviewers that may name pools', () => {
  it('takes people and pools, addresses without case, a pool’s count defaulting to one', () => {
    const checked = checkPanelSpec([
      'U0ADA',
      ' Bob@Acme.test ',
      { anyOf: ['U0CAT', 'Dan@Acme.test', 'eve@acme.test'], count: 2 },
      { anyOf: ['U0FAY'] },
    ]);
    expect(checked.problems).toEqual([]);
    expect(checked.panel).toEqual({
      people: ['U0ADA', 'bob@acme.test'],
      pools: [
        { anyOf: ['U0CAT', 'dan@acme.test', 'eve@acme.test'], count: 2 },
        { anyOf: ['U0FAY'], count: 1 },
      ],
    });
    expect(checked.poolFields).toEqual(['interviewers.2', 'interviewers.3']);
    expect(peopleOfPanel(checked.panel!)).toEqual(['U0ADA', 'bob@acme.test', 'U0CAT', 'dan@acme.test', 'eve@acme.test', 'U0FAY']);
  });

  it('treats nothing as an empty panel, and one person named twice directly as one, as before pools', () => {
    expect(checkPanelSpec(undefined).panel).toEqual({ people: [], pools: [] });
    expect(checkPanelSpec(['U0ADA', 'ada@acme.test', 'U0ADA', 'ADA@acme.test']).panel).toEqual({
      people: ['U0ADA', 'ada@acme.test'],
      pools: [],
    });
  });

  it('names the entry that is neither a person nor a pool', () => {
    expect(problemsOf(['U0ADA', '<!channel>', 42, ['U0BOB']])).toEqual({
      'interviewers.1': expect.stringContaining('pool like {"anyOf"'),
      'interviewers.2': expect.stringContaining('Slack user id'),
      'interviewers.3': expect.stringContaining('Slack user id'),
    });
    expect(problemsOf('U0ADA')).toEqual({ interviewers: 'Interviewers must be a list.' });
  });

  it('names a pool’s members, its count and any key it does not take, each on its own field', () => {
    expect(problemsOf([{ anyOf: ['U0ADA', 'not a person'], count: 3, weight: 2 }])).toEqual({
      'interviewers.0.anyOf': expect.stringContaining('Slack user ids'),
      'interviewers.0.count': 'count is 3, but the pool has only 2 people.',
      'interviewers.0.weight': 'A pool takes only anyOf and count.',
    });
    expect(problemsOf([{ count: 1 }])).toEqual({ 'interviewers.0.anyOf': 'A pool needs anyOf: the people to pick from.' });
    expect(problemsOf([{ anyOf: [] }])).toEqual({ 'interviewers.0.anyOf': 'A pool needs at least one person in anyOf.' });
    expect(problemsOf([{ anyOf: ['U0ADA'], count: 0 }])).toEqual({ 'interviewers.0.count': 'count must be at least 1.' });
    expect(problemsOf([{ anyOf: ['U0ADA', 'U0BOB'], count: 1.5 }])).toEqual({
      'interviewers.0.count': 'count must be a whole number of people.',
    });
    expect(problemsOf([{ anyOf: ['U0ADA', 'U0BOB'], count: '1' }])).toEqual({
      'interviewers.0.count': 'count must be a whole number of people.',
    });
  });

  it('refuses a pool that names someone twice, however the address is written', () => {
    expect(problemsOf([{ anyOf: ['ada@acme.test', 'U0BOB', 'ADA@acme.test'] }])).toEqual({
      'interviewers.0.anyOf': 'ada@acme.test is in this pool twice: name each person once.',
    });
  });

  it('refuses a person both named directly and in a pool, or in two pools, on the later entry', () => {
    expect(problemsOf(['U0ADA', { anyOf: ['U0BOB', 'U0ADA'] }])).toEqual({
      'interviewers.1.anyOf': 'U0ADA is already on this panel: name each person once.',
    });
    expect(problemsOf([{ anyOf: ['U0BOB', 'U0ADA'] }, 'U0ADA'])).toEqual({
      'interviewers.1': 'U0ADA is already in a pool on this panel: name each person once.',
    });
    expect(problemsOf([{ anyOf: ['U0BOB', 'U0ADA'] }, { anyOf: ['U0CAT', 'U0ADA'] }])).toEqual({
      'interviewers.1.anyOf': 'U0ADA is already in another pool on this panel: name each person once.',
    });
  });

  it('bounds the list, each pool, and everyone named together', () => {
    const people = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => `${prefix}${index}@acme.test`);
    expect(problemsOf(people(21, 'p'))).toEqual({ interviewers: 'At most 20 interviewers (a pool counts as one).' });
    expect(problemsOf([{ anyOf: people(21, 'p') }])).toEqual({ 'interviewers.0.anyOf': 'A pool holds at most 20 people.' });
    expect(problemsOf([{ anyOf: people(20, 'a') }, { anyOf: people(20, 'b') }, { anyOf: people(11, 'c') }])).toEqual({
      interviewers: 'At most 50 different people, pool members included (51 named).',
    });
  });

  it('is a zod schema on its own for a single pool', () => {
    expect(interviewerPoolSchema.parse({ anyOf: ['U0ADA', 'Bob@Acme.test'] })).toEqual({ anyOf: ['U0ADA', 'bob@acme.test'], count: 1 });
    expect(interviewerPoolSchema.safeParse({ anyOf: ['U0ADA'], count: 2 }).success).toBe(false);
  });
});
