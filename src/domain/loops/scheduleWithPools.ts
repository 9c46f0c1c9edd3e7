import { deliveriesQueued, inTransaction, withinTransaction, type DomainContext } from '../shared/domainContext';
import { InputValidationError, InterviewersBusyError } from '../shared/errors';
import { DEFAULT_DURATION_MINUTES } from '../shared/interviewDuration';
import { resolveScheduledTime } from '../shared/scheduledTime';
import { Interview } from '../interviews/Interview';
import { explicitTimeProblems, fingerprintRequest } from '../interviews/interviewInput';
import { scheduleInterview, type ScheduleInterviewProps, type ScheduleInterviewResult } from '../interviews/scheduleInterview';
import { checkPanelSpec, peopleOfPanel, type PanelSpec } from '../plans/interviewerPools';
import { planPanelAt } from '../plans/plansAtTime';
import { planPeopleAt, planNameOf, readPlanCalendars, resolvePlanWorkspace } from './busyTimes';
import { workspaceColumns } from '../workspaces/slackWorkspace';
import type { CalendarReading } from '../calendars/freeTimes';
import { bookInterviewers, isInterviewerOverlap } from './interviewerBookings';
import { readPlanRequest, storedPicks } from './planRequest';

const MINUTE_MS = 60_000;

/**
 * An interview whose `interviewers` name pools (`{"anyOf": [...], "count"?: 1}`): the app picks
 * the members free at its time with the fewest interviews in the 7 days around it (ties: the least
 * recently interviewed, then the order given), stores whom it picked and why (the answer and the
 * channel message say so), and books everyone's time. When a pool has too few free members, or a
 * person named directly is busy, it refuses with `409 interviewers_busy` naming who is busy when,
 * unless `allowConflicts` is true. Everything else is scheduleInterview's, in the same transaction.
 */
export async function scheduleWithPools(
  context: DomainContext,
  props: Pick<ScheduleInterviewProps, 'input' | 'actor' | 'idempotencyKey'>,
): Promise<ScheduleInterviewResult> {
  const request = readPlanRequest(props.input);
  const panel = checkPanelSpec(request.body?.interviewers);
  const now = context.now();
  const problems = [...request.problems, ...panel.problems, ...explicitTimeProblems(request.common.scheduledTime, now)];
  if (request.common.slotId) {
    problems.push({
      field: 'slotId',
      message: 'A slot names its own interviewer; give a scheduledTime instead when interviewers name a pool.',
    });
  }
  if (!request.common.request || !panel.panel || problems.length > 0) throw new InputValidationError(problems);
  const common = request.common.request;
  const fingerprint = props.idempotencyKey ? fingerprintRequest({ plan: 'pools', input: props.input }) : undefined;
  const startsAt = resolveScheduledTime({ explicitTime: common.scheduledTime, now, defaultLeadMinutes: context.defaultLeadMinutes }).time;
  const durationMinutes = common.durationMinutes ?? DEFAULT_DURATION_MINUTES;
  const workspace = await resolvePlanWorkspace(context, props.actor, request.common, peopleOfPanel(panel.panel));
  const calendars = await readPlanCalendars(
    context,
    peopleOfPanel(panel.panel),
    { from: startsAt, to: new Date(startsAt.getTime() + durationMinutes * MINUTE_MS) },
    workspaceColumns(workspace.workspace),
  );
  try {
    const result = await inTransaction(context, async (manager) => {
      const inside = withinTransaction(context, manager);
      const earlier = props.idempotencyKey ? await manager.findOneBy(Interview, { idempotencyKey: props.idempotencyKey }) : null;
      if (earlier) {
        // A retry: scheduleInterview answers it as the first time, or refuses another body under the same key.
        const names = earlier.interviewers.map(planNameOf).filter((name) => name !== null);
        return scheduleInterview(inside, {
          input: { ...request.commonInput, interviewers: names },
          actor: props.actor,
          idempotencyKey: props.idempotencyKey,
          workspace,
          plan: { poolPicks: null, loop: null, requestFingerprint: fingerprint },
        });
      }
      const plan = await planAt(manager, panel.panel!, startsAt, durationMinutes, calendars);
      if (!plan.fits && !request.allowConflicts) throw busyError(plan.busy);
      const session = plan.sessions[0];
      const scheduled = await scheduleInterview(inside, {
        input: {
          ...request.commonInput,
          scheduledTime: startsAt.toISOString(),
          interviewers: session.interviewers,
        },
        actor: props.actor,
        idempotencyKey: props.idempotencyKey,
        workspace,
        plan: { poolPicks: storedPicks(session.picks), loop: null, requestFingerprint: fingerprint },
      });
      if (plan.fits) await bookInterviewers(manager, scheduled.interview);
      return scheduled;
    });
    if (result.created) deliveriesQueued(context);
    return result;
  } catch (error) {
    if (!isInterviewerOverlap(error)) throw error;
    // PostgreSQL refused the booking: someone else booked one of these people meanwhile.
    const plan = await context.database.read((manager) => planAt(manager, panel.panel!, startsAt, durationMinutes, calendars));
    throw busyError(plan.busy);
  }
}

async function planAt(
  manager: Parameters<typeof planPeopleAt>[0],
  panel: PanelSpec,
  startsAt: Date,
  durationMinutes: number,
  calendars: ReadonlyMap<string, CalendarReading>,
) {
  const endsAt = new Date(startsAt.getTime() + durationMinutes * MINUTE_MS);
  const people = await planPeopleAt(manager, peopleOfPanel(panel), { from: startsAt, to: endsAt }, { calendars });
  return planPanelAt({ interviewers: panel, durationMinutes, startsAt, people });
}

export function busyError(busy: InterviewersBusyError['busy']): InterviewersBusyError {
  return new InterviewersBusyError(
    busy,
    busy.length > 0
      ? `Busy at that time: ${[...new Set(busy.map((period) => period.interviewer))].join(', ')}. Pick another time, or send "allowConflicts": true.`
      : 'Someone needed at that time was booked meanwhile. Pick another time.',
  );
}
