import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDependencies } from '../../slackDependencies';

/**
 * The app was removed from a workspace (or an organization): its installation and bot token are
 * deleted, and its pending Slack posts fail at once as "app uninstalled" instead of being retried
 * against a dead token. Its candidates' emails still go. Installing again starts afresh.
 */
export function appUninstalled(deps: SlackDependencies) {
  return async ({ context }: SlackEventMiddlewareArgs<'app_uninstalled'> & AllMiddlewareArgs) => {
    const stopped = await deps.tenancy.forgetWorkspace(context);
    deps.logger.info(
      { teamId: context.teamId, enterpriseId: context.enterpriseId, stoppedDeliveries: stopped },
      'The app was uninstalled from a Slack workspace: its installation is deleted and its Slack posts stopped',
    );
  };
}
