import type { CalendarState, FreeTimesAnswer, TimeRange } from '../domain/calendars/freeTimes';

export interface FreeTimeJson {
  startsAt: string;
  endsAt: string;
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
