import type { DomainContext } from '../domain/domainContext';
import type { Logger } from '../logger';
import type { SlackTenancy } from './workspaces/slackTenancy';

/** What the Slack listeners need: the domain to call, how workspaces are kept apart, and a logger. */
export interface SlackDependencies {
  context: DomainContext;
  tenancy: SlackTenancy;
  logger: Logger;
}
