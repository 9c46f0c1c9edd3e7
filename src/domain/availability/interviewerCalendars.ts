import { defaultCalendarAccess, type CalendarAccess } from '../calendars/calendarAccess';
import type { CalendarReading } from '../calendars/freeTimes';
import { readCalendars } from '../calendars/readCalendars';
import type { DomainContext } from '../shared/domainContext';
import { isSlackUserId } from '../shared/participants';
import type { WorkspaceColumns } from '../shared/slackWorkspaces';

/** One interviewer as their calendar is reached: whose address, on which clock. */
export interface CalendarPerson {
  /** As the request named them (a Slack user id or an address): what answers echo. */
  interviewer: string;
  slackUserId?: string;
  /** The address of their calendar: the one given, else Slack's; absent when it cannot be known (`addressProblem` says why). */
  address?: string;
  addressProblem?: string;
  /** IANA zone of their clock: Slack's profile, else the request's zone, else UTC. */
  zone: string;
}

/** The calendars and rules of the context, or none and the product's defaults. */
export function calendarAccessOf(context: DomainContext): CalendarAccess {
  return context.calendars ?? defaultCalendarAccess();
}

/**
 * Who each named interviewer is, for their calendar: an address stands for itself; a Slack user's
 * address and zone are read from their profile (only when a provider needs the address or the
 * zone matters). Never throws: Slack not answering leaves that person's address unknown, and why.
 */
export async function identifyInterviewers(
  context: DomainContext,
  named: readonly string[],
  workspace: WorkspaceColumns,
  requestZone: string | undefined,
): Promise<CalendarPerson[]> {
  const fallbackZone = requestZone ?? 'UTC';
  return Promise.all(
    named.map(async (interviewer): Promise<CalendarPerson> => {
      if (!isSlackUserId(interviewer)) return { interviewer, address: interviewer.toLowerCase(), zone: fallbackZone };
      const directory = context.peopleDirectory;
      if (!directory?.profile) {
        return {
          interviewer,
          slackUserId: interviewer,
          zone: fallbackZone,
          addressProblem: `Slack is off in this app, so the email address of Slack user ${interviewer} (and so their calendar) cannot be read.`,
        };
      }
      try {
        const profile = await directory.profile(workspace, interviewer);
        const zone = profile.timezone ?? fallbackZone;
        if (!profile.email) {
          return {
            interviewer,
            slackUserId: interviewer,
            zone,
            addressProblem: `Slack does not share the email address of ${interviewer} (the app needs the users:read.email scope), so their calendar cannot be read.`,
          };
        }
        return { interviewer, slackUserId: interviewer, address: profile.email.toLowerCase(), zone };
      } catch (error) {
        const why = error instanceof Error ? error.message : 'no answer';
        return {
          interviewer,
          slackUserId: interviewer,
          zone: fallbackZone,
          addressProblem: `Slack could not be asked for the email address of ${interviewer} (${why}), so their calendar cannot be read.`,
        };
      }
    }),
  );
}

/**
 * Each person's calendar over the window, by `interviewer`: `none` for everyone without a
 * provider; with one, read in one batch (widened by `bufferMinutes` on each side), and
 * `unavailable` with the reason for anyone whose address is unknown or whose calendar could not
 * be read. Never throws.
 */
export async function readInterviewerCalendars(
  access: CalendarAccess,
  people: readonly CalendarPerson[],
  window: { from: Date; to: Date },
  bufferMinutes: number,
): Promise<Map<string, CalendarReading>> {
  const readings = new Map<string, CalendarReading>();
  if (!access.provider) {
    for (const person of people) readings.set(person.interviewer, { status: 'none' });
    return readings;
  }
  const addresses = [...new Set(people.flatMap((person) => (person.address ? [person.address] : [])))];
  const byAddress = await readCalendars(access.provider, addresses, window, bufferMinutes);
  for (const person of people) {
    const reading = person.address ? byAddress.get(person.address) : undefined;
    readings.set(
      person.interviewer,
      reading ?? { status: 'unavailable', reason: person.addressProblem ?? `The calendar of ${person.interviewer} was not read.` },
    );
  }
  return readings;
}

/** Whether one person's calendar can be read now, and why not (App Home): `none` without a provider. */
export async function checkCalendarOf(
  context: DomainContext,
  interviewer: string,
  workspace: WorkspaceColumns,
): Promise<{ status: 'read' | 'unavailable' | 'none'; reason?: string }> {
  const access = calendarAccessOf(context);
  const people = await identifyInterviewers(context, [interviewer], workspace, undefined);
  const now = context.now();
  const readings = await readInterviewerCalendars(access, people, { from: now, to: new Date(now.getTime() + 86_400_000) }, 0);
  const reading = readings.get(interviewer)!;
  return reading.status === 'unavailable' ? { status: 'unavailable', reason: reading.reason } : { status: reading.status };
}
