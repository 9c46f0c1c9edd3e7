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
import { checkPanelSpec, peopleOfPanel } from '../plans/interviewerPools';
import { checkLoopSpec } from '../plans/loopInput';
import { isSlackUserId } from '../shared/participants';
import { DEFAULT_DURATION_MINUTES } from '../shared/interviewDuration';
import { asksForALoop, namesAPool } from '../loops/planRequest';

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

/** A loop's sessions each give these for themselves. */
const PER_SESSION_FIELDS = ['interviewers', 'durationMinutes'] as const;

/**
 * A booking request whose interviewers name pools (`{"anyOf": [...]}`) or that books a loop
 * (`sessions`, `maxGapMinutes`): the candidate chooses from the plan's free times (`findTimes`,
 * `count` 8 when not given), each found by the free-time rules with every pool's fair pick. Slots
 * (`slotIds`) name their own interviewer, so they cannot be offered for a plan. Every bad field is
 * named at once, as for any booking request.
 */
export function checkPlannedBookingRequestInput(body: Record<string, unknown>): BookingRequestInputCheck {
  const { scheduledTime, slotId, slotIds, findTimes: rawFindTimes, sessions, maxGapMinutes, interviewers, ...candidateFields } = body;
  const problems: FieldProblem[] = [];
  const loop = sessions !== undefined;
  let plan: InterviewPlan | null = null;
  if (loop) {
    const checked = checkLoopSpec({ sessions, maxGapMinutes });
    problems.push(...checked.problems);
    for (const field of PER_SESSION_FIELDS) {
      if (body[field] !== undefined)
        problems.push({ field, message: `A loop's sessions each give their own ${field}; leave it out here.` });
    }
    if (checked.loop) plan = checked.loop;
  } else {
    if (maxGapMinutes !== undefined) {
      problems.push({ field: 'maxGapMinutes', message: 'maxGapMinutes is for a loop: send it with sessions.' });
    }
    const panel = checkPanelSpec(interviewers);
    problems.push(...panel.problems);
    // The length is read with the other fields below.
    if (panel.panel)
      plan = { sessions: [{ title: null, durationMinutes: DEFAULT_DURATION_MINUTES, interviewers: panel.panel }], maxGapMinutes: 0 };
  }
  if (emptyToUndefined(slotIds) !== undefined && !(Array.isArray(slotIds) && slotIds.length === 0)) {
    problems.push({
      field: 'slotIds',
      message: `A slot names its own interviewer, so ${loop ? 'a loop' : 'a pool'} is offered from the free times: use findTimes instead of slotIds.`,
    });
  }
  if (emptyToUndefined(scheduledTime) !== undefined || emptyToUndefined(slotId) !== undefined) {
    problems.push({
      field: 'findTimes',
      message: 'Either set the time yourself (POST /api/interviews) or let the candidate choose from the free times, not both.',
    });
  }
  const findTimes = findTimesSchema.safeParse(emptyToUndefined(rawFindTimes) ?? { count: DEFAULT_FIND_TIMES_COUNT });
  if (!findTimes.success) {
    problems.push({ field: 'findTimes', message: findTimes.error.issues[0]?.message ?? 'Send findTimes as an object.' });
  }
  const namedDirectly = plan ? [...new Set(plan.sessions.flatMap((session) => session.interviewers.people))] : [];
  const everyone = plan ? [...new Set(plan.sessions.flatMap((session) => peopleOfPanel(session.interviewers)))] : [];
  const checked = checkScheduleInterviewRequest({ ...candidateFields, interviewers: namedDirectly });
  problems.push(...checked.problems);
  const { slackWorkspace } = checked;
  const meantForSlack = checked.meantForSlack || everyone.some(isSlackUserId);
  if (!checked.request || !plan || !findTimes.success || problems.length > 0) {
    return { request: null, problems, slotIds: [], slackWorkspace, meantForSlack };
  }
  if (!loop) plan.sessions[0].durationMinutes = checked.request.durationMinutes ?? DEFAULT_DURATION_MINUTES;
  const { scheduledTime: _time, slotId: _slot, ...candidate } = checked.request;
  return { request: { candidate, slotIds: [], findTimes: findTimes.data, plan }, problems, slotIds: [], slackWorkspace, meantForSlack };
}
