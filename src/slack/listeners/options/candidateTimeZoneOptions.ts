import type { SlackOptionsMiddlewareArgs } from '@slack/bolt';
import type { SlackDependencies } from '../../slackDependencies';
import { searchTimeZones } from '../../views/timeZoneOptions';

/**
 * The scheduling modal's time-zone menu, as the recruiter types: Slack asks for the options
 * (`block_suggestion`) and shows what this answers, up to 100 zones that match.
 */
export function candidateTimeZoneOptions(deps: SlackDependencies) {
  return async ({ options, ack }: SlackOptionsMiddlewareArgs<'block_suggestion'>) => {
    await ack({ options: await searchTimeZones(options.value, deps.context.now()) });
  };
}
