import { editInterview, type EditInterviewProps } from '../interviews/editInterview';
import type { InterviewChangeResult } from '../interviews/interviewChanges';
import { findInterviewById } from '../interviews/interviewQueries';
import { checkPanelSpec, peopleOfPanel } from '../plans/interviewerPools';
import { planPanelAt } from '../plans/plansAtTime';
import type { DomainContext } from '../shared/domainContext';
import { InputValidationError } from '../shared/errors';
import { readTimeInZone } from '../shared/timeInput';
import { planPeopleAt, readPlanCalendars } from './busyTimes';
import { bookInterviewers, releaseInterviewerBookings } from './interviewerBookings';
import { storedPicks } from './planRequest';
import { busyError } from './scheduleWithPools';

const MINUTE_MS = 60_000;

/**
 * `PATCH /api/interviews/:id` whose `interviewers` name pools: the pools pick, fairly, among
 * their members free at the interview's time after the edit (its own time does not count against
 * anyone), as when scheduling with pools; someone busy is `409 interviewers_busy` unless
 * `allowConflicts`. The picks are stored (the answer's `poolPicks`) and the people's time booked.
 * Everything else is editInterview's, in its transaction.
 */
export async function editInterviewWithPools(context: DomainContext, props: EditInterviewProps): Promise<InterviewChangeResult> {
  const body = props.input as Record<string, unknown>;
  const panel = checkPanelSpec(body.interviewers);
  if (!panel.panel) throw new InputValidationError(panel.problems);
  const spec = panel.panel;
  const allowConflicts = body.allowConflicts === true;
  const interview = await findInterviewById(context, props.interviewId);
  const startsAt = timeAsked(body.scheduledTime, interview.timezone) ?? interview.scheduledTime;
  const durationMinutes = typeof body.durationMinutes === 'number' ? body.durationMinutes : interview.durationMinutes;
  const calendars = await readPlanCalendars(
    context,
    peopleOfPanel(spec),
    { from: startsAt, to: new Date(startsAt.getTime() + durationMinutes * MINUTE_MS) },
    interview,
  );
  return editInterview(context, {
    ...props,
    pickInterviewers: {
      async pick(manager, at) {
        const span = { from: at.startsAt, to: new Date(at.startsAt.getTime() + at.durationMinutes * MINUTE_MS) };
        const people = await planPeopleAt(manager, peopleOfPanel(spec), span, { ignoreInterviewIds: [at.interviewId], calendars });
        const plan = planPanelAt({ interviewers: spec, durationMinutes: at.durationMinutes, startsAt: at.startsAt, people });
        if (!plan.fits && !allowConflicts) throw busyError(plan.busy);
        const [session] = plan.sessions;
        return { interviewers: session.interviewers, poolPicks: storedPicks(session.picks) };
      },
      async book(manager, edited) {
        await releaseInterviewerBookings(manager, [edited.id]);
        if (!allowConflicts) await bookInterviewers(manager, edited);
      },
    },
  });
}

/** The new time the body asks for, read as editInterview reads it; undefined when it asks none (or one it will refuse). */
function timeAsked(value: unknown, zone: string): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const reading = readTimeInZone(value, zone);
  return 'instant' in reading ? reading.instant : undefined;
}
