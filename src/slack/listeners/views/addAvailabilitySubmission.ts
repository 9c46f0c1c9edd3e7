import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { addAvailabilitySlots, parseAvailabilitySlotRequests } from '../../../domain/availabilitySlots';
import { InputValidationError } from '../../../domain/errors';
import type { SlackDependencies } from '../../slackDependencies';
import { withinSlackDeadline } from '../../slackDeadline';
import {
  AvailabilityBlock,
  availabilityAddedView,
  availabilityErrorsFor,
  readAddAvailabilitySubmission,
} from '../../views/addAvailabilityModal';
import { slackActor } from '../../workspaces/slackTenancy';
import { answerModalFailure } from './modalFailure';

/** Stores the offered windows, then shows how many were added. */
export function addAvailabilitySubmission(deps: SlackDependencies) {
  return async ({ ack, body, view, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    try {
      const raw = readAddAvailabilitySubmission(view, body.user.id);
      if (raw.length === 0) throw InputValidationError.forField('startsAt', 'Pick when the first slot starts.');
      const slots = await withinSlackDeadline(
        addAvailabilitySlots(deps.context, {
          slots: parseAvailabilitySlotRequests(raw, deps.context.now()),
          actor: slackActor(deps.tenancy, context, body.user.id),
        }),
      );
      await ack({ response_action: 'update', view: availabilityAddedView(slots.length) });
    } catch (error) {
      await ack(
        answerModalFailure(
          error,
          { errorsFor: availabilityErrorsFor, noteBlock: AvailabilityBlock.startsAt, doing: 'Adding availability' },
          deps.logger,
        ),
      );
    }
  };
}
