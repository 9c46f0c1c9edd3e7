import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { isKnownTimeZone } from './timeZones';
import { z } from 'zod';
import type { Interviewer } from '../db/entities/Interview';
import { InputValidationError, type FieldProblem } from './errors';

export const DEFAULT_DURATION_MINUTES = 45;
export const MAX_NAME_LENGTH = 200;
export const MAX_NOTES_LENGTH = 3000;
export const MAX_INTERVIEWERS = 20;
export const MAX_EMAIL_LENGTH = 254;

const SCHEDULED_TIME_FORMAT_MESSAGE =
  'Use an ISO 8601 date and time, like 2030-01-31T15:00:00Z, or 2030-01-31T15:00 in the candidate’s time zone.';
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,30}$/;
const SLACK_CHANNEL_ID = /^[CGD][A-Z0-9]{2,30}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const singleLine = (label: string, maxLength: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be text.`) })
    .trim()
    .min(1, { message: `${label} is required.` })
    .max(maxLength, { message: `${label} must be at most ${maxLength} characters.` })
    .refine((value) => !CONTROL_CHARACTERS.test(value), { message: `${label} must be a single line of text.` });

const optionalSingleLine = (label: string, maxLength: number) =>
  z.preprocess(emptyToUndefined, singleLine(label, maxLength).optional());

/**
 * An address SendGrid will take: one mailbox, no display name, no spaces or line breaks, a dotted
 * domain, and no longer than RFC 5321 allows.
 */
export const emailAddressSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'Email is required.' : 'Email must be text.') })
  .trim()
  .max(MAX_EMAIL_LENGTH, { message: `Email must be at most ${MAX_EMAIL_LENGTH} characters.` })
  .pipe(z.email({ message: 'Enter a valid email address, like jane@example.com.' }));

export const timeZoneSchema = z
  .string({ message: 'Time zone must be text.' })
  .trim()
  .refine((zone) => isKnownTimeZone(zone), {
    message: 'Use a time zone name like Europe/Berlin or America/New_York.',
  });

const interviewerSchema = z
  .string({ message: 'Each interviewer must be a Slack user id or an email address.' })
  .trim()
  .refine((value) => SLACK_USER_ID.test(value) || emailAddressSchema.safeParse(value).success, {
    message: 'Each interviewer must be a Slack user id (like U0123ABCD) or an email address.',
  });

const scheduleInterviewRequestSchema = z.object({
  candidateName: singleLine('Candidate name', MAX_NAME_LENGTH),
  candidateEmail: emailAddressSchema,
  role: optionalSingleLine('Role', MAX_NAME_LENGTH),
  scheduledTime: z.preprocess(
    emptyToUndefined,
    z
      .union([z.string().max(64).refine((value) => DateTime.fromISO(value.trim()).isValid), z.date()], {
        message: SCHEDULED_TIME_FORMAT_MESSAGE,
      })
      .optional(),
  ),
  slotId: z.preprocess(
    emptyToUndefined,
    z.string({ message: 'Slot id must be text.' }).regex(UUID, { message: 'Slot id is not a valid slot id.' }).optional(),
  ),
  durationMinutes: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'Duration must be a number of minutes.' })
      .int({ message: 'Duration must be a whole number of minutes.' })
      .min(5, { message: 'Duration must be at least 5 minutes.' })
      .max(480, { message: 'Duration must be at most 8 hours (480 minutes).' })
      .optional(),
  ),
  timezone: z.preprocess(emptyToUndefined, timeZoneSchema.optional()),
  interviewers: z
    .array(interviewerSchema, { message: 'Interviewers must be a list.' })
    .max(MAX_INTERVIEWERS, { message: `At most ${MAX_INTERVIEWERS} interviewers.` })
    .optional(),
  channelId: z.preprocess(
    emptyToUndefined,
    z
      .string({ message: 'Channel id must be text.' })
      .regex(SLACK_CHANNEL_ID, { message: 'Channel id must be a Slack channel id like C0123ABCD.' })
      .optional(),
  ),
  notes: z.preprocess(
    emptyToUndefined,
    z
      .string({ message: 'Notes must be text.' })
      .max(MAX_NOTES_LENGTH, { message: `Notes must be at most ${MAX_NOTES_LENGTH} characters.` })
      .optional(),
  ),
  meetingUrl: z.preprocess(
    emptyToUndefined,
    z
      .url({ protocol: /^https?$/, message: 'Meeting URL must be an http(s) link.' })
      .max(2048, { message: 'Meeting URL is too long.' })
      .optional(),
  ),
});

/** A request to schedule an interview, checked and normalised; what `scheduleInterview` takes. */
export interface ScheduleInterviewRequest {
  candidateName: string;
  candidateEmail: string;
  role?: string;
  /** An explicit start time; wins over the slot and the default (R1). */
  scheduledTime?: Date;
  /** An availability slot to book; its start is the time when none is given explicitly. */
  slotId?: string;
  /** Defaults to the slot's length, else to DEFAULT_DURATION_MINUTES. */
  durationMinutes?: number;
  /** The candidate's IANA time zone; defaults to UTC. */
  timezone: string;
  interviewers: Interviewer[];
  /** The Slack channel to post the interview's message to. */
  channelId?: string;
  notes?: string;
  /** The video call to join; generated from VIDEO_BASE_URL when absent. */
  meetingUrl?: string;
}

/**
 * Checks untrusted input (an API body, a modal's values) and turns it into a request, or throws
 * an `InputValidationError` naming every bad field. Times without an offset are read in the
 * candidate's time zone, never in the server's.
 */
export function parseScheduleInterviewRequest(raw: unknown): ScheduleInterviewRequest {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw InputValidationError.forField('body', 'Send a JSON object with at least candidateName and candidateEmail.');
  }
  const parsed = scheduleInterviewRequestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputValidationError(toFieldProblems(parsed.error));
  }
  const fields = parsed.data;
  const timezone = fields.timezone ?? 'UTC';
  return {
    candidateName: fields.candidateName,
    candidateEmail: fields.candidateEmail,
    role: fields.role,
    scheduledTime: fields.scheduledTime === undefined ? undefined : parseInstant(fields.scheduledTime, timezone),
    slotId: fields.slotId?.toLowerCase(),
    durationMinutes: fields.durationMinutes,
    timezone,
    interviewers: dedupeInterviewers(fields.interviewers ?? []),
    channelId: fields.channelId,
    notes: fields.notes?.trim() || undefined,
    meetingUrl: fields.meetingUrl,
  };
}

/** Turns zod's issues into one problem per field, first message wins. */
export function toFieldProblems(error: z.ZodError): FieldProblem[] {
  const problems = new Map<string, string>();
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'body';
    if (!problems.has(field)) {
      problems.set(field, issue.message);
    }
  }
  return [...problems].map(([field, message]) => ({ field, message }));
}

/** A stable hash of a request, so a retry can be told from a different request. */
export function fingerprintRequest(request: ScheduleInterviewRequest): string {
  const canonical = JSON.stringify(request, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

function parseInstant(value: string | Date, timezone: string): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw InputValidationError.forField('scheduledTime', 'is not a valid date and time.');
    }
    return value;
  }
  const parsed = DateTime.fromISO(value.trim(), { zone: timezone, setZone: false });
  if (!parsed.isValid) {
    throw InputValidationError.forField('scheduledTime', SCHEDULED_TIME_FORMAT_MESSAGE);
  }
  return parsed.toUTC().toJSDate();
}

function dedupeInterviewers(values: string[]): Interviewer[] {
  const unique = [...new Set(values.map((value) => (SLACK_USER_ID.test(value) ? value : value.toLowerCase())))];
  return unique.map((value) => (SLACK_USER_ID.test(value) ? { slackUserId: value } : { email: value }));
}

function emptyToUndefined(value: unknown): unknown {
  if (value === null || value === '') {
    return undefined;
  }
  if (typeof value === 'string' && value.trim() === '') {
    return undefined;
  }
  return value;
}
