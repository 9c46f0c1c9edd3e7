import { resendInvitation } from '../../../domain/interviews/resendInvitation';
import { ButtonReplies } from '../../messages/buttonReplies';
import type { SlackDependencies } from '../../slackDependencies';
import { interviewButton } from './interviewButton';

/** "Resend invitation": the candidate is emailed the invitation again. */
export const resendInvitationButton = (deps: SlackDependencies) =>
  interviewButton(deps, async (click) => {
    const { interview } = await resendInvitation(deps.context, click);
    return ButtonReplies.resending(interview.candidateEmail);
  });
