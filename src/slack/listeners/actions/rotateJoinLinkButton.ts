import { rotateJoinLink } from '../../../domain/interviews/rotateJoinLink';
import { ButtonReplies } from '../../messages/buttonReplies';
import type { SlackDependencies } from '../../slackDependencies';
import { interviewButton } from './interviewButton';

/** "Rotate link": the join link changes; the old one stops working. */
export const rotateJoinLinkButton = (deps: SlackDependencies) =>
  interviewButton(deps, async (click) => {
    await rotateJoinLink(deps.context, click);
    return ButtonReplies.linkRotated;
  });
