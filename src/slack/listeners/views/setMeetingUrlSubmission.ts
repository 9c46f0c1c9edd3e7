import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { setMeetingUrl } from '../../../domain/meetings/setMeetingUrl';
import type { SlackDependencies } from '../../slackDependencies';
import { withinSlackDeadline } from '../../slackDeadline';
import {
  MEETING_URL_BLOCK,
  readSetMeetingUrlSubmission,
  SET_MEETING_URL_SUBMIT_LABEL,
  setMeetingUrlErrorsFor,
} from '../../views/setMeetingUrlModal';
import { slackActor } from '../../workspaces/slackTenancy';
import { answerModalFailure } from './modalFailure';

/** The call-link modal was submitted: the same command as `PATCH /api/interviews/:id {"meetingUrl"}`, problems shown in the modal. */
export function setMeetingUrlSubmission(deps: SlackDependencies) {
  return async ({ ack, body, view, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const submission = readSetMeetingUrlSubmission(view);
    try {
      await withinSlackDeadline(
        setMeetingUrl(deps.context, {
          interviewId: submission.interviewId ?? '',
          meetingUrl: submission.meetingUrl,
          actor: slackActor(deps.tenancy, context, body.user.id),
          requestKey: `slack-view:${view.id}`,
        }),
      );
      await ack();
    } catch (error) {
      await ack(
        answerModalFailure(
          error,
          {
            errorsFor: setMeetingUrlErrorsFor,
            noteBlock: MEETING_URL_BLOCK,
            submitLabel: SET_MEETING_URL_SUBMIT_LABEL,
            doing: 'Setting the call link from the modal',
          },
          deps,
        ),
      );
    }
  };
}
