import type { DomainContext } from '../domain/shared/domainContext';
import type { Logger } from '../logging/logger';
import type { FormOpeningLimits, FormOpeningQueue } from './formOpeningQueue';
import type { SlackTenancy } from './workspaces/slackTenancy';

/** What the app hands the Slack surface: the domain to call, how workspaces are kept apart, and a logger. */
export interface SlackServices {
  context: DomainContext;
  tenancy: SlackTenancy;
  logger: Logger;
  /** The form-opening queue's limits, when not the defaults (CONCURRENT_FORM_OPENINGS, TRIGGER_USABLE_FOR_MS). */
  formOpeningLimits?: FormOpeningLimits;
}

/** What the Slack listeners need: the app's services, and the one queue every form they open waits in. */
export interface SlackDependencies extends SlackServices {
  formOpenings: FormOpeningQueue;
}
