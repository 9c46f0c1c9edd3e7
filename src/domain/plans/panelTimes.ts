import { calendarStates, type FreeTimesQuery, type CalendarState } from '../calendars/freeTimes';
import type { PanelSpec } from './interviewerPools';
import type { PlanPerson } from './planPeople';
import { searchPlanTimes } from './planSearch';
import type { PlannedSession } from './sessionPicks';

export interface PanelTimesQuery extends Omit<FreeTimesQuery, 'panel'> {
  /** The people and pools of the interview (checkPanelSpec). */
  interviewers: PanelSpec;
  /** Everyone named, pool members included, each once; with their interviews over planInterviewSpan(from, to). */
  people: readonly PlanPerson[];
}

/** A free time of the panel: when, and who (the named people and each pool's picks). */
export type PanelTime = PlannedSession;

export interface PanelTimesAnswer {
  /** Earliest first, each on the grid. */
  freeTimes: PanelTime[];
  /** Every person's calendar state, pool members included. */
  calendars: CalendarState[];
}

/**
 * The free times of a panel that may hold pools: a start on the grid is free when every named
 * person is free (the free-time rules of findFreeTimes) and each pool has at least `count`
 * members free; each pool then picks fairly (see pickFromPool). With no pools, the same times as
 * findFreeTimes. Earliest first, at most `limit`.
 */
export function findPanelTimes(query: PanelTimesQuery): PanelTimesAnswer {
  const found = searchPlanTimes({
    ...query,
    sessions: [{ durationMinutes: query.durationMinutes, interviewers: query.interviewers }],
    maxGapMinutes: 0,
    oneDay: false,
  });
  return { freeTimes: found.map(([time]) => time), calendars: calendarStates(query.people) };
}
