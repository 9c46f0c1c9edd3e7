import { z } from 'zod';

/** C0 and C1 control characters (NUL included) and Unicode's line and paragraph separators. */
const CONTROL_CHARACTER = /[\p{Cc}\p{Zl}\p{Zp}]/u;

/** C0 and C1 control characters except tab and line breaks, which multi-line text such as notes may hold. */
const CONTROL_CHARACTER_EXCEPT_LINE_BREAKS = /(?![\t\n\r])\p{Cc}/u;

/**
 * Characters a reader cannot see, by Unicode property rather than by list, so that a character
 * added to Unicode tomorrow is covered by its category:
 * - format characters (Cf): bidirectional overrides, embeddings and isolates (they can make a name
 *   read backwards in an email subject), zero-width spaces, joiners and non-joiners, the soft
 *   hyphen, the byte-order mark, invisible operators, interlinear annotations, tag characters
 *   (U+E0001, U+E0020 to U+E007F, which can carry a whole hidden text) and musical formatting;
 * - private-use (Co) and unassigned (Cn) code points: nothing any reader's font draws alike;
 * - default-ignorable code points, which fonts draw as nothing: the combining grapheme joiner,
 *   variation selectors, the Hangul fillers (U+3164, U+115F, U+1160, U+FFA0), Khmer's inherent vowels;
 * - the Braille blank (U+2800), a "symbol" that looks like a space.
 */
const INVISIBLE_CHARACTER = /[\p{Cf}\p{Co}\p{Cn}\p{Default_Ignorable_Code_Point}\u2800]/u;

/** U+200C and U+200D: the zero-width non-joiner and joiner. */
const JOINER = /[\u200c\u200d]/u;
const ZERO_WIDTH_JOINER = '\u200d';
/** What scripts such as Persian, Malayalam and Devanagari join or keep apart with a joiner. */
const LETTER = /\p{L}/u;
/** A combining mark that is drawn (a virama, a vowel sign), not a variation selector, which counts as a mark too. */
const COMBINING_MARK = /(?!\p{Variation_Selector})\p{M}/u;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
/** What an emoji sequence (👩‍💻, ❤️‍🔥) joins: an emoji, after its skin tone or emoji-style selector. */
const EMOJI = /\p{Extended_Pictographic}/u;
const EMOJI_END = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f]/u;
/** A variation selector picks how the one character before it is drawn (❤️ in colour, 葛󠄀 in a family register's form). */
const VARIATION_SELECTOR = /\p{Variation_Selector}/u;
const DRAWN_CHARACTER = /[\p{L}\p{N}\p{S}\p{P}]/u;

/** Half of a UTF-16 surrogate pair on its own: not text any database can store as written. */
const LONE_SURROGATE = /\p{Cs}/u;

/** `U+202E`: how a character a person cannot see is named in a message. */
export function describeCodePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first control character in `text` (line breaks allowed when `allowLineBreaks`), or null. */
export function findControlCharacter(text: string, options: { allowLineBreaks?: boolean } = {}): string | null {
  const pattern = options.allowLineBreaks ? CONTROL_CHARACTER_EXCEPT_LINE_BREAKS : CONTROL_CHARACTER;
  return pattern.exec(text)?.[0] ?? null;
}

/**
 * The first character in `text` a reader cannot see (see INVISIBLE_CHARACTER), or null. Three uses
 * of such characters are how visible text is written, and stay allowed: a joiner or non-joiner
 * between two letters (or marks), a joiner inside an emoji sequence, and one variation selector
 * right after the visible character it selects a form of. A lone or stacked one is refused (a run
 * of selectors after one emoji can smuggle a hidden text), and so are the tag characters of the
 * England, Scotland and Wales flags.
 */
export function findHiddenCharacter(text: string): string | null {
  if (!INVISIBLE_CHARACTER.test(text)) return null;
  const characters = Array.from(text);
  for (let index = 0; index < characters.length; index += 1) {
    const character = characters[index];
    if (!INVISIBLE_CHARACTER.test(character)) continue;
    const before = characters[index - 1] ?? '';
    const after = characters[index + 1] ?? '';
    if (JOINER.test(character) && joinsVisibleCharacters(character, before, after)) continue;
    if (VARIATION_SELECTOR.test(character) && DRAWN_CHARACTER.test(before)) continue;
    return character;
  }
  return null;
}

/**
 * Between two letters, or after a mark (Indic scripts put a joiner after a virama, at the end of a
 * word too: Malayalam's older chillu letters), a joiner shapes the script; between emoji it builds
 * one emoji. Anywhere else it only hides.
 */
function joinsVisibleCharacters(joiner: string, before: string, after: string): boolean {
  if (COMBINING_MARK.test(before) || (LETTER.test(before) && LETTER_OR_MARK.test(after))) return true;
  return joiner === ZERO_WIDTH_JOINER && EMOJI_END.test(before) && EMOJI.test(after);
}

function refuseHiddenCharacters(label: string) {
  return (value: string, context: z.RefinementCtx) => {
    const hidden = findHiddenCharacter(value);
    if (hidden !== null) {
      context.addIssue({
        code: 'custom',
        message: `${label} contains an invisible or text-direction character (${describeCodePoint(hidden)}). Type it again without it.`,
      });
    }
  };
}

function requiredText(label: string) {
  return z.string({ error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be text.`) });
}

function refuseUnstorableText(label: string, allowLineBreaks: boolean) {
  return (value: string, context: z.RefinementCtx) => {
    if (LONE_SURROGATE.test(value)) {
      context.addIssue({ code: 'custom', message: `${label} is not valid Unicode text.` });
      return;
    }
    const control = findControlCharacter(value, { allowLineBreaks });
    if (control !== null) {
      context.addIssue({
        code: 'custom',
        message: allowLineBreaks
          ? `${label} must not contain the control character ${describeCodePoint(control)}. Remove it and try again.`
          : `${label} must be a single line of text, without control characters.`,
      });
    }
  };
}

/**
 * A person-facing single line: a name or a role. Trimmed, required, bounded, and free of control
 * characters (a line break could add an email header) and of hidden characters (an override
 * could disguise it; see findHiddenCharacter).
 */
export function singleLineText(label: string, maxLength: number) {
  return requiredText(label)
    .trim()
    .min(1, { message: `${label} is required.` })
    .max(maxLength, { message: `${label} must be at most ${maxLength} characters.` })
    .superRefine(refuseUnstorableText(label, false))
    .superRefine(refuseHiddenCharacters(label));
}

/**
 * Free text over several lines, such as notes: line breaks and tabs are fine, other controls are
 * not, and nothing hidden, by the same rule as names.
 */
export function multiLineText(label: string, maxLength: number) {
  return requiredText(label)
    .max(maxLength, { message: `${label} must be at most ${maxLength} characters.` })
    .superRefine(refuseUnstorableText(label, true))
    .superRefine(refuseHiddenCharacters(label));
}

/** A query parameter that is matched as text: bounded, and without control characters (NUL included). */
export function queryParameterText(maxLength: number) {
  return z
    .string({ message: 'Send this parameter once, as text.' })
    .max(maxLength, { message: `Use at most ${maxLength} characters.` })
    .refine((value) => findControlCharacter(value) === null && !LONE_SURROGATE.test(value), {
      message: 'Remove the control characters from this parameter.',
    });
}
