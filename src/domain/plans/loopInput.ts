import { z } from 'zod';
import type { FieldProblem } from '../shared/errors';
import { emptyToUndefined, parseEachField } from '../shared/fieldParsing';
import { durationMinutesSchema } from '../shared/interviewDuration';
import { singleLineText } from '../shared/textRules';
import { checkPanelSpec, MAX_PEOPLE_IN_PLAN, peopleOfPanel, type PanelSpec } from './interviewerPools';
import { matchSeats } from './seatFilling';

export const MIN_LOOP_SESSIONS = 2;
export const MAX_LOOP_SESSIONS = 8;
export const MAX_SESSION_TITLE_LENGTH = 100;
export const MAX_GAP_MINUTES = 120;
export const DEFAULT_MAX_GAP_MINUTES = 15;
const MINUTES_PER_DAY = 24 * 60;

/** One session of a loop, checked. */
export interface LoopSession {
  /** What the candidate sees in the agenda ("Coding", "System design"). */
  title: string;
  durationMinutes: number;
  /** Its people and pools; never empty. */
  interviewers: PanelSpec;
}

/** A loop, checked: what the search and the explicit-time check take. */
export interface LoopSpec {
  /** 2 to 8, in the order they happen. No one is named directly in two of them. */
  sessions: LoopSession[];
  /** Each session starts 0 to this many minutes after the one before ends. */
  maxGapMinutes: number;
}

const WHOLE_NUMBER_TEXT = /^\s*\d{1,9}\s*$/;

/** `maxGapMinutes`: whole minutes from 0 to 120, numbers written as text read as modals send them. */
export const maxGapMinutesSchema = z.preprocess(
  (value) => (typeof value === 'string' && WHOLE_NUMBER_TEXT.test(value) ? Number(value) : value),
  z
    .number({ message: 'The longest gap between sessions must be a number of minutes.' })
    .int({ message: 'The longest gap between sessions must be a whole number of minutes.' })
    .min(0, { message: 'The longest gap between sessions cannot be negative.' })
    .max(MAX_GAP_MINUTES, { message: `The longest gap between sessions is at most ${MAX_GAP_MINUTES} minutes.` }),
);

export const sessionFields = {
  title: singleLineText('Session title', MAX_SESSION_TITLE_LENGTH),
  durationMinutes: durationMinutesSchema,
};
const SESSION_KEYS = new Set([...Object.keys(sessionFields), 'interviewers']);
const SESSION_SHAPE = '{"title", "durationMinutes", "interviewers"}';

/**
 * Checks `sessions` and `maxGapMinutes` (a loop instead of one interview), naming every bad field:
 * `sessions` (not a list, too few or many, longer than a day, too many people), `sessions.2` (not
 * a session), `sessions.2.title`, `sessions.2.durationMinutes`, `sessions.2.interviewers` (missing,
 * or someone already named in an earlier session), `sessions.2.interviewers.1.anyOf` and the other
 * pool fields (see checkPanelSpec), `sessions.2.<unknown key>`, `maxGapMinutes`.
 *
 * Pools may share people across sessions ("any one of these five" for two rounds); the search then
 * gives each session its own. A pool that could never be filled (its people named directly in
 * other sessions or needed by the pools before it) is refused here, on the pool.
 */
export function checkLoopSpec(raw: { sessions?: unknown; maxGapMinutes?: unknown }): { loop: LoopSpec | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const maxGap = maxGapMinutesSchema.optional().safeParse(emptyToUndefined(raw.maxGapMinutes));
  if (!maxGap.success) problems.push({ field: 'maxGapMinutes', message: maxGap.error.issues[0].message });
  const sessions = checkSessions(raw.sessions, problems);
  if (sessions && problems.length === 0) checkSessionsTogether(sessions, problems);
  if (!sessions || problems.length > 0 || !maxGap.success) return { loop: null, problems };
  return {
    loop: {
      sessions: sessions.map(({ title, durationMinutes, interviewers }) => ({ title, durationMinutes, interviewers })),
      maxGapMinutes: maxGap.data ?? DEFAULT_MAX_GAP_MINUTES,
    },
    problems,
  };
}

function checkSessions(raw: unknown, problems: FieldProblem[]): CheckedSession[] | null {
  const countMessage = `Send ${MIN_LOOP_SESSIONS} to ${MAX_LOOP_SESSIONS} sessions, each like ${SESSION_SHAPE}.`;
  if (!Array.isArray(raw) || raw.length < MIN_LOOP_SESSIONS || raw.length > MAX_LOOP_SESSIONS) {
    problems.push({ field: 'sessions', message: countMessage });
    return null;
  }
  const sessions = raw.map((item: unknown, index) => checkSession(item, `sessions.${index}`, problems));
  return sessions.every((session) => session !== null) ? sessions : null;
}

type CheckedSession = LoopSession & { poolFields: string[] };

function checkSession(raw: unknown, field: string, problems: FieldProblem[]): CheckedSession | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push({ field, message: `A session is an object like ${SESSION_SHAPE}.` });
    return null;
  }
  const item = raw as Record<string, unknown>;
  const before = problems.length;
  for (const key of Object.keys(item).filter((each) => !SESSION_KEYS.has(each))) {
    problems.push({ field: `${field}.${key}`, message: `A session takes only title, durationMinutes and interviewers.` });
  }
  const { values, problems: fieldProblems } = parseEachField(sessionFields, item, `${field}.`);
  problems.push(...fieldProblems);
  const interviewers = checkPanelSpec(item.interviewers, `${field}.interviewers`);
  problems.push(...interviewers.problems);
  if (interviewers.panel && peopleOfPanel(interviewers.panel).length === 0) {
    problems.push({
      field: `${field}.interviewers`,
      message: 'Each session needs its interviewers: people, or a pool like {"anyOf": [...]}.',
    });
  }
  if (problems.length > before || !interviewers.panel) return null;
  return {
    title: values.title!,
    durationMinutes: values.durationMinutes!,
    interviewers: interviewers.panel,
    poolFields: interviewers.poolFields,
  };
}

function checkSessionsTogether(sessions: readonly CheckedSession[], problems: FieldProblem[]): void {
  const totalMinutes = sessions.reduce((sum, session) => sum + session.durationMinutes, 0);
  if (totalMinutes > MINUTES_PER_DAY) {
    problems.push({ field: 'sessions', message: `The sessions last ${formatHours(totalMinutes)} together; a loop happens on one day.` });
  }
  const everyone = new Set(sessions.flatMap((session) => peopleOfPanel(session.interviewers)));
  if (everyone.size > MAX_PEOPLE_IN_PLAN) {
    problems.push({
      field: 'sessions',
      message: `A loop names at most ${MAX_PEOPLE_IN_PLAN} different people, pool members included (${everyone.size} named).`,
    });
  }
  const sessionOf = new Map<string, number>();
  sessions.forEach((session, index) => {
    const again = session.interviewers.people.filter((person) => sessionOf.has(person));
    if (again.length > 0) {
      const earlier = sessionOf.get(again[0])! + 1;
      problems.push({
        field: `sessions.${index}.interviewers`,
        message: `${again.join(', ')} ${again.length === 1 ? 'is' : 'are'} already in session ${earlier}: each person takes part in one session of a loop.`,
      });
    }
    for (const person of session.interviewers.people) if (!sessionOf.has(person)) sessionOf.set(person, index);
  });
  if (problems.length === 0) checkPoolsCanBeFilled(sessions, new Set(sessionOf.keys()), problems);
}

/** Each pool, in order, needs `count` people not named directly anywhere in the loop and not needed by the pools before it. */
function checkPoolsCanBeFilled(sessions: readonly CheckedSession[], namedDirectly: ReadonlySet<string>, problems: FieldProblem[]): void {
  const seats: string[][] = [];
  for (const session of sessions) {
    session.interviewers.pools.forEach((pool, poolIndex) => {
      const candidates = pool.anyOf.filter((member) => !namedDirectly.has(member));
      const before = seats.length;
      for (let seat = 0; seat < pool.count; seat += 1) seats.push(candidates);
      const filled = matchSeats(seats).filter((holder) => holder !== null).length;
      if (filled === seats.length) return;
      seats.length = before;
      problems.push({
        field: session.poolFields[poolIndex],
        message: `This pool needs ${pool.count} ${pool.count === 1 ? 'person' : 'people'}, but its members are named in other sessions or needed by the pools before it.`,
      });
    });
  }
}

function formatHours(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} hours` : `${hours} h ${rest} min`;
}
