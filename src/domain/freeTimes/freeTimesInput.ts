import { z } from 'zod';
import type { FieldProblem } from '../shared/errors';
import { DEFAULT_DURATION_MINUTES, durationMinutesSchema } from '../shared/interviewDuration';
import { emailAddressSchema, isSlackUserId } from '../shared/participants';
import { readTimeInZone } from '../shared/timeInput';
import { isKnownTimeZone } from '../shared/timeZones';

const DAY_MS = 86_400_000;

/** How far a search looks when `to` is not given, and at most (PRODUCT.md). */
export const DEFAULT_SEARCH_DAYS = 14;
export const MAX_SEARCH_DAYS = 60;
/** `GET /api/free-times?limit=`: 1–100, default 20. */
export const DEFAULT_FREE_TIMES_LIMIT = 20;
export const MAX_FREE_TIMES_LIMIT = 100;
/** The most interviewers one search reads the calendars of. */
export const MAX_PANEL_SIZE = 20;

/** Where a search looks: `from` (default now) to `to` (default `from` + 14 days, at most 60 days after `from`). */
export interface SearchWindow {
  from: Date;
  to: Date;
}

/**
 * Reads `from` and `to` (ISO 8601; without an offset, in `zone`) into a window, naming each field
 * that is wrong in `problems` (with `prefix`, e.g. `findTimes.`). Undefined when either is wrong.
 */
export function readSearchWindow(
  raw: { from?: unknown; to?: unknown },
  zone: string,
  now: Date,
  problems: FieldProblem[],
  prefix = '',
): SearchWindow | undefined {
  const from = raw.from === undefined ? now : readInstant(raw.from, zone, `${prefix}from`, problems);
  const to =
    raw.to === undefined
      ? from
        ? new Date(from.getTime() + DEFAULT_SEARCH_DAYS * DAY_MS)
        : undefined
      : readInstant(raw.to, zone, `${prefix}to`, problems);
  if (!from || !to) return undefined;
  if (to.getTime() <= from.getTime()) {
    problems.push({ field: `${prefix}to`, message: 'Must be later than from.' });
    return undefined;
  }
  if (to.getTime() - from.getTime() > MAX_SEARCH_DAYS * DAY_MS) {
    problems.push({ field: `${prefix}to`, message: `Must be at most ${MAX_SEARCH_DAYS} days after from.` });
    return undefined;
  }
  return { from, to };
}

function readInstant(value: unknown, zone: string, field: string, problems: FieldProblem[]): Date | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push({ field, message: 'Use an ISO 8601 date and time, like 2030-01-31T09:00:00Z.' });
    return undefined;
  }
  const reading = readTimeInZone(value, zone);
  if ('problem' in reading) {
    problems.push({ field, message: reading.problem });
    return undefined;
  }
  return reading.instant;
}

/** Slack user ids or addresses, each once, in the order given; every bad one named in the problem. */
export function readInterviewerList(value: unknown, field: string, problems: FieldProblem[]): string[] | undefined {
  const items =
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '')
      : Array.isArray(value)
        ? value
        : null;
  if (!items || items.length === 0) {
    problems.push({ field, message: 'Name at least one interviewer: Slack user ids (U0123ABCD) or email addresses, separated by commas.' });
    return undefined;
  }
  const bad = items.filter(
    (item) => typeof item !== 'string' || !(isSlackUserId(item.trim()) || emailAddressSchema.safeParse(item).success),
  );
  if (bad.length > 0) {
    problems.push({
      field,
      message: `Each interviewer must be a Slack user id like U0123ABCD or an email address; not ${bad.map((item) => JSON.stringify(item)).join(', ')}.`,
    });
    return undefined;
  }
  const distinct = [...new Set((items as string[]).map((item) => (isSlackUserId(item.trim()) ? item.trim() : item.trim().toLowerCase())))];
  if (distinct.length > MAX_PANEL_SIZE) {
    problems.push({ field, message: `Name at most ${MAX_PANEL_SIZE} interviewers.` });
    return undefined;
  }
  return distinct;
}

/** The request's zone: a known IANA name, or undefined (then UTC), a problem named otherwise. */
export function readZone(value: unknown, field: string, problems: FieldProblem[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isKnownTimeZone(value.trim())) {
    problems.push({ field, message: 'Use a time zone name like Europe/Berlin or America/New_York.' });
    return undefined;
  }
  return value.trim();
}

/** A whole number in `min`..`max` (text read as a number), `fallback` when absent. */
export function readWholeNumber(
  value: unknown,
  bounds: { min: number; max: number; fallback: number },
  field: string,
  problems: FieldProblem[],
): number | undefined {
  if (value === undefined) return bounds.fallback;
  const number = typeof value === 'string' && /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < bounds.min || number > bounds.max) {
    problems.push({ field, message: `Use a whole number from ${bounds.min} to ${bounds.max}.` });
    return undefined;
  }
  return number;
}

/** `durationMinutes` as a query string gives it (text of digits): 5 minutes to 8 hours, 45 when absent. */
export function readDuration(value: unknown, field: string, problems: FieldProblem[]): number | undefined {
  if (value === undefined) return DEFAULT_DURATION_MINUTES;
  const parsed = z.safeParse(durationMinutesSchema, typeof value === 'string' && /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : value);
  if (!parsed.success) {
    problems.push({ field, message: parsed.error.issues[0]?.message ?? 'Use a number of minutes.' });
    return undefined;
  }
  return parsed.data;
}
