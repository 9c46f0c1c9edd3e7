import { assertMayChangeLoop } from '../../../domain/loops/loopChanges';
import { findLoopById } from '../../../domain/loops/loopQueries';
import { LoopStatus } from '../../../domain/loops/Loop';
import { loopStateOf } from '../../../domain/loops/loopState';
import { InterviewCancelledError } from '../../../domain/shared/errors';
import { openView } from '../../../slackApi/blockKitCalls';
import { requestArrivedAtMs } from '../../requestArrival';
import type { SlackDependencies } from '../../slackDependencies';
import { buildRescheduleLoopModal } from '../../views/rescheduleLoopModal';
import { loopRefusal } from './loopButton';
import { privatelyAnsweredButton } from './privatelyAnsweredButton';

/**
 * "Reschedule loop" on a loop's message: checks the clicker may change the loop and that it is not
 * cancelled, then opens a modal pre-filled with its first start, in its turn (FormOpeningQueue).
 */
export const rescheduleLoopButton = (deps: SlackDependencies) =>
  privatelyAnsweredButton(deps, loopRefusal, async ({ value, actor }, { body, client, context }) => {
    const { loop, sessions } = await findLoopById(deps.context, value);
    assertMayChangeLoop(sessions, actor);
    if (loopStateOf(loop, sessions).status === LoopStatus.Cancelled)
      throw new InterviewCancelledError('This loop is cancelled, so it cannot be moved.');
    const view = buildRescheduleLoopModal(loop.id, sessions);
    await deps.formOpenings.open(requestArrivedAtMs(context), () => openView(client, { trigger_id: body.trigger_id, view }));
    return null;
  });
