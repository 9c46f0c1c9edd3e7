import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { addAvailabilitySlots, parseAvailabilitySlotRequests } from '../../../domain/availabilitySlots';
import { InputValidationError } from '../../../domain/errors';
import { FailureNotes } from '../../messages/failureNotes';
import type { SlackDependencies } from '../../slackDependencies';
import { isTemporaryDatabaseTrouble, withinSlackDeadline } from '../../slackDeadline';
import {
  AvailabilityBlock,
  availabilityAddedView,
  availabilityErrorsFor,
  readAddAvailabilitySubmission,
} from '../../views/addAvailabilityModal';

/** Stores the offered windows (several starts, each with back-to-back slots), then shows how many were added. */
export function addAvailabilitySubmission(deps: SlackDependencies) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const submitted = readAddAvailabilitySubmission(view, body.user.id);
    try {
      if (submitted.slots.length === 0) throw InputValidationError.forField('startsAt', 'Pick when the first slot starts.');
      const slots = await withinSlackDeadline(
        addAvailabilitySlots(deps.context, {
          slots: parseAvailabilitySlotRequests(submitted.slots, deps.context.now()),
          actor: { kind: 'slack', userId: body.user.id, teamId: body.team?.id },
        }),
      );
      await ack({ response_action: 'update', view: availabilityAddedView(slots.length) });
    } catch (error) {
      if (error instanceof InputValidationError) {
        await ack({ response_action: 'errors', errors: availabilityErrorsFor(error.problems, submitted.startBlocks) });
        return;
      }
      if (isTemporaryDatabaseTrouble(error)) {
        await ack({ response_action: 'errors', errors: { [AvailabilityBlock.startsAt]: FailureNotes.couldNotSaveNow } });
        return;
      }
      deps.logger.error({ err: error }, 'Adding availability failed');
      await ack({ response_action: 'errors', errors: { [AvailabilityBlock.startsAt]: FailureNotes.unexpectedInModal } });
    }
  };
}
