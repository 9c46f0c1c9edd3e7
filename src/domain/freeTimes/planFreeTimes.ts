import type { CalendarState } from '../calendars/freeTimes';
import type { PanelSpec } from '../plans/interviewerPools';
import { peopleOfPanel } from '../plans/interviewerPools';
import { findLoopTimes, type LoopTime } from '../plans/loopTimes';
import { findPanelTimes } from '../plans/panelTimes';
import { planInterviewSpan, type PlanPerson } from '../plans/planPeople';
import type { DomainContext } from '../shared/domainContext';
import type { WorkspaceColumns } from '../shared/slackWorkspaces';
import { readPanelMembers, searchWindowOf } from './panelFreeTimes';

/** One session of a plan as a search takes it: a loop's session, or the one interview of a panel with pools. */
export interface PlanSessionNeeds {
  /** A loop session's title; null for a single interview. */
  title: string | null;
  durationMinutes: number;
  interviewers: PanelSpec;
}

/** What a plan asks a search for: one session (a panel that may hold pools) or a loop's 2–8 sessions. */
export interface InterviewPlan {
  sessions: PlanSessionNeeds[];
  /** Each session starts 0 to this many minutes after the one before ends (0 for a single interview). */
  maxGapMinutes: number;
}

export interface PlanFreeTimesQuery {
  plan: InterviewPlan;
  from: Date;
  to: Date;
  /** The request's zone: the grid follows its clock, and interviewers without a zone of their own work on it. */
  timezone?: string;
  limit: number;
  /** Whose Slack profiles name the interviewers given by Slack id. */
  workspace: WorkspaceColumns;
}

export interface PlanFreeTimesAnswer {
  /** Earliest first: each first start with every session's time and people (each pool's picks). */
  times: LoopTime[];
  /** Every person's calendar state, pool members included. */
  calendars: CalendarState[];
}

/** Everyone the plan names, pool members included, each once, in the order named. */
export function peopleOfPlan(plan: InterviewPlan): string[] {
  return [...new Set(plan.sessions.flatMap((session) => peopleOfPanel(session.interviewers)))];
}

/**
 * The free times of a plan (PRODUCT.md "Interview plans"): everyone's calendar read once through
 * the provider (one call per batch), their interviews in this app loaded once over the span the
 * fair pick weighs, then the pure search (findPanelTimes for one session, findLoopTimes for a loop).
 */
export async function findPlanFreeTimes(context: DomainContext, query: PlanFreeTimesQuery): Promise<PlanFreeTimesAnswer> {
  const people: PlanPerson[] = await readPanelMembers(context, peopleOfPlan(query.plan), query, planInterviewSpan(query.from, query.to));
  const window = searchWindowOf(context, query);
  const [first] = query.plan.sessions;
  if (query.plan.sessions.length === 1) {
    const answer = findPanelTimes({ ...window, interviewers: first.interviewers, durationMinutes: first.durationMinutes, people });
    return {
      times: answer.freeTimes.map((time) => ({
        startsAt: time.startsAt,
        endsAt: time.endsAt,
        sessions: [{ ...time, title: first.title ?? '' }],
      })),
      calendars: answer.calendars,
    };
  }
  const answer = findLoopTimes({
    ...window,
    sessions: query.plan.sessions.map((session, index) => ({ ...session, title: session.title ?? `Session ${index + 1}` })),
    maxGapMinutes: query.plan.maxGapMinutes,
    people,
  });
  return { times: answer.loopTimes, calendars: answer.calendars };
}
