import { calendarConflicts } from '../calendars/calendarConflicts';
import type { TimeRange } from '../calendars/freeTimes';
import type { DomainContext } from '../shared/domainContext';
import { InterviewersBusyError } from '../shared/errors';
import type { Interviewer } from '../shared/participants';
import type { WorkspaceColumns } from '../shared/slackWorkspaces';
import { calendarAccessOf, identifyInterviewers, readInterviewerCalendars } from './interviewerCalendars';

export interface ChosenTime {
  interviewers: readonly Interviewer[];
  /** Whose Slack profiles name the interviewers given by Slack id. */
  workspace: WorkspaceColumns;
  proposed: TimeRange;
  /** For a reschedule: the interview's current time, where its own event sits on those calendars. */
  ownCurrentTime?: TimeRange;
}

/**
 * Refuses a time someone chose when a calendar shows an interviewer busy then (POST and PATCH
 * /api/interviews, the Slack modal): an `InterviewersBusyError` naming who and when. Only the
 * providers' busy periods count, without the buffer; without a provider nothing is read and
 * nothing refused. A calendar that cannot be read refuses nothing (its person's time is unknown).
 */
export async function refuseWhenInterviewersBusy(context: DomainContext, chosen: ChosenTime): Promise<void> {
  const access = calendarAccessOf(context);
  if (!access.provider || chosen.interviewers.length === 0) return;
  const interviewers = chosen.interviewers.filter((person) => person.slackUserId ?? person.email);
  const identified = await identifyInterviewers(
    context,
    interviewers.map((person) => (person.slackUserId ?? person.email)!),
    chosen.workspace,
    undefined,
  );
  // An interviewer given with both a Slack id and an address: the address they were given is their calendar.
  const people = identified.map((person, index) => {
    const email = interviewers[index].email;
    return email && !person.address ? { ...person, address: email.toLowerCase(), addressProblem: undefined } : person;
  });
  const window = { from: chosen.proposed.startsAt, to: chosen.proposed.endsAt };
  const readings = await readInterviewerCalendars(access, people, window, 0);
  const conflicts = calendarConflicts(
    people.map((person) => ({ interviewer: person.interviewer, calendar: readings.get(person.interviewer)! })),
    chosen.proposed,
    chosen.ownCurrentTime,
  );
  if (conflicts.busy.length > 0) throw new InterviewersBusyError(conflicts.busy);
}
