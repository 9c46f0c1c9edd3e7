import { z } from 'zod';
import type { FieldProblem } from '../shared/errors';
import { checkScheduleInterviewRequest, type ScheduleInterviewRequestCheck } from '../interviews/interviewInput';
import type { StoredPoolPick } from '../interviews/poolPicks';
import type { PoolPick } from '../plans/poolPick';

/** What a plan's body holds besides the fields of one interview. */
const PLAN_FIELDS = ['interviewers', 'sessions', 'maxGapMinutes', 'allowConflicts'] as const;

export interface PlanRequestParts {
  /** The body as an object; null when it is not one. */
  body: Record<string, unknown> | null;
  /** The fields every interview has (candidate, role, time, channel…), checked as for one interview. */
  common: ScheduleInterviewRequestCheck;
  /** The body without the plan's own fields: what each of its interviews is made from. */
  commonInput: Record<string, unknown>;
  allowConflicts: boolean;
  problems: FieldProblem[];
}

const allowConflictsSchema = z.boolean({ message: 'allowConflicts must be true or false.' }).optional();

/** True when `body` names a pool in `interviewers` (`{"anyOf": [...]}`): the app is to pick who. */
export function namesAPool(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const interviewers = (body as Record<string, unknown>).interviewers;
  return Array.isArray(interviewers) && interviewers.some((item) => typeof item === 'object' && item !== null && !Array.isArray(item));
}

/** True when `body` asks for a loop (`sessions`) rather than one interview. */
export function asksForALoop(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && 'sessions' in body;
}

/** Splits a plan's body into the common interview fields, checked, and leaves the plan's own fields to its command. */
export function readPlanRequest(raw: unknown): PlanRequestParts {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const common = checkScheduleInterviewRequest(raw);
    return { body: null, common, commonInput: {}, allowConflicts: false, problems: common.problems };
  }
  const body = raw as Record<string, unknown>;
  const commonInput = Object.fromEntries(Object.entries(body).filter(([key]) => !(PLAN_FIELDS as readonly string[]).includes(key)));
  const common = checkScheduleInterviewRequest(commonInput);
  const problems = [...common.problems];
  const allowConflicts = allowConflictsSchema.safeParse(body.allowConflicts);
  if (!allowConflicts.success) problems.push({ field: 'allowConflicts', message: allowConflicts.error.issues[0].message });
  return { body, common, commonInput, allowConflicts: allowConflicts.success && allowConflicts.data === true, problems };
}

/** A pool's pick as stored with the interview: the pool, and whom it chose and why. */
export function storedPicks(picks: readonly PoolPick[]): StoredPoolPick[] | null {
  if (picks.length === 0) return null;
  return picks.map((pick) => ({
    anyOf: pick.pool.anyOf,
    count: pick.pool.count,
    chosen: pick.chosen.map((member) => ({
      interviewer: member.interviewer,
      reason: member.reason,
      interviewsNearby: member.interviewsNearby,
      lastInterviewAt: member.lastInterviewAt?.toISOString() ?? null,
    })),
  }));
}
