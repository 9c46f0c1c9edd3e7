import type { CalendarState, FreeTimesAnswer, TimeRange } from '../domain/calendars/freeTimes';
import type { PlanFreeTimesAnswer } from '../domain/freeTimes/planFreeTimes';

export interface FreeTimeJson {
  startsAt: string;
  endsAt: string;
  /** With pools: everyone who would interview then, the named people first, then each pool's pick. */
  interviewers?: string[];
}

/** A time as the API shows it: ISO 8601 in UTC. */
export function presentFreeTimeJson(time: TimeRange): FreeTimeJson {
  return { startsAt: time.startsAt.toISOString(), endsAt: time.endsAt.toISOString() };
}

/** Each interviewer's calendar: `read`, `unavailable` with the reason, or `none` (no calendar provider). */
export function presentCalendarStatesJson(calendars: readonly CalendarState[]): CalendarState[] {
  return calendars.map(({ interviewer, status, reason }) =>
    reason === undefined ? { interviewer, status } : { interviewer, status, reason },
  );
}

/** `GET /api/free-times`'s answer. */
export function presentFreeTimesJson(answer: FreeTimesAnswer): { freeTimes: FreeTimeJson[]; calendars: CalendarState[] } {
  return { freeTimes: answer.freeTimes.map(presentFreeTimeJson), calendars: presentCalendarStatesJson(answer.calendars) };
}

/** `GET /api/free-times`'s answer when the interviewers name pools: each time with whom the pools would pick. */
export function presentPlanFreeTimesJson(answer: PlanFreeTimesAnswer): { freeTimes: FreeTimeJson[]; calendars: CalendarState[] } {
  return {
    freeTimes: answer.times.map((time) => ({ ...presentFreeTimeJson(time), interviewers: time.sessions[0].interviewers })),
    calendars: presentCalendarStatesJson(answer.calendars),
  };
}
