import { z } from 'zod';
import type { FieldProblem } from './errors';

/** zod's issues as one problem per field, the first message winning, each field named with `prefix`. */
export function toFieldProblems(error: z.ZodError, prefix = ''): FieldProblem[] {
  const problems = new Map<string, string>();
  for (const issue of error.issues) {
    const field = prefix + (issue.path.length > 0 ? String(issue.path[0]) : 'body');
    if (!problems.has(field)) {
      problems.set(field, issue.message);
    }
  }
  return [...problems].map(([field, message]) => ({ field, message }));
}

type ParsedFields<Shape extends z.ZodRawShape> = { [Key in keyof Shape]?: z.output<Shape[Key]> };

/**
 * Checks each field of `raw` on its own. The fields that are fine can then still be checked
 * against rules that need them together or need the clock or the database (a time against now, a
 * slot against the bookings), so one answer names every problem instead of one stage at a time.
 */
export function parseEachField<Shape extends z.ZodRawShape>(
  shape: Shape,
  raw: Record<string, unknown>,
  prefix = '',
): { values: ParsedFields<Shape>; problems: FieldProblem[] } {
  const values: ParsedFields<Shape> = {};
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(shape) as Array<keyof Shape & string>) {
    const result = z.safeParse(shape[key], raw[key]);
    if (result.success) {
      values[key] = result.data;
    } else {
      problems.push({ field: prefix + key, message: result.error.issues[0]?.message ?? 'This value is not valid.' });
    }
  }
  return { values, problems };
}

/** Empty text and null mean "not given", so an optional field's defaults apply. */
export function emptyToUndefined(value: unknown): unknown {
  if (value === null || value === '') return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

/**
 * Each key of `raw` that no rule in `shape` takes, named (`prefix` + key), so a misspelt field is
 * refused instead of silently ignored.
 */
export function unknownFieldProblems(shape: z.ZodRawShape, raw: Record<string, unknown>, prefix = ''): FieldProblem[] {
  return Object.keys(raw)
    .filter((key) => !Object.hasOwn(shape, key))
    .map((key) => ({ field: prefix + key, message: 'Unknown field: this request does not take it. Check its spelling.' }));
}
