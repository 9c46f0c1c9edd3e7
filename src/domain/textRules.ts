import { z } from 'zod';

/** C0 and C1 control characters (NUL included) and Unicode's line and paragraph separators. */
const CONTROL_CHARACTER = /[\p{Cc}\p{Zl}\p{Zp}]/u;

/** C0 and C1 control characters except tab and line breaks, which multi-line text such as notes may hold. */
const CONTROL_CHARACTER_EXCEPT_LINE_BREAKS = /(?![\t\n\r])\p{Cc}/u;

/**
 * Characters that change how text looks without being seen: bidirectional overrides, embeddings
 * and isolates (they can make a name read backwards in an email subject), zero-width spaces,
 * invisible fillers and the byte-order mark. Zero-width joiners and non-joiners stay allowed
 * between letters, where scripts such as Persian and Malayalam need them.
 */
const HIDDEN_CHARACTER =
  /[\u061c\u115f\u1160\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0]|(?<![\p{L}\p{M}])[\u200c\u200d]|[\u200c\u200d](?![\p{L}\p{M}])/u;

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

export function findHiddenCharacter(text: string): string | null {
  return HIDDEN_CHARACTER.exec(text)?.[0] ?? null;
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
 * could disguise it).
 */
export function singleLineText(label: string, maxLength: number) {
  return requiredText(label)
    .trim()
    .min(1, { message: `${label} is required.` })
    .max(maxLength, { message: `${label} must be at most ${maxLength} characters.` })
    .superRefine(refuseUnstorableText(label, false))
    .superRefine((value, context) => {
      const hidden = findHiddenCharacter(value);
      if (hidden !== null) {
        context.addIssue({
          code: 'custom',
          message: `${label} contains an invisible or text-direction character (${describeCodePoint(hidden)}). Type it again without it.`,
        });
      }
    });
}

/** Free text over several lines, such as notes: line breaks and tabs are fine, other controls are not. */
export function multiLineText(label: string, maxLength: number) {
  return requiredText(label)
    .max(maxLength, { message: `${label} must be at most ${maxLength} characters.` })
    .superRefine(refuseUnstorableText(label, true));
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
