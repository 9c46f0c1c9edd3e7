import type { DomainContext } from '../domain/domainContext';
import type { Logger } from '../logger';

/** What the Slack listeners need: the domain to call and a logger. */
export interface SlackDependencies {
  context: DomainContext;
  logger: Logger;
}
