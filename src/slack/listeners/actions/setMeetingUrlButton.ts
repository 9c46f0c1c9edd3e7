import { assertMayChangeInterview } from '../../../domain/interviews/interviewChanges';
import { findInterviewById } from '../../../domain/interviews/interviewQueries';
import { openView } from '../../../slackApi/blockKitCalls';
import { requestArrivedAtMs } from '../../requestArrival';
import type { SlackDependencies } from '../../slackDependencies';
import { buildSetMeetingUrlModal } from '../../views/setMeetingUrlModal';
import { interviewButton } from './interviewButton';

/** "Set call link": checks permission first, then opens a modal with the current link, in its turn (FormOpeningQueue). */
export const setMeetingUrlButton = (deps: SlackDependencies) =>
  interviewButton(deps, async ({ interviewId, actor }, { body, client, context }) => {
    const interview = await findInterviewById(deps.context, interviewId);
    assertMayChangeInterview(interview, actor);
    const view = buildSetMeetingUrlModal(interview);
    await deps.formOpenings.open(requestArrivedAtMs(context), () => openView(client, { trigger_id: body.trigger_id, view }));
    return null;
  });
