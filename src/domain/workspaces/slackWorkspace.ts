import type { WhereExpressionBuilder } from 'typeorm';
import { z } from 'zod';
import type { DomainContext } from '../shared/domainContext';
import type { Actor } from '../shared/actor';
import type { FieldProblem } from '../shared/errors';
import { emptyToUndefined } from '../shared/fieldParsing';
import type { SlackWorkspaceRef, WorkspaceColumns, WorkspaceScope } from '../shared/slackWorkspaces';

/** A workspace's team id (`T…`) and an Enterprise Grid organization's id (`E…`), as Slack writes them. */
export const SLACK_TEAM_ID = /^T[A-Z0-9]{2,30}$/;
export const SLACK_ENTERPRISE_ID = /^E[A-Z0-9]{2,30}$/;

/** True when `row` is one the scope lets its requester see and change. */
export function isWithinScope(row: WorkspaceColumns, scope: WorkspaceScope): boolean {
  switch (scope.kind) {
    case 'everything':
      return true;
    case 'team':
      return row.slackTeamId === scope.teamId;
    case 'organization':
      return row.slackEnterpriseId === scope.enterpriseId;
  }
}

/**
 * Narrows a query to the rows within `scope`, the one rule `isWithinScope` states. `column` names a
 * workspace column as the query refers to it (`interview.slackTeamId`, or `"slackTeamId"` in an update).
 */
export function whereWithinScope<Query extends WhereExpressionBuilder>(
  query: Query,
  scope: WorkspaceScope,
  column: (name: keyof WorkspaceColumns) => string,
): Query {
  switch (scope.kind) {
    case 'everything':
      return query;
    case 'team':
      query.andWhere(`${column('slackTeamId')} = :scopeTeamId`, { scopeTeamId: scope.teamId });
      return query;
    case 'organization':
      query.andWhere(`${column('slackEnterpriseId')} = :scopeEnterpriseId`, { scopeEnterpriseId: scope.enterpriseId });
      return query;
  }
}

/** The columns a row made in `workspace` stores. */
export function workspaceColumns(workspace: SlackWorkspaceRef | null): WorkspaceColumns {
  return { slackTeamId: workspace?.teamId ?? null, slackEnterpriseId: workspace?.enterpriseId ?? null };
}

/** The workspace a row belongs to, or null for one made without Slack. */
export function workspaceOfRow(row: WorkspaceColumns): SlackWorkspaceRef | null {
  if (!row.slackTeamId) return null;
  return row.slackEnterpriseId ? { teamId: row.slackTeamId, enterpriseId: row.slackEnterpriseId } : { teamId: row.slackTeamId };
}

/** The workspace a Slack user acted from, as Slack's request said. */
function workspaceOfSlackActor(actor: Extract<Actor, { kind: 'slack' }>): SlackWorkspaceRef | null {
  if (!actor.teamId) return null;
  return actor.enterpriseId ? { teamId: actor.teamId, enterpriseId: actor.enterpriseId } : { teamId: actor.teamId };
}

export interface WorkspaceResolution {
  workspace: SlackWorkspaceRef | null;
  problem: FieldProblem | null;
}

/**
 * The workspace a new row belongs to. From Slack, the one the request came from. From the API, the
 * one it names (`slackTeamId`, with `slackEnterpriseId` for an org-wide install), which must be
 * installed when there are many, and which something meant for Slack (a channel, a Slack user)
 * must name then; with one workspace, the bot token's when none is named.
 */
export async function resolveWorkspace(
  context: DomainContext,
  actor: Actor,
  named: SlackWorkspaceRef | undefined,
  meantForSlack: boolean,
  field = 'slackTeamId',
): Promise<WorkspaceResolution> {
  if (actor.kind === 'slack') return { workspace: workspaceOfSlackActor(actor), problem: null };
  const workspaces = context.slackWorkspaces;
  if (!named) {
    if (workspaces?.many && meantForSlack) {
      return {
        workspace: null,
        problem: {
          field,
          message: 'Name the Slack workspace this is for (its team id, like T0123ABCD): the app is installed in several workspaces.',
        },
      };
    }
    return { workspace: workspaces?.defaultWorkspace() ?? null, problem: null };
  }
  if (!workspaces?.many) return { workspace: named, problem: null };
  const installed = await workspaces.findInstalled(named);
  if (installed) return { workspace: installed, problem: null };
  return {
    workspace: null,
    problem: {
      field,
      message: `The app is not installed in the Slack workspace ${named.teamId}${named.enterpriseId ? ` of ${named.enterpriseId}` : ''}. Check the team id, or install the app there first.`,
    },
  };
}

/**
 * The workspace of an interview or a booking request booked into (or offering) these slots: its
 * own, or theirs when it names none. A slot offered in a workspace is its interviewer's there, so
 * it is never booked or offered for another workspace (outside the same Enterprise Grid
 * organization), and slots of two workspaces are never offered together. Slots made without Slack
 * go with anything.
 */
export function workspaceWithSlots(workspace: SlackWorkspaceRef | null, slots: WorkspaceColumns[], field: string): WorkspaceResolution {
  const byTeam = new Map<string, SlackWorkspaceRef>();
  for (const slot of slots) {
    const own = workspaceOfRow(slot);
    if (own) byTeam.set(own.teamId, own);
  }
  const slotWorkspaces = [...byTeam.values()];
  if (slotWorkspaces.length === 0) return { workspace, problem: null };
  if (slotWorkspaces.length > 1) {
    const teams = [...byTeam.keys()].sort().join(', ');
    const message = `These slots were offered in different Slack workspaces (${teams}): offer slots of one workspace at a time.`;
    return { workspace, problem: { field, message } };
  }
  const [slotWorkspace] = slotWorkspaces;
  if (!workspace) return { workspace: slotWorkspace, problem: null };
  const sameOrganization = workspace.enterpriseId !== undefined && workspace.enterpriseId === slotWorkspace.enterpriseId;
  if (workspace.teamId === slotWorkspace.teamId || sameOrganization) return { workspace, problem: null };
  const these = slots.length > 1 ? 'These slots were' : 'This slot was';
  const message = `${these} offered in the Slack workspace ${slotWorkspace.teamId}, not in ${workspace.teamId}, which this is for.`;
  return { workspace, problem: { field, message } };
}

const optional = <Schema extends z.ZodType>(schema: Schema) => z.preprocess(emptyToUndefined, schema.optional());

/** How the API names a workspace: the same two fields on an interview and on a slot. */
export const slackWorkspaceFields = {
  slackTeamId: optional(
    z.string({ message: 'Slack team id must be text.' }).regex(SLACK_TEAM_ID, { message: 'Use a Slack team id like T0123ABCD.' }),
  ),
  slackEnterpriseId: optional(
    z
      .string({ message: 'Slack enterprise id must be text.' })
      .regex(SLACK_ENTERPRISE_ID, { message: 'Use a Slack Enterprise Grid organization id like E0123ABCD.' }),
  ),
};

/** The workspace the parsed fields name, if any; an organization without a workspace is pushed as a problem. */
export function namedWorkspace(
  values: { slackTeamId?: string; slackEnterpriseId?: string },
  problems: FieldProblem[],
  prefix = '',
): SlackWorkspaceRef | undefined {
  if (!values.slackTeamId) {
    if (values.slackEnterpriseId) {
      problems.push({ field: `${prefix}slackTeamId`, message: 'Name the workspace (slackTeamId) as well as its organization.' });
    }
    return undefined;
  }
  return values.slackEnterpriseId ? { teamId: values.slackTeamId, enterpriseId: values.slackEnterpriseId } : { teamId: values.slackTeamId };
}
