import type { WebClient } from '@slack/web-api';
import type { AvailabilitySlot } from '../domain/slots/AvailabilitySlot';
import { listOpenSlots } from '../domain/slots/slotQueries';
import { isSlackUserId } from '../domain/shared/participants';
import type { SlackDependencies } from './slackDependencies';
import { isTemporaryDatabaseTrouble } from './slackDeadline';
import type { UserTimeZones } from './userTimeZones';
import { buildScheduleInterviewModal, type ScheduleInterviewMetadata, type ScheduleInterviewPrefill } from './views/scheduleInterviewModal';
import type { Actor } from '../domain/shared/actor';
import type { WorkspaceColumns } from '../domain/shared/slackWorkspaces';
import { openView, updateView } from '../slackApi/blockKitCalls';

export interface ScheduleModalRequest {
  triggerId: string;
  teamId: string;
  /** The recruiter opening the form: slots are shown in their zone. */
  userId: string;
  /** The same recruiter as the domain knows them: the slots offered are their workspace's. */
  actor: Extract<Actor, { kind: 'slack' }>;
  metadata: ScheduleInterviewMetadata;
  /** The form's starting values, given the recruiter's zone once it is known. */
  prefillFor: (recruiterTimezone: string | undefined) => ScheduleInterviewPrefill;
}

/**
 * Opens the scheduling form with the trigger id before anything slow (it expires in about 3 s),
 * and resolves once Slack has answered (rejecting if it refused). What needs Slack or the database
 * is filled in after that, without holding up the answer: the recruiter's zone, the open slots and
 * their interviewers' names. A recruiter's zone is remembered, so their next form opens complete.
 */
export async function openScheduleInterviewModal(
  deps: SlackDependencies,
  client: WebClient,
  timeZones: UserTimeZones,
  request: ScheduleModalRequest,
): Promise<void> {
  const now = deps.context.now();
  const remembered = timeZones.recall(request.teamId, request.userId);
  const modalFor = (timezone: string | undefined, openSlots: AvailabilitySlot[], interviewerNames?: ReadonlyMap<string, string>) =>
    buildScheduleInterviewModal({
      prefill: request.prefillFor(timezone),
      metadata: request.metadata,
      openSlots,
      now,
      recruiterTimezone: timezone,
      interviewerNames,
    });
  const opened = await openView(client, { trigger_id: request.triggerId, view: modalFor(remembered?.timezone, []) });
  const viewId = opened.view?.id;
  if (!viewId) return;
  void fillIn(async () => {
    const [timezone, openSlots] = await Promise.all([
      remembered ? remembered.timezone : timeZones.lookUp(client, request.teamId, request.userId),
      listOpenSlots(deps.context, request.actor.scope),
    ]);
    // The modal already shows the remembered zone; only new facts are worth another round trip.
    if (remembered && openSlots.length === 0) return;
    const interviewerIds = [...new Set(openSlots.map((slot) => slot.interviewer).filter(isSlackUserId))];
    const names =
      interviewerIds.length > 0
        ? await deps.context.peopleDirectory?.displayNames(workspaceOfActor(request.actor), interviewerIds)
        : undefined;
    await updateView(client, { view_id: viewId, hash: opened.view?.hash, view: modalFor(timezone, openSlots, names) });
  }, deps);
}

async function fillIn(work: () => Promise<void>, deps: SlackDependencies): Promise<void> {
  try {
    await work();
  } catch (error) {
    // While the database is down that is already logged once; the modal works without slots.
    if (!isTemporaryDatabaseTrouble(error))
      deps.logger.warn({ err: error }, "Could not fill in the recruiter's time zone or open slots; the modal works without them");
  }
}

function workspaceOfActor(actor: Extract<Actor, { kind: 'slack' }>): WorkspaceColumns {
  return { slackTeamId: actor.teamId ?? null, slackEnterpriseId: actor.enterpriseId ?? null };
}
