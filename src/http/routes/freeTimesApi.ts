import { Router } from 'express';
import { findPanelFreeTimes } from '../../domain/freeTimes/panelFreeTimes';
import {
  DEFAULT_FREE_TIMES_LIMIT,
  MAX_FREE_TIMES_LIMIT,
  readDuration,
  readInterviewerList,
  readSearchWindow,
  readWholeNumber,
  readZone,
} from '../../domain/freeTimes/freeTimesInput';
import type { DomainContext } from '../../domain/shared/domainContext';
import { InputValidationError, type FieldProblem } from '../../domain/shared/errors';
import { isSlackUserId } from '../../domain/shared/participants';
import { namedWorkspace, resolveWorkspace, slackWorkspaceFields, workspaceColumns } from '../../domain/workspaces/slackWorkspace';
import { presentFreeTimesJson, presentPlanFreeTimesJson } from '../../presenters/freeTimesJson';
import { findPlanFreeTimes } from '../../domain/freeTimes/planFreeTimes';
import { checkPanelSpec, peopleOfPanel, type PanelSpec } from '../../domain/plans/interviewerPools';

const PARAMETERS = ['interviewers', 'durationMinutes', 'from', 'to', 'timezone', 'limit', 'slackTeamId', 'slackEnterpriseId'];

/** `GET /api/free-times`: the panel's free times and how each calendar was read (PRODUCT.md, "Interviewers' calendars"). */
export function freeTimesApiRoutes(context: DomainContext): Router {
  const router = Router();

  router.get('/', async (request, response) => {
    const raw = request.query as Record<string, unknown>;
    const problems: FieldProblem[] = [];
    for (const name of Object.keys(raw)) {
      if (!PARAMETERS.includes(name)) problems.push({ field: name, message: `Unknown parameter; use ${PARAMETERS.join(', ')}.` });
      else if (typeof raw[name] !== 'string') problems.push({ field: name, message: 'Send this parameter once.' });
    }
    const given = (name: string) => (typeof raw[name] === 'string' && raw[name].trim() !== '' ? raw[name] : undefined);
    const listed = given('interviewers');
    const panel = readPanel(listed, problems);
    const interviewers = !isJsonList(listed)
      ? readInterviewerList(listed, 'interviewers', problems)
      : panel && panel.pools.length === 0
        ? readInterviewerList(panel.people, 'interviewers', problems)
        : panel?.people;
    const durationMinutes = readDuration(given('durationMinutes'), 'durationMinutes', problems);
    const timezone = readZone(given('timezone'), 'timezone', problems);
    const limit = readWholeNumber(
      given('limit'),
      { min: 1, max: MAX_FREE_TIMES_LIMIT, fallback: DEFAULT_FREE_TIMES_LIMIT },
      'limit',
      problems,
    );
    const window = readSearchWindow({ from: given('from'), to: given('to') }, timezone ?? 'UTC', context.now(), problems);
    const workspaceValues = {
      slackTeamId: slackWorkspaceFields.slackTeamId.safeParse(raw.slackTeamId),
      slackEnterpriseId: slackWorkspaceFields.slackEnterpriseId.safeParse(raw.slackEnterpriseId),
    };
    for (const [field, parsed] of Object.entries(workspaceValues)) {
      if (!parsed.success && typeof raw[field] === 'string')
        problems.push({ field, message: parsed.error.issues[0]?.message ?? 'Not valid.' });
    }
    const named = namedWorkspace(
      {
        slackTeamId: workspaceValues.slackTeamId.success ? workspaceValues.slackTeamId.data : undefined,
        slackEnterpriseId: workspaceValues.slackEnterpriseId.success ? workspaceValues.slackEnterpriseId.data : undefined,
      },
      problems,
    );
    const everyone = panel ? peopleOfPanel(panel) : (interviewers ?? []);
    const resolution = await resolveWorkspace(context, { kind: 'api' }, named, everyone.some(isSlackUserId));
    if (resolution.problem) problems.push(resolution.problem);
    const firstPerField = problems.filter((problem, index) => problems.findIndex((each) => each.field === problem.field) === index);
    if (firstPerField.length > 0 || !interviewers || !durationMinutes || !limit || !window) throw new InputValidationError(firstPerField);
    if (panel && panel.pools.length > 0) {
      const planAnswer = await findPlanFreeTimes(context, {
        plan: { sessions: [{ title: null, durationMinutes, interviewers: panel }], maxGapMinutes: 0 },
        from: window.from,
        to: window.to,
        timezone,
        limit,
        workspace: workspaceColumns(resolution.workspace),
      });
      response.json(presentPlanFreeTimesJson(planAnswer));
      return;
    }
    const answer = await findPanelFreeTimes(context, {
      interviewers,
      durationMinutes,
      from: window.from,
      to: window.to,
      timezone,
      limit,
      workspace: workspaceColumns(resolution.workspace),
    });
    response.json(presentFreeTimesJson(answer));
  });

  return router;
}

function isJsonList(value: string | undefined): value is string {
  return value !== undefined && value.trim().startsWith('[');
}

/**
 * `interviewers` written as a JSON list (`["U0123ABCD", {"anyOf": ["ada@acme.test", "bob@acme.test"]}]`):
 * people and pools, checked as everywhere else. Undefined for the comma-separated form, which
 * readInterviewerList reads.
 */
function readPanel(value: string | undefined, problems: FieldProblem[]): PanelSpec | undefined {
  if (!isJsonList(value)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    problems.push({
      field: 'interviewers',
      message:
        'Send interviewers comma-separated, or as a JSON list of people and pools like ["U0123ABCD", {"anyOf": ["a@acme.com", "b@acme.com"]}].',
    });
    return undefined;
  }
  const checked = checkPanelSpec(parsed, 'interviewers');
  problems.push(...checked.problems);
  if (checked.panel && peopleOfPanel(checked.panel).length === 0) {
    problems.push({ field: 'interviewers', message: 'Name at least one interviewer or pool.' });
    return undefined;
  }
  return checked.panel ?? undefined;
}
