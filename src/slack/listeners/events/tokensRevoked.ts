import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDependencies } from '../../slackDependencies';

/**
 * Slack revoked tokens of the app in a workspace. The app keeps only its bot token, so revoked
 * user tokens change nothing; a revoked bot token means nothing can be posted there any more: the
 * installation is deleted and the workspace's pending Slack posts fail at once, as on uninstall.
 */
export function tokensRevoked(deps: SlackDependencies) {
  return async ({ event, context }: SlackEventMiddlewareArgs<'tokens_revoked'> & AllMiddlewareArgs) => {
    if (!event.tokens.bot?.length) return;
    const stopped = await deps.tenancy.forgetWorkspace(context);
    deps.logger.info(
      { teamId: context.teamId, enterpriseId: context.enterpriseId, stoppedDeliveries: stopped },
      'Slack revoked the bot token of a workspace: its installation is deleted and its Slack posts stopped',
    );
  };
}
