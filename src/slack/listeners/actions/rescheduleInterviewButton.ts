import { listOpenSlots } from '../../../domain/slots/slotQueries';
import { assertMayChangeInterview } from '../../../domain/interviews/interviewChanges';
import { findInterviewById } from '../../../domain/interviews/interviewQueries';
import { openView } from '../../../slackApi/blockKitCalls';
import { requestArrivedAtMs } from '../../requestArrival';
import type { SlackDependencies } from '../../slackDependencies';
import { buildRescheduleInterviewModal } from '../../views/rescheduleInterviewModal';
import { interviewButton } from './interviewButton';

/** "Reschedule": checks permission first, then opens a modal pre-filled with the current time, in its turn (FormOpeningQueue). */
export const rescheduleInterviewButton = (deps: SlackDependencies) =>
  interviewButton(deps, async ({ interviewId, actor }, { body, client, context }) => {
    const interview = await findInterviewById(deps.context, interviewId);
    assertMayChangeInterview(interview, actor);
    const view = buildRescheduleInterviewModal(interview, await listOpenSlots(deps.context, actor.scope));
    await deps.formOpenings.open(requestArrivedAtMs(context), () => openView(client, { trigger_id: body.trigger_id, view }));
    return null;
  });
