import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Actor } from '../../../domain/shared/actor';
import { FormTriggerTooOldError } from '../../formOpeningQueue';
import { FailureNotes } from '../../messages/failureNotes';
import { replyPrivately } from '../../privateReply';
import type { SlackDependencies } from '../../slackDependencies';
import { isTemporaryDatabaseTrouble } from '../../slackDeadline';
import { slackActor } from '../../workspaces/slackTenancy';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** One click on a button: what its value names, who clicked, and which click it was (a retry of it carries the same key). */
export interface ButtonClick {
  value: string;
  actor: Extract<Actor, { kind: 'slack' }>;
  requestKey: string;
}

/**
 * Acknowledges a button at once, runs its command, and tells the person who clicked privately
 * what came of it when there is something to say: the command's confirmation, its refusal in the
 * words `refusalFor` gives, that the form it opens could not be opened in time (the app was
 * busy), "try again in a moment" while the database is down, or (for a bug, logged with its
 * details) that nothing was changed.
 */
export function privatelyAnsweredButton(
  deps: SlackDependencies,
  refusalFor: (error: unknown) => string | null,
  run: (click: ButtonClick, args: ButtonArgs) => Promise<string | null>,
) {
  return async (args: ButtonArgs) => {
    const { ack, action, body, client, respond, context } = args;
    await ack();
    const click: ButtonClick = {
      value: action.value ?? '',
      actor: slackActor(deps.tenancy, context, body.user.id),
      requestKey: `slack-action:${body.user.id}:${action.action_ts}`,
    };
    const reply = (text: string) =>
      replyPrivately({ respond, responseUrl: (body as { response_url?: string }).response_url, client, userId: body.user.id }, text);
    try {
      const confirmation = await run(click, args);
      if (confirmation) await reply(confirmation);
    } catch (error) {
      const refusal = refusalFor(error);
      if (refusal !== null) return reply(refusal);
      if (error instanceof FormTriggerTooOldError) return reply(FailureNotes.formNotOpenedInTimeAfterClick);
      if (isTemporaryDatabaseTrouble(error)) return reply(FailureNotes.couldNotChangeNow);
      deps.logger.error({ err: error, actionId: action.action_id }, 'A button failed');
      await reply(FailureNotes.unexpectedAfterClick);
    }
  };
}
