import fc from 'fast-check';
import { checkBookingRequestInput } from '../../src/domain/bookings/bookingRequestInput';
import { isShowableName, parseScheduleInterviewRequest } from '../../src/domain/interviews/interviewInput';
import { describeCodePoint, findHiddenCharacter } from '../../src/domain/shared/textRules';
import { InputValidationError } from '../../src/domain/shared/errors';

const character = (codePoint: number) => String.fromCodePoint(codePoint);

/** Every code point of a Unicode category or property (surrogates left out: they are no characters on their own). */
function codePointsWhere(pattern: RegExp): number[] {
  const found: number[] = [];
  for (let codePoint = 0; codePoint <= 0x10ffff; codePoint += 1) {
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
    if (pattern.test(character(codePoint))) found.push(codePoint);
  }
  return found;
}

/** Format characters and default-ignorables: small sets, taken whole. Private-use and unassigned: drawn at random below. */
const FORMAT_AND_IGNORABLE = codePointsWhere(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/u);
const PRIVATE_USE_OR_UNASSIGNED = fc
  .integer({ min: 0, max: 0x10ffff })
  .filter((codePoint) => (codePoint < 0xd800 || codePoint > 0xdfff) && /[\p{Co}\p{Cn}]/u.test(character(codePoint)));

/** Visible text from several scripts, spaces and punctuation: what people's names and notes are made of. */
const VISIBLE = fc.string({
  unit: fc.constantFrom(...'Jane Doe-Smith O’Brien Zoë Øre Łukasz Ελένη Иван أحمد מרים 李小龙 さくら 김민준 हिन्दी தமிழ் 0123 ,.()'),
  minLength: 1,
  maxLength: 40,
});

function problemsOf(input: Record<string, unknown>): Record<string, string> {
  try {
    parseScheduleInterviewRequest({ candidateEmail: 'jane@example.com', ...input });
    return {};
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    return Object.fromEntries(error.problems.map((problem) => [problem.field, problem.message]));
  }
}

describe('findHiddenCharacter', () => {
  it.each(
    (
      [
        [0x00ad, 'soft hyphen'],
        [0x034f, 'combining grapheme joiner'],
        [0x061c, 'Arabic letter mark'],
        [0x180e, 'Mongolian vowel separator'],
        [0x200b, 'zero-width space'],
        [0x200e, 'left-to-right mark'],
        [0x202e, 'right-to-left override'],
        [0x2060, 'word joiner'],
        [0x2066, 'left-to-right isolate'],
        [0x206a, 'inhibit symmetric swapping'],
        [0x206f, 'nominal digit shapes'],
        [0x2800, 'Braille pattern blank'],
        [0x3164, 'Hangul filler'],
        [0x115f, 'Hangul choseong filler'],
        [0x1160, 'Hangul jungseong filler'],
        [0xffa0, 'halfwidth Hangul filler'],
        [0xfeff, 'byte-order mark'],
        [0xfff9, 'interlinear annotation anchor'],
        [0xe000, 'private use'],
        [0xf0000, 'supplementary private use'],
        [0x0378, 'unassigned'],
        [0xffff, 'noncharacter'],
        [0xe0001, 'language tag'],
        [0xe0041, 'tag Latin capital A'],
        [0xe007f, 'cancel tag'],
        [0x1d173, 'musical symbol begin beam'],
        [0x17b4, 'Khmer inherent vowel'],
      ] as const
    ).map(([codePoint, name]) => [describeCodePoint(character(codePoint)), name, codePoint] as const),
  )('finds %s (%s) inside a name', (_named, _name, codePoint) => {
    expect(findHiddenCharacter(`Ja${character(codePoint)}ne Doe`)).toBe(character(codePoint));
  });

  it('finds every format character and default-ignorable code point that is neither a joiner nor a variation selector, wherever it is', () => {
    const unconditional = FORMAT_AND_IGNORABLE.filter((codePoint) => !/[\u200c\u200d\p{Variation_Selector}]/u.test(character(codePoint)));
    expect(unconditional.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(fc.constantFrom(...unconditional), VISIBLE, VISIBLE, (codePoint, before, after) => {
        expect(describeCodePoint(findHiddenCharacter(`${before}${character(codePoint)}${after}`) ?? '')).toBe(
          describeCodePoint(character(codePoint)),
        );
      }),
    );
  });

  it('finds any private-use or unassigned code point', () => {
    fc.assert(
      fc.property(PRIVATE_USE_OR_UNASSIGNED, VISIBLE, (codePoint, text) => {
        expect(findHiddenCharacter(`${text}${character(codePoint)}`)).toBe(character(codePoint));
      }),
    );
  });

  it('finds nothing in visible text from any script', () => {
    fc.assert(fc.property(VISIBLE, (text) => expect(findHiddenCharacter(text)).toBeNull()));
  });

  it.each([
    ['a Persian name with a zero-width non-joiner', 'می\u200cخواهم'],
    ['Devanagari with a joiner after the virama', 'क्\u200dष'],
    ['Malayalam with an older chillu at the end of the word', 'അവന്\u200d'],
    ['a family emoji', 'Ana 👩\u200d👩\u200d👧'],
    ['a technologist with a skin tone', 'Sam 👩🏽\u200d💻'],
    ['a heart on fire', 'Zoë ❤️\u200d🔥'],
    ['a red heart', 'Thanks ❤️'],
    ['a keycap', 'Room 1️⃣'],
    ['a kanji in its family register form', '葛󠄀飾'],
  ])('allows %s', (_case, text) => {
    expect(findHiddenCharacter(text)).toBeNull();
  });

  it.each([
    ['a joiner after a space', 'Jane \u200d'],
    ['a joiner at the start', '\u200dJane'],
    ['a non-joiner between emoji', '👩\u200c💻'],
    ['two joiners in a row', 'Ja\u200d\u200dne'],
    ['a variation selector after a space', 'Jane \ufe0f'],
    ['a variation selector at the start', '\ufe0fJane'],
    ['variation selectors stacked after one emoji (a hidden message)', '😀\ufe0f\ufe0e\ufe0f'],
    ['supplementary variation selectors stacked after one letter', 'a\u{e0100}\u{e0101}'],
    ['the Scotland flag’s tag characters', '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}'],
  ])('refuses %s', (_case, text) => {
    expect(findHiddenCharacter(text)).not.toBeNull();
  });
});

describe('the one rule, applied to every text a person reads', () => {
  const hidden = ['\u00ad', '\u034f', '\u206a', '\u206f', '\ufff9', '\u2800', '\u{e0001}', '\u{e0041}', '\u{1d173}', '\u202e'];

  it.each(hidden.map((each) => [describeCodePoint(each), each]))(
    'refuses %s in a candidate’s name, a role and notes, naming the character',
    (named, invisible) => {
      const problems = problemsOf({
        candidateName: `Jane${invisible}Doe`,
        role: `Back${invisible}end`,
        notes: `Line one\nLine${invisible} two`,
      });
      expect(Object.keys(problems).sort()).toEqual(['candidateName', 'notes', 'role']);
      for (const message of Object.values(problems)) expect(message).toContain(`invisible or text-direction character (${named})`);
    },
  );

  it('keeps line breaks and tabs in notes, and an emoji sequence in a name', () => {
    const request = parseScheduleInterviewRequest({
      candidateName: 'Ana 👩🏽\u200d💻',
      candidateEmail: 'ana@example.com',
      notes: 'Line one\r\n\tLine two ❤️',
    });
    expect(request.candidateName).toBe('Ana 👩🏽\u200d💻');
    expect(request.notes).toBe('Line one\r\n\tLine two ❤️');
  });

  it('refuses a meeting URL with a hidden character', () => {
    expect(problemsOf({ candidateName: 'Jane', meetingUrl: 'https://meet.example/room\u202egnp.exe' })).toHaveProperty('meetingUrl');
  });

  it('refuses the same in a booking request’s details', () => {
    const checked = checkBookingRequestInput({
      candidateName: 'Jane\u2800',
      candidateEmail: 'jane@example.com',
      notes: 'see \u202etxt.exe',
      slotIds: ['6f1c0e9a-1b2c-4d3e-8f40-5a6b7c8d9e0f'],
    });
    expect(checked.problems.map((problem) => problem.field).sort()).toEqual(['candidateName', 'notes']);
  });

  it('does not show a candidate a Slack profile name with a hidden character', () => {
    expect(isShowableName('Grace Hopper')).toBe(true);
    expect(isShowableName('Grace Hopper 🚀')).toBe(true);
    for (const invisible of hidden) expect(isShowableName(`Grace${invisible}Hopper`)).toBe(false);
  });
});
