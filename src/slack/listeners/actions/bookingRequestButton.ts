import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Actor } from '../../../domain/domainContext';
import { BookingRequestClosedError, BookingRequestNotFoundError, NotAllowedError, RepeatedTooSoonError } from '../../../domain/errors';
import { BookingRequestReplies } from '../../messages/bookingRequestReplies';
import { ButtonReplies } from '../../messages/buttonReplies';
import { FailureNotes } from '../../messages/failureNotes';
import { replyPrivately } from '../../privateReply';
import type { SlackDependencies } from '../../slackDependencies';
import { isTemporaryDatabaseTrouble } from '../../slackDeadline';

export type BookingRequestButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** One click on a booking request's button: which request, and who clicked. */
export interface BookingRequestClick {
  bookingRequestId: string;
  actor: Actor;
}

/**
 * Acknowledges a booking request's button at once, runs its command, and tells the person
 * privately what came of it when there is something to say (a confirmation, or why not).
 */
export function bookingRequestButton(
  deps: SlackDependencies,
  run: (click: BookingRequestClick, args: BookingRequestButtonArgs) => Promise<string | null>,
) {
  return async (args: BookingRequestButtonArgs) => {
    const { ack, action, body, client, respond } = args;
    await ack();
    const click: BookingRequestClick = {
      bookingRequestId: action.value ?? '',
      actor: { kind: 'slack', userId: body.user.id, teamId: body.team?.id },
    };
    const reply = (text: string) =>
      replyPrivately({ respond, responseUrl: (body as { response_url?: string }).response_url, client, userId: body.user.id }, text);
    try {
      const confirmation = await run(click, args);
      if (confirmation) await reply(confirmation);
    } catch (error) {
      if (error instanceof NotAllowedError) return reply(ButtonReplies.notAllowed(error.message));
      if (error instanceof BookingRequestNotFoundError) return reply(BookingRequestReplies.requestGone);
      if (error instanceof BookingRequestClosedError || error instanceof RepeatedTooSoonError) return reply(error.message);
      if (isTemporaryDatabaseTrouble(error)) return reply(FailureNotes.couldNotChangeNow);
      deps.logger.error({ err: error, actionId: action.action_id }, 'A booking request button failed');
      await reply(FailureNotes.unexpectedAfterClick);
    }
  };
}
