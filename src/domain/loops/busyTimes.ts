import type { EntityManager } from 'typeorm';
import { scheduledInterviewsOf } from '../interviews/interviewQueries';
import type { CalendarReading, TimeRange } from '../calendars/freeTimes';
import { calendarAccessOf, identifyInterviewers, readInterviewerCalendars } from '../availability/interviewerCalendars';
import type { DomainContext } from '../shared/domainContext';
import type { WorkspaceColumns } from '../shared/slackWorkspaces';
import type { Actor } from '../shared/actor';
import type { ScheduleInterviewRequestCheck } from '../interviews/interviewInput';
import { resolveWorkspace, type WorkspaceResolution } from '../workspaces/slackWorkspace';
import { isSlackUserId } from '../shared/participants';
import type { PlanPerson } from '../plans/planPeople';
import { planInterviewSpan } from '../plans/planPeople';
import { parseWorkingHours, type WorkingHours } from '../../config/workingHours';
import { MAX_DURATION_MINUTES } from '../shared/interviewDuration';
import type { Interviewer } from '../shared/participants';
import { canonicalPerson } from '../plans/interviewerPools';

const MINUTE_MS = 60_000;

/** A person's name in a plan: their Slack id, else their address in lowercase (as checkPanelSpec writes them). */
export function planNameOf(interviewer: Interviewer): string | null {
  if (interviewer.slackUserId) return interviewer.slackUserId;
  return interviewer.email ? canonicalPerson(interviewer.email) : null;
}

/**
 * When each person is busy between `window.from` and `window.to`: their interviews in this app
 * that are not cancelled (the contract's case with no calendar provider), leaving out
 * `ignoreInterviewIds` (the interviews being moved). This is the one lookup the plans read busy
 * time through, so a calendar provider's busy periods can be added here.
 */
export async function busyTimesOf(
  manager: EntityManager,
  people: readonly string[],
  window: { from: Date; to: Date },
  ignoreInterviewIds: readonly string[] = [],
): Promise<Map<string, TimeRange[]>> {
  const busy = new Map<string, TimeRange[]>(people.map((person) => [person, []]));
  if (people.length === 0) return busy;
  const interviews = await scheduledInterviewsOf(
    manager,
    people,
    { from: new Date(window.from.getTime() - MAX_DURATION_MINUTES * MINUTE_MS), to: window.to },
    ignoreInterviewIds,
  );
  for (const interview of interviews) {
    const startsAt = interview.scheduledTime;
    const endsAt = new Date(startsAt.getTime() + interview.durationMinutes * MINUTE_MS);
    if (endsAt <= window.from || startsAt >= window.to) continue;
    for (const interviewer of interview.interviewers) {
      const name = planNameOf(interviewer);
      if (name !== null) busy.get(name)?.push({ startsAt, endsAt });
    }
  }
  return busy;
}

const ANY_TIME: WorkingHours = (() => {
  const parsed = parseWorkingHours('Mon-Sun 00:00-24:00');
  if (!('workingHours' in parsed)) throw new Error(parsed.problem);
  return parsed.workingHours;
})();

/**
 * Everyone a plan names, ready for planLoopAt: busy when they have another interview here, with
 * those interviews weighed by the fair pick. At a time chosen by hand, working hours do not apply.
 */
export async function planPeopleAt(
  manager: EntityManager,
  people: readonly string[],
  span: { from: Date; to: Date },
  options: { ignoreInterviewIds?: readonly string[]; calendars?: ReadonlyMap<string, CalendarReading> } = {},
): Promise<PlanPerson[]> {
  const busy = await busyTimesOf(manager, people, planInterviewSpan(span.from, span.to), options.ignoreInterviewIds);
  return people.map((interviewer) => {
    const interviews = busy.get(interviewer) ?? [];
    const reading = options.calendars?.get(interviewer);
    const calendar: CalendarReading =
      reading?.status === 'unavailable'
        ? reading
        : { status: 'read', busy: reading?.status === 'read' ? [...reading.busy, ...interviews] : interviews };
    return { interviewer, zone: 'UTC', workingHours: ANY_TIME, calendar, interviews };
  });
}

/**
 * The calendars of a plan's people over `span` (a time chosen by hand: no buffer), read before the
 * transaction, since the provider answers over the network. Empty without a calendar provider: the
 * app's own interviews are then the only calendar.
 */
export async function readPlanCalendars(
  context: DomainContext,
  people: readonly string[],
  span: { from: Date; to: Date },
  workspace: WorkspaceColumns,
): Promise<Map<string, CalendarReading>> {
  if (!context.calendars?.provider || people.length === 0) return new Map();
  const persons = await identifyInterviewers(context, people, workspace, undefined);
  return readInterviewerCalendars(calendarAccessOf(context), persons, span, 0);
}

/**
 * The plan's workspace, resolved before its transaction (the installations are read on their own
 * connection, which must not wait for that transaction): the Slack user's own, or the one the
 * request names (or the only one installed), checked as scheduleInterview checks it, counting the
 * Slack users of its pools too. Its Slack profiles also give those users' calendar addresses.
 */
export async function resolvePlanWorkspace(
  context: DomainContext,
  actor: Actor,
  request: Pick<ScheduleInterviewRequestCheck, 'slackWorkspace' | 'meantForSlack'>,
  people: readonly string[],
): Promise<WorkspaceResolution> {
  return resolveWorkspace(context, actor, request.slackWorkspace, request.meantForSlack || people.some(isSlackUserId));
}
