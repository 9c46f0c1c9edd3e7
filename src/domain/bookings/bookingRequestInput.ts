import { z } from 'zod';
import type { AvailabilitySlot } from '../slots/AvailabilitySlot';
import type { FieldProblem } from '../shared/errors';
import { emptyToUndefined } from '../shared/fieldParsing';
import {
  checkScheduleInterviewRequest,
  scheduleInterviewFields,
  slotIdSchema,
  type ScheduleInterviewRequest,
} from '../interviews/interviewInput';
import { checkScheduledTimeIsBookable } from '../shared/scheduledTime';
import { type SlackWorkspaceRef } from '../shared/slackWorkspaces';
import { checkSlotIsFree } from '../slots/slotBooking';
import type { InterviewPlan } from '../freeTimes/planFreeTimes';
import { asksForALoop, namesAPool } from '../loops/planRequest';
import { checkPlannedBookingRequestInput } from './bookingPlanInput';

/** How many slots one booking request may offer. */
export const MAX_OFFERED_SLOTS = 20;

/** How many of the panel's free times `findTimes` offers: 1–20, default 8. */
export const DEFAULT_FIND_TIMES_COUNT = 8;

/** `findTimes`: offer the panel's free times instead of slots, searched from `from` to `to` (as written; read against the clock later). */
export interface FindTimesInput {
  from?: string;
  to?: string;
  count: number;
}

/** The candidate's details, checked by the same rules as an interview's, and the slots (or the free times) offered to them. */
export interface BookingRequestInput {
  candidate: Omit<ScheduleInterviewRequest, 'scheduledTime' | 'slotId'>;
  /** Each once, in the order offered; empty with `findTimes`. */
  slotIds: string[];
  findTimes?: FindTimesInput;
  /** Set when the interviewers name pools or the request books a loop: what its free times are searched for. */
  plan?: InterviewPlan;
}

export interface BookingRequestInputCheck {
  request: BookingRequestInput | null;
  problems: FieldProblem[];
  /** The well-formed slot ids, when readable, so they can be checked against the bookings. */
  slotIds: string[];
  /** The Slack workspace named, when its fields are well formed, so it can be checked against the installations. */
  slackWorkspace?: SlackWorkspaceRef;
  /** True when something is to go to Slack (a channel, a Slack interviewer), so a workspace is needed. */
  meantForSlack: boolean;
}

const BOTH_TIME_AND_OFFER_MESSAGE =
  'Either set the time yourself or let the candidate choose from slots, not both. Clear the date and time (and the single slot) to send a booking link.';

const offeredSlotIdsSchema = z.preprocess(
  emptyToUndefined,
  z
    .array(slotIdSchema, {
      error: (issue) =>
        issue.input === undefined ? 'Pick at least one slot for the candidate to choose from.' : 'Send slotIds as a list of slot ids.',
    })
    .min(1, { message: 'Pick at least one slot for the candidate to choose from.' })
    .max(MAX_OFFERED_SLOTS, { message: `Offer at most ${MAX_OFFERED_SLOTS} slots.` }),
);

/** What a booking request takes: an interview's fields without its time (the candidate picks one), and the slots offered. */
export const bookingRequestFields = (() => {
  const { scheduledTime: _time, slotId: _slot, ...candidateFields } = scheduleInterviewFields;
  return { ...candidateFields, slotIds: offeredSlotIdsSchema };
})();

/**
 * Checks untrusted input (an API body, a modal's values): the candidate's fields by the very rules
 * `scheduleInterview` applies, and the offered slot ids. A time (or a single slot to book now)
 * given as well is a mistake named on `slotIds`, so the modal shows it on the offered slots.
 */
export function checkBookingRequestInput(raw: unknown): BookingRequestInputCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      request: null,
      problems: [{ field: 'body', message: 'Send a JSON object with candidateName, candidateEmail and slotIds.' }],
      slotIds: [],
      meantForSlack: false,
    };
  }
  if (asksForALoop(raw) || namesAPool(raw)) return checkPlannedBookingRequestInput(raw as Record<string, unknown>);
  const { scheduledTime, slotId, slotIds: rawSlotIds, findTimes: rawFindTimes, ...candidateFields } = raw as Record<string, unknown>;
  const checked = checkScheduleInterviewRequest(candidateFields);
  const problems = [...checked.problems];
  if (emptyToUndefined(rawFindTimes) !== undefined) {
    const findTimes = readFindTimes(rawFindTimes, problems);
    if (emptyToUndefined(rawSlotIds) !== undefined && !(Array.isArray(rawSlotIds) && rawSlotIds.length === 0)) {
      problems.push({ field: 'findTimes', message: 'Either offer slots (slotIds) or the panel’s free times (findTimes), not both.' });
    } else if (emptyToUndefined(scheduledTime) !== undefined || emptyToUndefined(slotId) !== undefined) {
      problems.push({ field: 'findTimes', message: BOTH_TIME_AND_OFFER_MESSAGE });
    }
    if (checked.request && checked.request.interviewers.length === 0) {
      problems.push({ field: 'interviewers', message: 'Name the interviewers whose free times the candidate chooses from.' });
    }
    const { slackWorkspace, meantForSlack } = checked;
    if (!checked.request || !findTimes || problems.length > 0)
      return { request: null, problems, slotIds: [], slackWorkspace, meantForSlack };
    const { scheduledTime: _time, slotId: _slot, ...candidate } = checked.request;
    return { request: { candidate, slotIds: [], findTimes }, problems, slotIds: [], slackWorkspace, meantForSlack };
  }
  const offered = offeredSlotIdsSchema.safeParse(rawSlotIds);
  if (!offered.success) {
    problems.push({ field: 'slotIds', message: offered.error.issues[0]?.message ?? 'Send slotIds as a list of slot ids.' });
  } else if (emptyToUndefined(scheduledTime) !== undefined || emptyToUndefined(slotId) !== undefined) {
    problems.push({ field: 'slotIds', message: BOTH_TIME_AND_OFFER_MESSAGE });
  }
  const slotIds = offered.success ? [...new Set(offered.data)] : [];
  const { slackWorkspace, meantForSlack } = checked;
  if (!checked.request || problems.length > 0) {
    return { request: null, problems, slotIds, slackWorkspace, meantForSlack };
  }
  const { scheduledTime: _time, slotId: _slot, ...candidate } = checked.request;
  return { request: { candidate, slotIds }, problems, slotIds, slackWorkspace, meantForSlack };
}

/**
 * Why these slots cannot all be offered, as one problem on `slotIds`, or null: each must exist,
 * be free and be bookable now (R1's limits, docs/rules.md), by the same rules as booking one slot.
 */
export function checkSlotsCanBeOffered(slotIds: string[], slots: AvailabilitySlot[], now: Date): FieldProblem | null {
  const byId = new Map(slots.map((slot) => [slot.id, slot]));
  for (const [index, slotId] of slotIds.entries()) {
    const slot = byId.get(slotId) ?? null;
    const problem = checkSlotIsFree(slot) ?? checkScheduledTimeIsBookable(slot!.startsAt, now, 'slotIds', 'slot');
    if (problem) {
      const which = slotIds.length > 1 ? `Slot ${index + 1} of ${slotIds.length}: ` : '';
      return { field: 'slotIds', message: `${which}${problem.message}` };
    }
  }
  return null;
}

export const findTimesSchema = z.strictObject(
  {
    from: z.string({ message: 'findTimes.from must be an ISO 8601 date and time.' }).max(64).optional(),
    to: z.string({ message: 'findTimes.to must be an ISO 8601 date and time.' }).max(64).optional(),
    count: z
      .number({ message: 'findTimes.count must be a whole number from 1 to 20.' })
      .int({ message: 'findTimes.count must be a whole number from 1 to 20.' })
      .min(1, { message: 'findTimes.count must be a whole number from 1 to 20.' })
      .max(MAX_OFFERED_SLOTS, { message: 'findTimes.count must be a whole number from 1 to 20.' })
      .default(DEFAULT_FIND_TIMES_COUNT),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `findTimes takes only from, to and count; not ${issue.keys.join(', ')}.`
        : 'Send findTimes as an object: {"from", "to", "count"}, each optional.',
  },
);

/** `findTimes` read on its own (its times are checked against the clock when the request is made); a problem named `findTimes` otherwise. */
function readFindTimes(value: unknown, problems: FieldProblem[]): FindTimesInput | undefined {
  const parsed = findTimesSchema.safeParse(value);
  if (!parsed.success) {
    problems.push({ field: 'findTimes', message: parsed.error.issues[0]?.message ?? 'Send findTimes as an object.' });
    return undefined;
  }
  return parsed.data;
}
