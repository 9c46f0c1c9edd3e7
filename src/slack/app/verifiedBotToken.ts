import type { AuthorizeResult } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logging/logger';
import type { SlackWorkspaceRef } from '../../domain/shared/slackWorkspaces';
import type { SlackStatus } from '../../presenters/serviceStatus';
import { describeSlackConnectionProblem, type SlackConnectionProblem } from './slackConnectionProblems';

/**
 * The bot token for Slack over HTTP, checked with `auth.test` when the app starts, and Bolt's
 * `authorize`. Bolt would check it in its constructor and leave a refusal unhandled, so a wrong
 * SLACK_BOT_TOKEN crashed the process right after it started listening. Here the outcome is logged
 * once (with what to do about a refused token), /readyz shows it, the API and join pages keep
 * working, and network trouble is simply tried again on the next Slack request.
 */
export class VerifiedBotToken {
  private identity: Promise<AuthorizeResult> | undefined;
  private refusal: SlackConnectionProblem | undefined;
  private loggedReason: string | undefined;

  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
    /** Told which workspace the token belongs to, once Slack has said. */
    private readonly onVerified: (workspace: SlackWorkspaceRef) => void = () => undefined,
  ) {}

  /** `http`, or why Slack refused the token. */
  get status(): SlackStatus {
    return this.refusal ? `disconnected: ${this.refusal.reason}` : 'http';
  }

  /** Starts the check in the background; its outcome is logged. */
  start(): void {
    this.authorize().catch(() => undefined);
  }

  /** Bolt's `authorize`: the token and the bot it belongs to, checked once. */
  readonly authorize = (): Promise<AuthorizeResult> => {
    this.identity ??= this.verify();
    return this.identity;
  };

  private async verify(): Promise<AuthorizeResult> {
    try {
      const result = await this.client.auth.test();
      this.refusal = undefined;
      this.logger.info({ botUserId: result.user_id, team: result.team }, 'Slack accepted the bot token');
      if (result.team_id) this.onVerified(workspaceOf(result.team_id, result.enterprise_id));
      return { botToken: this.client.token, botId: result.bot_id, botUserId: result.user_id, teamId: result.team_id };
    } catch (error) {
      const problem = describeSlackConnectionProblem('SLACK_BOT_TOKEN', error);
      if (problem.retryable) {
        this.identity = undefined;
      } else {
        this.refusal = problem;
      }
      if (problem.reason !== this.loggedReason) {
        this.loggedReason = problem.reason;
        this.logger[problem.retryable ? 'warn' : 'error'](
          { reason: problem.reason },
          `Could not check the Slack bot token: ${problem.message}. The API and join pages keep working.`,
        );
      }
      throw error;
    }
  }
}

/** The workspace `auth.test` named, with its Enterprise Grid organization when it has one. */
export function workspaceOf(teamId: string, enterpriseId: string | undefined): SlackWorkspaceRef {
  return enterpriseId ? { teamId, enterpriseId } : { teamId };
}
