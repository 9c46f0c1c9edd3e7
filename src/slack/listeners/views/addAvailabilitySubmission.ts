import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { addAvailabilitySlots } from '../../../domain/slots/addAvailabilitySlots';
import { parseAvailabilitySlotRequests } from '../../../domain/slots/availabilitySlotInput';
import { InputValidationError } from '../../../domain/shared/errors';
import type { SlackDependencies } from '../../slackDependencies';
import { withinSlackDeadline } from '../../slackDeadline';
import {
  ADD_AVAILABILITY_SUBMIT_LABEL,
  AvailabilityBlock,
  availabilityAddedView,
  availabilityErrorsFor,
  MISSING_SLOT_START_MESSAGE,
  readAddAvailabilitySubmission,
} from '../../views/addAvailabilityModal';
import { slackActor } from '../../workspaces/slackTenancy';
import { answerModalFailure } from './modalFailure';

/** Stores the offered windows (several starts, each with back-to-back slots), then shows how many were added. */
export function addAvailabilitySubmission(deps: SlackDependencies) {
  return async ({ ack, body, view, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const submitted = readAddAvailabilitySubmission(view, body.user.id);
    try {
      if (submitted.slots.length === 0) throw InputValidationError.forField('startsAt', MISSING_SLOT_START_MESSAGE);
      const slots = await withinSlackDeadline(
        addAvailabilitySlots(deps.context, {
          slots: parseAvailabilitySlotRequests(submitted.slots, deps.context.now()),
          actor: slackActor(deps.tenancy, context, body.user.id),
        }),
      );
      await ack({ response_action: 'update', view: availabilityAddedView(slots.length) });
    } catch (error) {
      await ack(
        answerModalFailure(
          error,
          {
            errorsFor: (problems) => availabilityErrorsFor(problems, submitted.startBlocks),
            noteBlock: AvailabilityBlock.startsAt,
            submitLabel: ADD_AVAILABILITY_SUBMIT_LABEL,
            doing: 'Adding availability',
          },
          deps,
        ),
      );
    }
  };
}
