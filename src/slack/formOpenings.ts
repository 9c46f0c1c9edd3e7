import type { AckFn, RespondArguments, RespondFn } from '@slack/bolt';
import type { Logger } from '../logger';
import { FailureNotes } from './messages/failureNotes';
import { SLACK_WORK_BUDGET_MS } from './slackDeadline';

/** What views.open answers when the command's trigger id can no longer open anything. */
const SPENT_TRIGGER_ERRORS = new Set(['expired_trigger_id', 'exchanged_trigger_id', 'invalid_trigger_id']);

/** While fewer forms than this are being opened, a command is acknowledged at once. */
const QUIET_BELOW_OPENINGS = 4;

interface CommandReplies {
  ack: AckFn<string | RespondArguments>;
  respond: RespondFn;
}

/**
 * When a slash command that opens a form (a modal) is acknowledged, and what the person reads if
 * the form does not open.
 *
 * While the app is quiet, the command is acknowledged at once, so the ack never waits on Slack's
 * round trip. While many forms are being opened, each command is acknowledged once its own form
 * is open (or has failed to open), at the latest after SLACK_WORK_BUDGET_MS so the ack still beats
 * Slack's 3 s, and a failure can be said in the ack itself. Whatever sends commands and waits for
 * their acks over a bounded set of connections (a proxy's pool, the benchmark's clients) is then
 * paced by how fast forms open, instead of being acknowledged into a backlog whose forms reach
 * Slack after their trigger ids expired (the benchmark's peer does that at 100 connections;
 * BENCHMARKS.md). Commands that arrive faster than that on their own connections are not slowed.
 *
 * A form that did not open is said privately, in the ack when it is still to be sent, otherwise
 * through the command's response URL, instead of leaving the person with nothing.
 */
export class FormOpenings {
  private opening = 0;

  constructor(private readonly logger: Logger) {}

  async acknowledge(
    replies: CommandReplies,
    open: () => Promise<unknown>,
    command: string,
    budgetMs = SLACK_WORK_BUDGET_MS,
  ): Promise<void> {
    const quiet = this.opening < QUIET_BELOW_OPENINGS;
    this.opening += 1;
    try {
      if (quiet) await replies.ack();
      const opened = open().then(
        () => null,
        (error: unknown) => error,
      );
      const tellLater = (failure: unknown) =>
        this.tellFailure(failure, command, (text) => replies.respond({ response_type: 'ephemeral', text }));
      if (quiet) {
        const failure = await opened;
        if (failure !== null) await tellLater(failure);
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      const stillOpening = new Promise<'still opening'>((resolve) => {
        timer = setTimeout(() => resolve('still opening'), budgetMs);
      });
      const outcome = await Promise.race([opened, stillOpening]);
      clearTimeout(timer);
      if (outcome === null) return await replies.ack();
      if (outcome !== 'still opening') {
        return await this.tellFailure(outcome, command, (text) => replies.ack({ response_type: 'ephemeral', text }));
      }
      await replies.ack();
      const failure = await opened;
      if (failure !== null) await tellLater(failure);
    } finally {
      this.opening -= 1;
    }
  }

  private async tellFailure(error: unknown, command: string, say: (text: string) => Promise<unknown>): Promise<void> {
    this.logger.warn({ err: error }, `Slack did not open the form for ${command}`);
    const slackError = (error as { data?: { error?: string } } | null)?.data?.error;
    const text =
      slackError !== undefined && SPENT_TRIGGER_ERRORS.has(slackError)
        ? FailureNotes.formTriggerExpired(command)
        : FailureNotes.couldNotOpenForm(command);
    await say(text).catch((sayError: unknown) =>
      this.logger.warn({ err: sayError }, `Could not tell the person the form for ${command} did not open`),
    );
  }
}
