import type { TimeRange } from '../../../src/domain/calendars/freeTimes';
import type { FreeTimeRules } from '../../../src/config/calendarSettings';
import { parseWorkingHours, type WorkingHours } from '../../../src/config/workingHours';
import type { InterviewerPool } from '../../../src/domain/plans/interviewerPools';
import type { LoopSession } from '../../../src/domain/plans/loopInput';
import type { PlanPerson } from '../../../src/domain/plans/planPeople';

/** The free-time settings' defaults: MINIMUM_NOTICE_MINUTES, BUFFER_MINUTES, INTERVIEWER_DAILY_LIMIT, SLOT_STEP_MINUTES. */
export const RULES: FreeTimeRules = { minimumNoticeMinutes: 240, bufferMinutes: 10, dailyLimit: 4, slotStepMinutes: 30 };

/** Monday 2 June 2025, midnight UTC. */
export const MONDAY = '2025-06-02T00:00:00Z';
/** The Friday before: far enough back that the minimum notice never bites. */
export const FRIDAY_BEFORE = '2025-05-30T12:00:00Z';

export function hours(text: string): WorkingHours {
  const parsed = parseWorkingHours(text);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.workingHours;
}

export const range = (startsAt: string, endsAt: string): TimeRange => ({ startsAt: new Date(startsAt), endsAt: new Date(endsAt) });

/** Someone in UTC working Mon-Fri 09:00-17:00, with an empty calendar, unless told otherwise. */
export function person(interviewer: string, overrides: Partial<PlanPerson> & { busy?: TimeRange[] } = {}): PlanPerson {
  const { busy, ...rest } = overrides;
  return {
    interviewer,
    zone: 'UTC',
    workingHours: hours('Mon-Fri 09:00-17:00'),
    calendar: { status: 'read', busy: busy ?? [] },
    interviews: [],
    ...rest,
  };
}

export function session(title: string, durationMinutes: number, people: string[], pools: InterviewerPool[] = []): LoopSession {
  return { title, durationMinutes, interviewers: { people, pools } };
}

export const pool = (anyOf: string[], count = 1): InterviewerPool => ({ anyOf, count });

/** Half-hour interviews at these instants. */
export const interviewsAt = (...starts: string[]): TimeRange[] =>
  starts.map((start) => ({ startsAt: new Date(start), endsAt: new Date(Date.parse(start) + 30 * 60_000) }));

/** Every way to choose `size` of `items`, in order. */
export function* subsetsOf<T>(items: readonly T[], size: number): Generator<T[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let index = 0; index <= items.length - size; index += 1) {
    for (const rest of subsetsOf(items.slice(index + 1), size - 1)) yield [items[index], ...rest];
  }
}

/** Whether the pools could ever be filled, time aside (what checkLoopSpec asks of a loop), by trying every choice. */
export function poolsFillableAtSomeTime(sessions: readonly LoopSession[]): boolean {
  const named = new Set(sessions.flatMap((each) => each.interviewers.people));
  const pools = sessions.flatMap((each) => each.interviewers.pools);
  const choose = (index: number, used: Set<string>): boolean => {
    if (index === pools.length) return true;
    const candidates = pools[index].anyOf.filter((member) => !named.has(member) && !used.has(member));
    for (const chosen of subsetsOf(candidates, pools[index].count)) if (choose(index + 1, new Set([...used, ...chosen]))) return true;
    return false;
  };
  return choose(0, new Set());
}
