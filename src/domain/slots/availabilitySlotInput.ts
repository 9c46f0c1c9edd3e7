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

const OFFSET_TIME_MESSAGE = 'Use an ISO 8601 date and time with an offset, like 2030-01-31T15:00:00Z.';

const slotFields = {
  startsAt: z.union([z.string().max(64), z.date()], { message: OFFSET_TIME_MESSAGE }),
  durationMinutes: durationMinutesSchema,
  interviewer: interviewerIdentitySchema('Interviewer must be a Slack user id (like U0123ABCD) or an email address.'),
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
      problems.push({ field: prefix ? prefix.slice(0, -1) : 'body', message: 'Send a slot as {startsAt, durationMinutes, interviewer}.' });
      return;
    }
    const { values, problems: fieldProblems } = parseEachField(slotFields, item as Record<string, unknown>, prefix);
    problems.push(...fieldProblems, ...unknownFieldProblems(slotFields, item as Record<string, unknown>, prefix));
    const startsAt = values.startsAt === undefined ? undefined : readSlotStart(values.startsAt);
    if (values.startsAt !== undefined && !startsAt) {
      problems.push({ field: `${prefix}startsAt`, message: OFFSET_TIME_MESSAGE });
    }
    const timeProblem = startsAt ? checkScheduledTimeIsBookable(startsAt, now, `${prefix}startsAt`) : null;
    if (timeProblem) problems.push(timeProblem);
    const slackWorkspace = namedWorkspace(values, problems, prefix);
    if (startsAt && values.durationMinutes !== undefined && values.interviewer !== undefined) {
      requests.push({ startsAt, durationMinutes: values.durationMinutes, interviewer: values.interviewer, slackWorkspace });
    }
  });
  if (problems.length > 0) {
    throw new InputValidationError(problems);
  }
  return requests;
}

/** A slot's start must say its offset: a slot is offered to people in many zones. */
function readSlotStart(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const reading = readTimeInZone(value, 'UTC');
  return ENDS_WITH_OFFSET.test(value.trim()) && 'instant' in reading ? reading.instant : null;
}
