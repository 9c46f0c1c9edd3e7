import type { EntityManager } from 'typeorm';
import {
  calendarAccessOf,
  identifyInterviewers,
  readInterviewerCalendars,
  type CalendarPerson,
} from '../availability/interviewerCalendars';
import { findFreeTimes, type FreeTimesAnswer, type PanelMember, type TimeRange, type TimeSearchWindow } from '../calendars/freeTimes';
import type { Interview } from '../interviews/Interview';
import { scheduledInterviewsOf } from '../interviews/interviewQueries';
import type { DomainContext } from '../shared/domainContext';
import { MAX_DURATION_MINUTES } from '../shared/interviewDuration';
import type { WorkspaceColumns } from '../shared/slackWorkspaces';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** What a search for a panel's free times is asked: checked already (see freeTimesQuery in src/http). */
export interface PanelFreeTimesQuery {
  /** Slack user ids or addresses, as the request named them. */
  interviewers: string[];
  durationMinutes: number;
  from: Date;
  to: Date;
  /** The request's zone: the grid follows its clock, and interviewers without a zone of their own work on it. */
  timezone?: string;
  limit: number;
  /** Whose Slack profiles name the interviewers given by Slack id. */
  workspace: WorkspaceColumns;
  /** An interview being moved: its own time neither blocks nor counts towards the daily limit. */
  excludeInterviewId?: string;
}

/**
 * The panel's free times (the rules of findFreeTimes, PRODUCT.md "Interviewers' calendars"):
 * each interviewer's calendar read once through the provider (one call per batch), their
 * interviews in this app loaded once, then the pure search. Each calendar's state is in the
 * answer, with the reason when it could not be read.
 */
export async function findPanelFreeTimes(context: DomainContext, query: PanelFreeTimesQuery): Promise<FreeTimesAnswer> {
  const panel = await readPanelMembers(context, query.interviewers, query, { from: query.from, to: query.to });
  return findFreeTimes({ ...searchWindowOf(context, query), panel, durationMinutes: query.durationMinutes });
}

/** Where a search looks, on the grid of the request's zone, by the deployment's free-time rules, as of now. */
export function searchWindowOf(
  context: DomainContext,
  query: { from: Date; to: Date; timezone?: string; limit: number },
): TimeSearchWindow {
  return {
    from: query.from,
    to: query.to,
    now: context.now(),
    gridZone: query.timezone ?? 'UTC',
    rules: calendarAccessOf(context).rules,
    limit: query.limit,
  };
}

/**
 * Everyone the search names, as its rules take them: who they are (an address, or a Slack user's
 * profile), their calendar over `query.from`..`to` read once through the provider (one call per
 * batch, widened by the buffer), and their interviews in this app over `interviewSpan` (the
 * search's window, or wider for the fair pick), `excludeInterviewId` left out.
 */
export async function readPanelMembers(
  context: DomainContext,
  named: readonly string[],
  query: Pick<PanelFreeTimesQuery, 'from' | 'to' | 'timezone' | 'workspace' | 'excludeInterviewId'>,
  interviewSpan: { from: Date; to: Date },
): Promise<PanelMember[]> {
  const access = calendarAccessOf(context);
  const people = await identifyInterviewers(context, named, query.workspace, query.timezone);
  const [calendars, interviews] = await Promise.all([
    readInterviewerCalendars(access, people, { from: query.from, to: query.to }, access.rules.bufferMinutes),
    context.database.read((manager) => interviewsAround(manager, people, interviewSpan.from, interviewSpan.to)),
  ]);
  return people.map((person) => ({
    interviewer: person.interviewer,
    zone: person.zone,
    workingHours: access.workingHours,
    calendar: calendars.get(person.interviewer)!,
    interviews: interviewsOf(person, interviews, query.excludeInterviewId),
  }));
}

/**
 * The scheduled interviews of these people that could touch `from`..`to`: from the day before
 * (the longest interview before it) to the day after, by each name they go by (Slack id, address).
 */
function interviewsAround(manager: EntityManager, people: readonly CalendarPerson[], from: Date, to: Date): Promise<Interview[]> {
  const names = people.flatMap((person) => [person.interviewer, person.slackUserId, person.address].filter((name) => name !== undefined));
  return scheduledInterviewsOf(manager, names, {
    from: new Date(from.getTime() - DAY_MS - MAX_DURATION_MINUTES * MINUTE_MS),
    to: new Date(to.getTime() + DAY_MS),
  });
}

/** The interviews `person` takes part in, by Slack id or address, as time ranges. */
function interviewsOf(person: CalendarPerson, interviews: readonly Interview[], excludeInterviewId?: string): TimeRange[] {
  return interviews
    .filter(
      (interview) =>
        interview.id !== excludeInterviewId &&
        interview.interviewers.some(
          (each) =>
            (person.slackUserId !== undefined && each.slackUserId === person.slackUserId) ||
            (person.address !== undefined && each.email?.toLowerCase() === person.address),
        ),
    )
    .map((interview) => ({
      startsAt: interview.scheduledTime,
      endsAt: new Date(interview.scheduledTime.getTime() + interview.durationMinutes * MINUTE_MS),
    }));
}
