import { z } from 'zod';
import { InputValidationError, type FieldProblem } from '../shared/errors';
import { parseEachField, unknownFieldProblems } from '../shared/fieldParsing';
import { durationMinutesSchema } from '../shared/interviewDuration';
import { interviewerIdentitySchema } from '../shared/participants';
import { checkScheduledTimeIsBookable } from '../shared/scheduledTime';
import type { SlackWorkspaceRef } from '../shared/slackWorkspaces';
import { ENDS_WITH_OFFSET, readTimeInZone } from '../shared/timeInput';
import { namedWorkspace, slackWorkspaceFields } from '../workspaces/slackWorkspace';

export const MAX_SLOTS_PER_REQUEST = 50;

export const OFFSET_TIME_MESSAGE = 'Use an ISO 8601 date and time with an offset, like 2030-01-31T15:00:00Z.';

const INTERVIEWER_MESSAGE = 'Each interviewer must be a Slack user id (like U0123ABCD) or an email address.';
const ONE_INTERVIEWER_MESSAGE =
  'A slot is one interviewer\'s window: name exactly one, as interviewers: ["U0123ABCD"] or ["ada@example.com"].';

/** Whose window a slot is: a list, as everywhere a person is named, holding exactly one. */
const slotInterviewersSchema = z
  .array(interviewerIdentitySchema(INTERVIEWER_MESSAGE), { message: ONE_INTERVIEWER_MESSAGE })
  .length(1, { message: ONE_INTERVIEWER_MESSAGE });

/** When a slot starts and for how long, and whose it is: what creating takes, and what editing may change. */
export const slotWindowFields = {
  startsAt: z.union([z.string().max(64), z.date()], { message: OFFSET_TIME_MESSAGE }),
  durationMinutes: durationMinutesSchema,
  interviewers: slotInterviewersSchema,
};

/** What creating a slot takes. `interviewer` (one string) is the deprecated spelling of `interviewers`, still read. */
export const slotFields = {
  ...slotWindowFields,
  interviewers: slotInterviewersSchema.optional(),
  /** @deprecated use `interviewers` */
  interviewer: interviewerIdentitySchema(INTERVIEWER_MESSAGE).optional(),
  ...slackWorkspaceFields,
};

/** An offered window, checked; what `addAvailabilitySlots` takes. */
export interface AvailabilitySlotRequest {
  startsAt: Date;
  durationMinutes: number;
  interviewer: string;
  /** The Slack workspace whose people are offered it, as the API names it; from Slack, the request's own. */
  slackWorkspace?: SlackWorkspaceRef;
}

/**
 * Checks untrusted slot input against every rule at once, R1's time limits (docs/rules.md) included, naming each
 * bad field (`slots.2.startsAt`).
 */
export function parseAvailabilitySlotRequests(raw: unknown, now: Date): AvailabilitySlotRequest[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0 || list.length > MAX_SLOTS_PER_REQUEST) {
    throw InputValidationError.forField('slots', `Send between 1 and ${MAX_SLOTS_PER_REQUEST} slots.`);
  }
  const problems: FieldProblem[] = [];
  const requests: AvailabilitySlotRequest[] = [];
  list.forEach((item, index) => {
    const prefix = Array.isArray(raw) ? `slots.${index}.` : '';
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ field: prefix ? prefix.slice(0, -1) : 'body', message: 'Send a slot as {startsAt, durationMinutes, interviewers}.' });
      return;
    }
    const { values, problems: fieldProblems } = parseEachField(slotFields, item as Record<string, unknown>, prefix);
    problems.push(...fieldProblems, ...unknownFieldProblems(slotFields, item as Record<string, unknown>, prefix));
    const interviewer = readInterviewer(values, item as Record<string, unknown>, prefix, problems);
    const startsAt = values.startsAt === undefined ? undefined : readSlotStart(values.startsAt);
    if (values.startsAt !== undefined && !startsAt) {
      problems.push({ field: `${prefix}startsAt`, message: OFFSET_TIME_MESSAGE });
    }
    const timeProblem = startsAt ? checkScheduledTimeIsBookable(startsAt, now, `${prefix}startsAt`) : null;
    if (timeProblem) problems.push(timeProblem);
    const slackWorkspace = namedWorkspace(values, problems, prefix);
    if (startsAt && values.durationMinutes !== undefined && interviewer !== undefined) {
      requests.push({ startsAt, durationMinutes: values.durationMinutes, interviewer, slackWorkspace });
    }
  });
  if (problems.length > 0) {
    throw new InputValidationError(problems);
  }
  return requests;
}

/** The slot's one interviewer, from `interviewers` or the deprecated `interviewer`; a problem when neither or both are sent. */
function readInterviewer(
  values: { interviewers?: string[]; interviewer?: string },
  raw: Record<string, unknown>,
  prefix: string,
  problems: FieldProblem[],
): string | undefined {
  const sentBoth = raw.interviewers !== undefined && raw.interviewer !== undefined;
  if (sentBoth) {
    problems.push({ field: `${prefix}interviewer`, message: 'Send interviewers only; interviewer is its deprecated spelling.' });
    return undefined;
  }
  if (raw.interviewers === undefined && raw.interviewer === undefined) {
    problems.push({ field: `${prefix}interviewers`, message: ONE_INTERVIEWER_MESSAGE });
    return undefined;
  }
  return values.interviewers?.[0] ?? values.interviewer;
}

/** A slot's start must say its offset: a slot is offered to people in many zones. */
export function readSlotStart(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const reading = readTimeInZone(value, 'UTC');
  return ENDS_WITH_OFFSET.test(value.trim()) && 'instant' in reading ? reading.instant : null;
}
