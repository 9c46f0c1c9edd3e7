import { cancelInterview } from '../../../domain/interviews/cancelInterview';
import type { SlackDependencies } from '../../slackDependencies';
import { interviewButton } from './interviewButton';

/** "Cancel": the interview is cancelled; its message and thread say so, so no private reply is needed. */
export const cancelInterviewButton = (deps: SlackDependencies) =>
  interviewButton(deps, async (click) => {
    await cancelInterview(deps.context, click);
    return null;
  });
