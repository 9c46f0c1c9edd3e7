import { calendarConflicts, type BusyConflict, type CalendarConflicts } from '../calendars/calendarConflicts';
import type { CalendarReading, TimeRange } from '../calendars/freeTimes';
import { normalizeIntervals, startsThatFit, subtractIntervals, type Interval } from '../calendars/timeIntervals';
import type { PanelSpec } from './interviewerPools';
import { LayoutSearch } from './layoutSearch';
import { PlanPeople, type PlanPerson } from './planPeople';
import { SESSION_GAP_STEP_MINUTES } from './planSearch';
import { rankForPick } from './poolPick';
import { matchSeats } from './seatFilling';
import { freeEligibleMembers, sessionFitsFor, type SessionFit, type SessionNeeds } from './sessionFits';
import { describeSessions, pickPeople, type LoadAt, type PlannedSession } from './sessionPicks';

const MINUTE_MS = 60_000;

export interface LoopAtTimeQuery {
  /** The loop's sessions (checkLoopSpec), or one session for a single interview with pools. */
  sessions: readonly SessionNeeds[];
  /** Each session starts 0 to this many minutes after the one before ends. */
  maxGapMinutes: number;
  /** The time asked for: the first session's start. */
  firstStart: Date;
  /** Everyone named, pool members included, each once: their calendars, their interviews in this app, their history. */
  people: readonly PlanPerson[];
}

export interface LoopAtTimeAnswer {
  /** True when the sessions can follow one another from `firstStart` with nobody busy. */
  fits: boolean;
  /**
   * When it fits, the sessions with the smallest gaps that work and each pool's fair picks. When
   * not, the sessions back to back (what `allowConflicts` books), each pool taking its free
   * members first and then, fairly, busy ones.
   */
  sessions: PlannedSession[];
  /** When it does not fit, for `409 interviewers_busy`: who is busy when, in the back-to-back layout. */
  busy: BusyConflict[];
  /** Calendars that could not be read, so nothing is known against the time (and why). */
  unknown: Array<{ interviewer: string; reason: string }>;
}

/**
 * A loop at a time chosen by hand (POST /api/interviews with `sessions` and an explicit first
 * start). As for a single interview at a chosen time (calendarConflicts), only the calendars'
 * busy periods count for the people named directly, without buffer, working hours, notice or daily
 * limit: a person chose this time. A pool is the app's choice, so it also never picks a member who
 * has another interview in this app then, and picks a member whose calendar could not be read
 * only when too few of those it could read are free (the answer's `unknown` names them). The sessions follow one another with the smallest gaps
 * (0 to `maxGapMinutes`, in 5-minute steps) at which everyone is free; when there are none, the
 * answer says who is busy, a pool with too few free members naming each busy member.
 */
export function planLoopAt(query: LoopAtTimeQuery): LoopAtTimeAnswer {
  const people = new PlanPeople(query.people);
  const loadAt: LoadAt = (interviewer, instant) => people.loadAt(interviewer, instant);
  const namedDirectly = new Set(query.sessions.flatMap((session) => session.interviewers.people));
  const firstStart = query.firstStart.getTime();
  const maxGapMs = query.maxGapMinutes * MINUTE_MS;
  const span: Interval = {
    start: firstStart,
    end: firstStart + query.sessions.reduce((sum, session) => sum + session.durationMinutes * MINUTE_MS + maxGapMs, 0),
  };
  const busyOf = (interviewer: string) => busyPeriodsOf(people.get(interviewer), !namedDirectly.has(interviewer));
  const planWith = (busyPeriods: (interviewer: string) => Interval[]) => {
    const fits = sessionFitsFor(query.sessions, (interviewer, durationMs) =>
      startsThatFit(subtractIntervals([span], busyPeriods(interviewer)), durationMs),
    );
    const layout = new LayoutSearch(fits, { maxGapMs, gapStepMs: SESSION_GAP_STEP_MINUTES * MINUTE_MS }).earliestLayout(
      firstStart,
      span.end,
    );
    return { fits, sessions: layout && pickPeople(fits, layout, loadAt) };
  };
  const unknown = unreadableCalendars(query.people);
  // A pool picks members whose calendars it could read before any whose calendar it could not.
  const unreadablePoolMembers = new Set(
    unknown.map(({ interviewer }) => interviewer).filter((interviewer) => !namedDirectly.has(interviewer)),
  );
  if (unreadablePoolMembers.size > 0) {
    const known = planWith((interviewer) => (unreadablePoolMembers.has(interviewer) ? [span] : busyOf(interviewer)));
    if (known.sessions) return { fits: true, sessions: known.sessions, busy: [], unknown };
  }
  const { fits, sessions } = planWith(busyOf);
  if (sessions) return { fits: true, sessions, busy: [], unknown };
  const backToBack = backToBackStarts(fits, firstStart);
  return {
    fits: false,
    sessions: describeSessions(fits, backToBack, fillPoolsFreeFirst(fits, backToBack, loadAt), loadAt),
    busy: busyAt(fits, backToBack, people, busyOf),
    unknown,
  };
}

/** A single interview with pools at a time chosen by hand: planLoopAt with one session. */
export function planPanelAt(query: {
  interviewers: PanelSpec;
  durationMinutes: number;
  startsAt: Date;
  people: readonly PlanPerson[];
}): LoopAtTimeAnswer {
  return planLoopAt({
    sessions: [{ durationMinutes: query.durationMinutes, interviewers: query.interviewers }],
    maxGapMinutes: 0,
    firstStart: query.startsAt,
    people: query.people,
  });
}

/** One session of a booked loop moved to a new time (PATCH /api/loops/:id), with its people fixed. */
export interface MovedSession {
  interviewers: readonly string[];
  /** Where it is to go. */
  time: TimeRange;
  /** Where it is now: its own event sits there on its people's calendars. */
  currentTime?: TimeRange;
}

/** Where moved sessions clash with their people's calendars: calendarConflicts, session by session. */
export function movedSessionsConflicts(
  sessions: readonly MovedSession[],
  calendars: ReadonlyMap<string, CalendarReading>,
): CalendarConflicts {
  const conflicts: CalendarConflicts = { busy: [], unknown: [] };
  for (const session of sessions) {
    const readings = session.interviewers.map((interviewer) => ({
      interviewer,
      calendar: calendars.get(interviewer) ?? { status: 'none' as const },
    }));
    const found = calendarConflicts(readings, session.time, session.currentTime);
    conflicts.busy.push(...found.busy);
    for (const each of found.unknown)
      if (!conflicts.unknown.some((known) => known.interviewer === each.interviewer)) conflicts.unknown.push(each);
  }
  return conflicts;
}

/** The calendar's busy periods, and for someone only ever picked from a pool, their interviews in this app too. */
function busyPeriodsOf(person: PlanPerson, onlyInPools: boolean): Interval[] {
  const calendarBusy = person.calendar.status === 'read' ? person.calendar.busy : [];
  const periods = onlyInPools ? [...calendarBusy, ...person.interviews] : calendarBusy;
  return normalizeIntervals(periods.map((period) => ({ start: period.startsAt.getTime(), end: period.endsAt.getTime() })));
}

function unreadableCalendars(people: readonly PlanPerson[]): Array<{ interviewer: string; reason: string }> {
  return people.flatMap(({ interviewer, calendar }) =>
    calendar.status === 'unavailable' ? [{ interviewer, reason: calendar.reason }] : [],
  );
}

function backToBackStarts(fits: readonly SessionFit[], firstStart: number): number[] {
  const starts: number[] = [];
  let start = firstStart;
  for (const fit of fits) {
    starts.push(start);
    start += fit.durationMs;
  }
  return starts;
}

/** Each pool's members for a layout where some are busy: free ones first, then busy ones, each group in the pick order. */
function fillPoolsFreeFirst(fits: readonly SessionFit[], starts: readonly number[], loadAt: LoadAt): string[][][] {
  const used = new Set(fits.flatMap((fit) => fit.people));
  return fits.map((fit, index) =>
    fit.pools.map((poolFit) => {
      const free = new Set(freeEligibleMembers(poolFit, starts[index]));
      const eligible = poolFit.members.filter((member) => member.eligible && !used.has(member.interviewer));
      const ranked = rankForPick(
        eligible.map((member) => loadAt(member.interviewer, starts[index])),
        poolFit.pool,
      ).sort((first, second) => Number(!free.has(first.interviewer)) - Number(!free.has(second.interviewer)));
      const chosen = ranked.slice(0, poolFit.pool.count).map((member) => member.interviewer);
      for (const member of chosen) used.add(member);
      return chosen;
    }),
  );
}

/**
 * Who is busy in the back-to-back layout: each person named directly, by their calendar; and for
 * every pool that cannot have its free members, each of its members' busy periods then.
 */
function busyAt(
  fits: readonly SessionFit[],
  starts: readonly number[],
  people: PlanPeople,
  busyOf: (interviewer: string) => Interval[],
): BusyConflict[] {
  const busy: BusyConflict[] = [];
  const clash = (interviewer: string, session: Interval) => {
    for (const period of busyOf(interviewer)) {
      const start = Math.max(period.start, session.start);
      const end = Math.min(period.end, session.end);
      if (start < end) busy.push({ interviewer, startsAt: new Date(start), endsAt: new Date(end) });
    }
  };
  const sessionAt = (index: number): Interval => ({ start: starts[index], end: starts[index] + fits[index].durationMs });
  fits.forEach((fit, index) => {
    for (const person of fit.people) {
      const found = calendarConflicts([{ interviewer: person, calendar: people.get(person).calendar }], {
        startsAt: new Date(sessionAt(index).start),
        endsAt: new Date(sessionAt(index).end),
      });
      busy.push(...found.busy);
    }
  });
  for (const { session, pool } of poolsShortOfFreeMembers(fits, starts)) {
    for (const member of fits[session].pools[pool].members) if (member.eligible) clash(member.interviewer, sessionAt(session));
  }
  if (busy.length === 0) {
    // Only the pools' sharing out went wrong: name everyone busy in any pool.
    fits.forEach((fit, index) => {
      for (const poolFit of fit.pools)
        for (const member of poolFit.members) if (member.eligible) clash(member.interviewer, sessionAt(index));
    });
  }
  return busy;
}

/** The pools that cannot all have their free members at once (each once), found by matching every pool's seats together. */
function poolsShortOfFreeMembers(fits: readonly SessionFit[], starts: readonly number[]): Array<{ session: number; pool: number }> {
  const seats: Array<{ session: number; pool: number; candidates: string[] }> = [];
  fits.forEach((fit, session) => {
    fit.pools.forEach((poolFit, pool) => {
      const candidates = freeEligibleMembers(poolFit, starts[session]);
      for (let seat = 0; seat < poolFit.pool.count; seat += 1) seats.push({ session, pool, candidates });
    });
  });
  const holders = matchSeats(seats.map((seat) => seat.candidates));
  const short = new Map<string, { session: number; pool: number }>();
  holders.forEach((holder, index) => {
    if (holder === null)
      short.set(`${seats[index].session}:${seats[index].pool}`, { session: seats[index].session, pool: seats[index].pool });
  });
  return [...short.values()];
}
