import type { FieldProblem } from '../shared/errors';
import { emptyToUndefined } from '../shared/fieldParsing';
import { DEFAULT_DURATION_MINUTES } from '../shared/interviewDuration';
import { isSlackUserId } from '../shared/participants';
import { checkScheduleInterviewRequest } from '../interviews/interviewInput';
import type { InterviewPlan } from '../freeTimes/planFreeTimes';
import { checkPanelSpec, peopleOfPanel } from '../plans/interviewerPools';
import { checkLoopSpec } from '../plans/loopInput';
import { DEFAULT_FIND_TIMES_COUNT, findTimesSchema, type BookingRequestInputCheck } from './bookingRequestInput';

/** A loop's sessions each give these for themselves. */
const PER_SESSION_FIELDS = ['interviewers', 'durationMinutes'] as const;

/**
 * A booking request whose interviewers name pools (`{"anyOf": [...]}`) or that books a loop
 * (`sessions`, `maxGapMinutes`): the candidate chooses from the plan's free times (`findTimes`,
 * `count` 8 when not given), each found by the free-time rules with every pool's fair pick. Slots
 * (`slotIds`) name their own interviewer, so they cannot be offered for a plan. Every bad field is
 * named at once, as for any booking request.
 */
export function checkPlannedBookingRequestInput(body: Record<string, unknown>): BookingRequestInputCheck {
  const { scheduledTime, slotId, slotIds, findTimes: rawFindTimes, sessions, maxGapMinutes, interviewers, ...candidateFields } = body;
  const problems: FieldProblem[] = [];
  const loop = sessions !== undefined;
  let plan: InterviewPlan | null = null;
  if (loop) {
    const checked = checkLoopSpec({ sessions, maxGapMinutes });
    problems.push(...checked.problems);
    for (const field of PER_SESSION_FIELDS) {
      if (body[field] !== undefined)
        problems.push({ field, message: `A loop's sessions each give their own ${field}; leave it out here.` });
    }
    if (checked.loop) plan = checked.loop;
  } else {
    if (maxGapMinutes !== undefined) {
      problems.push({ field: 'maxGapMinutes', message: 'maxGapMinutes is for a loop: send it with sessions.' });
    }
    const panel = checkPanelSpec(interviewers);
    problems.push(...panel.problems);
    // The length is read with the other fields below.
    if (panel.panel)
      plan = { sessions: [{ title: null, durationMinutes: DEFAULT_DURATION_MINUTES, interviewers: panel.panel }], maxGapMinutes: 0 };
  }
  if (emptyToUndefined(slotIds) !== undefined && !(Array.isArray(slotIds) && slotIds.length === 0)) {
    problems.push({
      field: 'slotIds',
      message: `A slot names its own interviewer, so ${loop ? 'a loop' : 'a pool'} is offered from the free times: use findTimes instead of slotIds.`,
    });
  }
  if (emptyToUndefined(scheduledTime) !== undefined || emptyToUndefined(slotId) !== undefined) {
    problems.push({
      field: 'findTimes',
      message: 'Either set the time yourself (POST /api/interviews) or let the candidate choose from the free times, not both.',
    });
  }
  const findTimes = findTimesSchema.safeParse(emptyToUndefined(rawFindTimes) ?? { count: DEFAULT_FIND_TIMES_COUNT });
  if (!findTimes.success) {
    problems.push({ field: 'findTimes', message: findTimes.error.issues[0]?.message ?? 'Send findTimes as an object.' });
  }
  const namedDirectly = plan ? [...new Set(plan.sessions.flatMap((session) => session.interviewers.people))] : [];
  const everyone = plan ? [...new Set(plan.sessions.flatMap((session) => peopleOfPanel(session.interviewers)))] : [];
  const checked = checkScheduleInterviewRequest({ ...candidateFields, interviewers: namedDirectly });
  problems.push(...checked.problems);
  const { slackWorkspace } = checked;
  const meantForSlack = checked.meantForSlack || everyone.some(isSlackUserId);
  if (!checked.request || !plan || !findTimes.success || problems.length > 0) {
    return { request: null, problems, slotIds: [], slackWorkspace, meantForSlack };
  }
  if (!loop) plan.sessions[0].durationMinutes = checked.request.durationMinutes ?? DEFAULT_DURATION_MINUTES;
  const { scheduledTime: _time, slotId: _slot, ...candidate } = checked.request;
  return { request: { candidate, slotIds: [], findTimes: findTimes.data, plan }, problems, slotIds: [], slackWorkspace, meantForSlack };
}
