import type { FieldProblem } from './errors';

export const SCHEDULING_STEP_MINUTES = 5;
export const MAX_DAYS_AHEAD = 365;
const MINUTE_MS = 60_000;

export interface ScheduledTimeSources {
  /** A time the person asked for explicitly. Wins over everything else. */
  explicitTime?: Date;
  /** The start of the availability slot the person chose. */
  slotStart?: Date;
  now: Date;
  /** How far ahead an interview with no time goes (DEFAULT_LEAD_MINUTES). */
  defaultLeadMinutes: number;
}

export type ScheduledTimeSource = 'explicit' | 'slot' | 'default';

/**
 * R1 (docs/rules.md): an explicit time; else the start of the chosen slot; else now + the default lead time,
 * rounded up to the next 5 minutes. Never returns nothing, so no interview can lack a time.
 */
export function resolveScheduledTime(sources: ScheduledTimeSources): { time: Date; source: ScheduledTimeSource } {
  if (sources.explicitTime) {
    return { time: sources.explicitTime, source: 'explicit' };
  }
  if (sources.slotStart) {
    return { time: sources.slotStart, source: 'slot' };
  }
  const earliest = sources.now.getTime() + sources.defaultLeadMinutes * MINUTE_MS;
  return { time: roundUpToStep(new Date(earliest), SCHEDULING_STEP_MINUTES), source: 'default' };
}

/** Rounds up to the next multiple of `stepMinutes` past the hour, dropping seconds. */
export function roundUpToStep(time: Date, stepMinutes: number): Date {
  const stepMs = stepMinutes * MINUTE_MS;
  return new Date(Math.ceil(time.getTime() / stepMs) * stepMs);
}

/** What is being checked, for the sentence that names it: a time someone typed, or a slot they picked. */
export type BookableThing = 'time' | 'slot';

const REFUSALS: Record<BookableThing, { invalid: string; past: string; tooFar: string }> = {
  time: {
    invalid: 'This time is not a valid date and time.',
    past: 'This time is in the past. Pick a time from now on.',
    tooFar: `This time is more than ${MAX_DAYS_AHEAD} days ahead. Pick a time within the next year.`,
  },
  slot: {
    invalid: 'This slot has no valid start time.',
    past: 'This slot is in the past. Pick a slot that has not started yet.',
    tooFar: `This slot is more than ${MAX_DAYS_AHEAD} days ahead. Pick a slot within the next year.`,
  },
};

/** R1's limits: a time in the past, or more than a year ahead, is refused with a sentence saying so. */
export function checkScheduledTimeIsBookable(
  time: Date,
  now: Date,
  field = 'scheduledTime',
  thing: BookableThing = 'time',
): FieldProblem | null {
  const refusals = REFUSALS[thing];
  if (Number.isNaN(time.getTime())) {
    return { field, message: refusals.invalid };
  }
  if (time.getTime() < now.getTime()) {
    return { field, message: refusals.past };
  }
  const latest = now.getTime() + MAX_DAYS_AHEAD * 24 * 60 * MINUTE_MS;
  if (time.getTime() > latest) {
    return { field, message: refusals.tooFar };
  }
  return null;
}

/** Both a time and a slot were given: they must name the same start. */
export function checkTimeMatchesSlot(explicitTime: Date, slotStart: Date): FieldProblem | null {
  if (explicitTime.getTime() === slotStart.getTime()) {
    return null;
  }
  return {
    field: 'scheduledTime',
    message: 'This time does not match the chosen availability slot. Clear the time or pick a different slot.',
  };
}
