import { z } from 'zod';
import type { FieldProblem } from '../shared/errors';
import { interviewerIdentitySchema, isSlackUserId } from '../shared/participants';

/** At most this many entries (people and pools) in one `interviewers` list, as for a plain list of people. */
export const MAX_PANEL_ENTRIES = 20;
/** At most this many people in one pool. */
export const MAX_POOL_MEMBERS = 20;
/**
 * At most this many different people in a panel or a whole loop, pool members included: every one
 * of their calendars is read for each search (Google's free/busy reads 50 calendars per call).
 */
export const MAX_PEOPLE_IN_PLAN = 50;

/** "Any `count` of these people": the app picks who, fairly, among those free at the time. */
export interface InterviewerPool {
  /** Slack user ids and lowercase addresses, distinct, in the order given (the last tie-break). */
  anyOf: string[];
  /** How many of them the interview needs: 1 to `anyOf.length`. */
  count: number;
}

/** One entry of `interviewers`: a person, or a pool. */
export type InterviewerEntry = string | InterviewerPool;

/** Who interviews in one panel (an interview, or one session of a loop): named people, and pools to pick from. */
export interface PanelSpec {
  /** Everyone named directly, each once: Slack user ids and lowercase addresses. */
  people: string[];
  /** Pools, in the order given. No person is in two of them or among `people`. */
  pools: InterviewerPool[];
}

const PERSON_MESSAGE =
  'Each interviewer must be a Slack user id (like U0123ABCD), an email address, or a pool like {"anyOf": [...], "count": 1}.';
const MEMBER_MESSAGE = 'A pool’s anyOf holds Slack user ids (like U0123ABCD) or email addresses.';

/** Slack ids as written, addresses without case: two spellings of one address are one person. */
export function canonicalPerson(identity: string): string {
  return isSlackUserId(identity) ? identity : identity.toLowerCase();
}

const personSchema = interviewerIdentitySchema(PERSON_MESSAGE).transform(canonicalPerson);

/** `{"anyOf": [people], "count"?: 1}`, checked: distinct members, and a count they can meet. */
export const interviewerPoolSchema = z
  .strictObject(
    {
      anyOf: z
        .array(interviewerIdentitySchema(MEMBER_MESSAGE).transform(canonicalPerson), {
          error: (issue) =>
            issue.input === undefined ? 'A pool needs anyOf: the people to pick from.' : 'anyOf must be a list of people.',
        })
        .min(1, { message: 'A pool needs at least one person in anyOf.' })
        .max(MAX_POOL_MEMBERS, { message: `A pool holds at most ${MAX_POOL_MEMBERS} people.` }),
      count: z
        .number({ message: 'count must be a whole number of people.' })
        .int({ message: 'count must be a whole number of people.' })
        .min(1, { message: 'count must be at least 1.' })
        .optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? 'A pool takes only anyOf and count.' : PERSON_MESSAGE) },
  )
  .superRefine((pool, context) => {
    const twice = pool.anyOf.find((member, index) => pool.anyOf.indexOf(member) !== index);
    if (twice !== undefined) {
      context.addIssue({ code: 'custom', path: ['anyOf'], message: `${twice} is in this pool twice: name each person once.` });
    }
    if (pool.count !== undefined && pool.count > pool.anyOf.length) {
      context.addIssue({
        code: 'custom',
        path: ['count'],
        message: `count is ${pool.count}, but the pool has only ${pool.anyOf.length} ${pool.anyOf.length === 1 ? 'person' : 'people'}.`,
      });
    }
  })
  .transform((pool): InterviewerPool => ({ anyOf: pool.anyOf, count: pool.count ?? 1 }));

/** Everyone a panel names, the named people first, then each pool's members. */
export function peopleOfPanel(panel: PanelSpec): string[] {
  return [...panel.people, ...panel.pools.flatMap((pool) => pool.anyOf)];
}

export interface PanelSpecCheck {
  /** The panel when every entry is fine. */
  panel: PanelSpec | null;
  problems: FieldProblem[];
  /** Where each pool of `panel.pools` was given (`interviewers.3`), for later problems about it. */
  poolFields: string[];
}

/**
 * Checks an `interviewers` list that may hold pools, naming each bad field under `field`: a bad
 * person as `interviewers.2`, a pool's members as `interviewers.1.anyOf`, its count as
 * `interviewers.1.count`, a key a pool does not take as `interviewers.1.<key>`. A person named
 * twice directly counts once (as before pools existed); a person both named directly and in a
 * pool, or in two pools, is refused on the later entry, since it is unclear what was meant.
 * Nothing given is an empty panel.
 */
export function checkPanelSpec(raw: unknown, field = 'interviewers'): PanelSpecCheck {
  if (raw === undefined || raw === null) return { panel: { people: [], pools: [] }, problems: [], poolFields: [] };
  if (!Array.isArray(raw)) return { panel: null, problems: [{ field, message: 'Interviewers must be a list.' }], poolFields: [] };
  if (raw.length > MAX_PANEL_ENTRIES) {
    return {
      panel: null,
      problems: [{ field, message: `At most ${MAX_PANEL_ENTRIES} interviewers (a pool counts as one).` }],
      poolFields: [],
    };
  }
  const problems: FieldProblem[] = [];
  const panel: PanelSpec = { people: [], pools: [] };
  const poolFields: string[] = [];
  const named = new Map<string, 'directly' | 'in a pool'>();
  raw.forEach((item: unknown, index) => {
    const entryField = `${field}.${index}`;
    const entry = checkEntry(item, entryField, problems);
    if (entry === null) return;
    if (typeof entry === 'string') {
      const before = named.get(entry);
      if (before === 'in a pool')
        problems.push({ field: entryField, message: `${entry} is already in a pool on this panel: name each person once.` });
      if (before === undefined) panel.people.push(entry);
      named.set(entry, before ?? 'directly');
      return;
    }
    const again = entry.anyOf.find((member) => named.has(member));
    if (again !== undefined) {
      const where = named.get(again) === 'directly' ? 'on this panel' : 'in another pool on this panel';
      problems.push({ field: `${entryField}.anyOf`, message: `${again} is already ${where}: name each person once.` });
    }
    for (const member of entry.anyOf) if (!named.has(member)) named.set(member, 'in a pool');
    panel.pools.push(entry);
    poolFields.push(entryField);
  });
  if (problems.length === 0 && named.size > MAX_PEOPLE_IN_PLAN) {
    problems.push({ field, message: `At most ${MAX_PEOPLE_IN_PLAN} different people, pool members included (${named.size} named).` });
  }
  return problems.length > 0 ? { panel: null, problems, poolFields } : { panel, problems, poolFields };
}

function checkEntry(item: unknown, field: string, problems: FieldProblem[]): InterviewerEntry | null {
  const isPool = typeof item === 'object' && item !== null && !Array.isArray(item);
  const parsed = isPool ? interviewerPoolSchema.safeParse(item) : personSchema.safeParse(item);
  if (parsed.success) return parsed.data;
  const named = new Set<string>();
  for (const issue of parsed.error.issues) {
    const fields =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => `${field}.${key}`)
        : [issue.path.length > 0 ? `${field}.${String(issue.path[0])}` : field];
    for (const each of fields) {
      if (named.has(each)) continue;
      named.add(each);
      problems.push({ field: each, message: issue.message });
    }
  }
  return null;
}
