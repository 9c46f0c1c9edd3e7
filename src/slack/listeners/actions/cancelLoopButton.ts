import { cancelLoop } from '../../../domain/loops/cancelLoop';
import type { SlackDependencies } from '../../slackDependencies';
import { loopRefusal } from './loopButton';
import { privatelyAnsweredButton } from './privatelyAnsweredButton';

/** "Cancel loop" on a loop's message: every session is cancelled; the message says so, so no private reply is needed. */
export const cancelLoopButton = (deps: SlackDependencies) =>
  privatelyAnsweredButton(deps, loopRefusal, async ({ value, actor, requestKey }) => {
    await cancelLoop(deps.context, { loopId: value, actor, requestKey });
    return null;
  });
