/**
 * The app's own time to find a loop's free times: `findLoopTimes` (a pure function) for 4
 * sessions, each drawing on a pool of 5, over 14 days of full calendars. No HTTP, no database:
 * what a booking request with `sessions` adds to the request's time on top of reading calendars.
 */
import { performance } from 'node:perf_hooks';
import type { TimeRange } from '../src/domain/calendars/freeTimes';
import { parseWorkingHours } from '../src/config/workingHours';
import { findLoopTimes, type LoopTimesQuery } from '../src/domain/plans/loopTimes';
import type { PlanPerson } from '../src/domain/plans/planPeople';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MINUTE = 60_000;

/** A small seeded generator (mulberry32), so every run searches the same calendars. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Monday, so every run searches the same working days. */
const FIXED_MONDAY = new Date(Date.UTC(2030, 0, 7));

/** The Monday (00:00 UTC) `weeks` weeks after the coming one: a search window a running app accepts (R1: within a year). */
export function mondayWeeksAhead(weeks: number, now = new Date()): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysToMonday = (8 - new Date(midnight).getUTCDay()) % 7 || 7;
  return new Date(midnight + (daysToMonday + 7 * weeks) * DAY);
}

/**
 * Four sessions: the first and last with a pool each, the middle two drawing on one shared pool
 * (the hardest case: they share people), over 14 days from `from` (a Monday).
 */
export function loopTimesQuery(seed = 7, from = FIXED_MONDAY): LoopTimesQuery {
  const random = seeded(seed);
  const pools = [0, 1, 2].map((pool) => Array.from({ length: 5 }, (_, member) => `pool${pool}-member${member}@bench.example`));
  const to = new Date(from.getTime() + 14 * DAY);
  const workingHours = parseWorkingHours('Mon-Fri 09:00-17:00');
  if (!('workingHours' in workingHours)) throw new Error(workingHours.problem);
  const everyone = ['lead@bench.example', ...pools.flat()];
  const people: PlanPerson[] = everyone.map((interviewer) => {
    const busy: TimeRange[] = [];
    const interviews: TimeRange[] = [];
    for (let day = -4; day < 18; day += 1) {
      const midnight = from.getTime() + day * DAY;
      for (let meeting = 0; meeting < 3; meeting += 1) {
        const start = midnight + 9 * HOUR + Math.floor(random() * 16) * 30 * MINUTE;
        busy.push({ startsAt: new Date(start), endsAt: new Date(start + (30 + Math.floor(random() * 3) * 30) * MINUTE) });
      }
      if (random() < 0.6) {
        const start = midnight + 9 * HOUR + Math.floor(random() * 14) * 30 * MINUTE;
        interviews.push({ startsAt: new Date(start), endsAt: new Date(start + 45 * MINUTE) });
      }
    }
    return { interviewer, zone: 'UTC', workingHours: workingHours.workingHours, calendar: { status: 'read', busy }, interviews };
  });
  return {
    sessions: [
      { title: 'Coding', durationMinutes: 60, interviewers: { people: ['lead@bench.example'], pools: [{ anyOf: pools[0], count: 1 }] } },
      { title: 'System design', durationMinutes: 45, interviewers: { people: [], pools: [{ anyOf: pools[1], count: 1 }] } },
      { title: 'Architecture', durationMinutes: 45, interviewers: { people: [], pools: [{ anyOf: pools[1], count: 1 }] } },
      { title: 'Values', durationMinutes: 30, interviewers: { people: [], pools: [{ anyOf: pools[2], count: 1 }] } },
    ],
    maxGapMinutes: 15,
    people,
    from,
    to,
    now: new Date(from.getTime() - DAY),
    gridZone: 'UTC',
    rules: { minimumNoticeMinutes: 240, bufferMinutes: 10, dailyLimit: 4, slotStepMinutes: 30 },
    limit: 20,
  };
}

/** Runs the search `runs` times (after a few unmeasured ones) and returns the median and 95th percentile in ms, and how many times it found. */
export function measureLoopTimes(runs: number): { p50Ms: number; p95Ms: number; found: number } {
  const query = loopTimesQuery();
  let found = 0;
  for (let warmUp = 0; warmUp < 5; warmUp += 1) found = findLoopTimes(query).loopTimes.length;
  const durations: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    findLoopTimes(query);
    durations.push(performance.now() - started);
  }
  durations.sort((first, second) => first - second);
  const at = (share: number) => durations[Math.min(durations.length - 1, Math.floor(share * durations.length))];
  return { p50Ms: at(0.5), p95Ms: at(0.95), found };
}
