import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Interviewer } from '../shared/participants';
import { InputValidationError, type FieldProblem } from '../shared/errors';
import { emptyToUndefined, parseEachField, unknownFieldProblems } from '../shared/fieldParsing';
import { durationMinutesSchema } from '../shared/interviewDuration';
import { emailAddressSchema, interviewerIdentitySchema, isSlackUserId, SLACK_CHANNEL_ID, toInterviewers } from '../shared/participants';
import { namedWorkspace, slackWorkspaceFields } from '../workspaces/slackWorkspace';
import { type SlackWorkspaceRef } from '../shared/slackWorkspaces';
import { checkScheduledTimeIsBookable } from '../shared/scheduledTime';
import { findControlCharacter, findHiddenCharacter, multiLineText, singleLineText } from '../shared/textRules';
import { isStorableInstant, readTimeInZone, TIME_FORMAT_MESSAGE } from '../shared/timeInput';
import { isKnownTimeZone } from '../shared/timeZones';

export const MAX_NAME_LENGTH = 200;

/** A person's name as typed or read from a profile, checked by the same rule as a candidate's. */
const personName = singleLineText('Name', MAX_NAME_LENGTH);

/**
 * Whether a name learned from elsewhere (a Slack profile) is fit to show a candidate or put in an
 * email or calendar: one line, bounded, nothing hidden or controlling.
 */
export function isShowableName(name: string): boolean {
  return personName.safeParse(name).success;
}
export const MAX_NOTES_LENGTH = 3000;
export const MAX_INTERVIEWERS = 20;
export const MAX_URL_LENGTH = 2048;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const optional = <Schema extends z.ZodType>(schema: Schema) => z.preprocess(emptyToUndefined, schema.optional());

export const timeZoneSchema = z
  .string({ message: 'Time zone must be text.' })
  .trim()
  .refine((zone) => isKnownTimeZone(zone), {
    message: 'Use a time zone name like Europe/Berlin or America/New_York.',
  });

/** An availability slot's id, however it was sent. */
export const slotIdSchema = z
  .string({ message: 'Slot id must be text.' })
  .regex(UUID, { message: 'Slot id is not a valid slot id.' })
  .transform((id) => id.toLowerCase());

/** When an interview happens and for how long: the same rules for scheduling and rescheduling. */
export const interviewTimingFields = {
  scheduledTime: optional(z.union([z.string(), z.instanceof(Date)], { message: TIME_FORMAT_MESSAGE })),
  slotId: optional(slotIdSchema),
  durationMinutes: optional(durationMinutesSchema),
};

/** Who the interview is with and what it is about: set when scheduling, and editable afterwards (PATCH). */
export const interviewDetailFields = {
  candidateName: singleLineText('Candidate name', MAX_NAME_LENGTH),
  candidateEmail: emailAddressSchema,
  role: optional(singleLineText('Role', MAX_NAME_LENGTH)),
  interviewers: optional(
    z
      .array(interviewerIdentitySchema('Each interviewer must be a Slack user id (like U0123ABCD) or an email address.'), {
        message: 'Interviewers must be a list.',
      })
      .max(MAX_INTERVIEWERS, { message: `At most ${MAX_INTERVIEWERS} interviewers.` }),
  ),
  notes: optional(multiLineText('Notes', MAX_NOTES_LENGTH)),
};

/** The rule for each field, whichever door the request came in by (API body or modal). */
export const scheduleInterviewFields = {
  ...interviewDetailFields,
  ...interviewTimingFields,
  timezone: optional(timeZoneSchema),
  channelId: optional(
    z
      .string({ message: 'Channel id must be text.' })
      .regex(SLACK_CHANNEL_ID, { message: 'Channel id must be a Slack channel id like C0123ABCD.' }),
  ),
  meetingUrl: optional(
    z
      .string({ message: 'Meeting URL must be an http(s) link.' })
      .max(MAX_URL_LENGTH, { message: 'Meeting URL is too long.' })
      .refine((value) => findControlCharacter(value) === null && findHiddenCharacter(value) === null, {
        message: 'Meeting URL must be an http(s) link.',
      })
      .pipe(z.url({ protocol: /^https?$/, message: 'Meeting URL must be an http(s) link.' })),
  ),
  ...slackWorkspaceFields,
};

/** A request to schedule an interview, checked and normalised; what `scheduleInterview` stores. */
export interface ScheduleInterviewRequest {
  candidateName: string;
  candidateEmail: string;
  role?: string;
  /** An explicit start time; wins over the slot and the default (R1, docs/rules.md). */
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
  /** The Slack workspace the API names (`slackTeamId`); from Slack, the request's own. */
  slackWorkspace?: SlackWorkspaceRef;
}

/** What checking found: the request when every field is fine, and the fields that were readable either way. */
export interface ScheduleInterviewRequestCheck {
  request: ScheduleInterviewRequest | null;
  problems: FieldProblem[];
  /** The explicit time, when it could be read, so it can be checked against the clock. */
  scheduledTime?: Date;
  /** The chosen slot, when its id is well formed, so it can be checked against the bookings. */
  slotId?: string;
  /** The Slack workspace named, when its fields are well formed, so it can be checked against the installations. */
  slackWorkspace?: SlackWorkspaceRef;
  /** True when something is to go to Slack (a channel, a Slack interviewer), so a workspace is needed. */
  meantForSlack: boolean;
}

/**
 * Checks untrusted input (an API body, a modal's values) field by field. Times without an offset
 * are read in the candidate's time zone, never in the server's. Needs neither clock nor database;
 * `scheduleInterview` adds the rules that do.
 */
export function checkScheduleInterviewRequest(raw: unknown): ScheduleInterviewRequestCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      request: null,
      problems: [{ field: 'body', message: 'Send a JSON object with at least candidateName and candidateEmail.' }],
      meantForSlack: false,
    };
  }
  const { values, problems } = parseEachField(scheduleInterviewFields, raw as Record<string, unknown>);
  problems.push(...unknownFieldProblems(scheduleInterviewFields, raw as Record<string, unknown>));
  const timezone = values.timezone ?? 'UTC';
  const scheduledTime = values.scheduledTime === undefined ? undefined : readScheduledTime(values.scheduledTime, timezone, problems);
  const slotId = values.slotId;
  const slackWorkspace = namedWorkspace(values, problems);
  const meantForSlack = values.channelId !== undefined || (values.interviewers ?? []).some(isSlackUserId);
  if (problems.length > 0) {
    return { request: null, problems, scheduledTime, slotId, slackWorkspace, meantForSlack };
  }
  return {
    request: {
      candidateName: values.candidateName!,
      candidateEmail: values.candidateEmail!,
      role: values.role,
      scheduledTime,
      slotId,
      durationMinutes: values.durationMinutes,
      timezone,
      interviewers: toInterviewers(values.interviewers ?? []),
      channelId: values.channelId,
      notes: values.notes?.trim() || undefined,
      meetingUrl: values.meetingUrl,
      slackWorkspace,
    },
    problems,
    scheduledTime,
    slotId,
    slackWorkspace,
    meantForSlack,
  };
}

/**
 * The request, or an `InputValidationError` naming every bad field. With `now`, an explicit time
 * is also held to R1's limits (not in the past, within a year).
 */
export function parseScheduleInterviewRequest(raw: unknown, options: { now?: Date } = {}): ScheduleInterviewRequest {
  const checked = checkScheduleInterviewRequest(raw);
  const problems = options.now ? [...checked.problems, ...explicitTimeProblems(checked.scheduledTime, options.now)] : checked.problems;
  if (!checked.request || problems.length > 0) {
    throw new InputValidationError(problems);
  }
  return checked.request;
}

/** R1's limits for a time someone typed; an empty list when there is none or it is fine. */
export function explicitTimeProblems(scheduledTime: Date | undefined, now: Date): FieldProblem[] {
  const problem = scheduledTime ? checkScheduledTimeIsBookable(scheduledTime, now) : null;
  return problem ? [problem] : [];
}

/** A stable hash of a request, so a retry can be told from a different request. */
export function fingerprintRequest(request: object): string {
  const canonical = JSON.stringify(request, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

/** An explicit time from the API (ISO text, offset-less read in `timezone`) or a modal (a Date); a problem is pushed when unreadable. */
export function readScheduledTime(value: string | Date, timezone: string, problems: FieldProblem[]): Date | undefined {
  if (value instanceof Date) {
    if (isStorableInstant(value)) return value;
    problems.push({ field: 'scheduledTime', message: 'This time is not a valid date and time.' });
    return undefined;
  }
  const reading = readTimeInZone(value, timezone);
  if ('instant' in reading) return reading.instant;
  problems.push({ field: 'scheduledTime', message: reading.problem });
  return undefined;
}
