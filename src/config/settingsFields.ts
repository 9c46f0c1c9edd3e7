import { z } from 'zod';

/** A variable's problems, each `NAME what is wrong`, as ConfigError (src/config.ts) lists them. */
export type SettingsResult<T> = { settings: T } | { problems: string[] };

/** Unset and blank are the same: a variable exported empty by a deployment template means "not set". */
export const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** An http(s) base URL, default when unset, without a trailing slash (paths are appended to it). */
export const baseUrl = (fallback: string) =>
  optionalText.transform((value, context) => {
    const url = value ?? fallback;
    if (!URL.canParse(url) || !['http:', 'https:'].includes(new URL(url).protocol)) {
      context.addIssue({ code: 'custom', message: `must be an http:// or https:// URL, e.g. ${fallback}` });
      return z.NEVER;
    }
    return url.replace(/\/+$/, '');
  });

/**
 * A whole number in [min, max] written in decimal digits, `fallback` when unset or blank (so
 * `PORT=` is port 3000, not 0). `1e3`, `0x50` or `60.0` are refused rather than read as a number.
 */
export const wholeNumber = (min: number, max: number, fallback: number) =>
  optionalText.transform((value, context) => {
    if (value === undefined) return fallback;
    const number = /^[+-]?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(number)) {
      context.addIssue({ code: 'custom', message: `must be a whole number between ${min} and ${max}` });
      return z.NEVER;
    }
    if (number < min || number > max) {
      context.addIssue({ code: 'custom', message: number < min ? `must be at least ${min}` : `must be at most ${max}` });
      return z.NEVER;
    }
    return number;
  });

/** zod's issues as `NAME message` lines. */
export function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${describeIssue(issue)}`);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value' && 'values' in issue) return `must be one of: ${issue.values.join(', ')}`;
  return issue.message;
}
