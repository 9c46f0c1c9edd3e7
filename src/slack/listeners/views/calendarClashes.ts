import { createHash } from 'node:crypto';
import type { ViewErrorsResponseAction } from '@slack/bolt';
import { LessThan, MoreThan } from 'typeorm';
import type { Database } from '../../../db/database';
import { SlackClashConfirmation } from '../../../db/entities/SlackClashConfirmation';
import type { FieldProblem, InterviewersBusyError } from '../../../domain/shared/errors';
import { isSlackUserId } from '../../../domain/shared/participants';
import { formatBusyPeriods } from '../../messages/calendarClashes';
import type { SlackDependencies } from '../../slackDependencies';
import { withinSlackDeadline } from '../../slackDeadline';
import { answerModalFailure, type ModalFailureDisplay } from './modalFailure';

/** How long a form refused for a clash stays "press again to schedule anyway". */
export const CLASH_CONFIRMATION_MS = 30 * 60_000;

/** The most of a view id a key keeps in clear (Slack's are a dozen characters); the hash covers all of it. */
const VIEW_ID_IN_KEY = 60;

/**
 * Forms refused because a typed time clashes with an interviewer's calendar, by view and content:
 * the same form submitted again unchanged goes ahead anyway (`allowConflicts`). Kept in the
 * database (SlackClashConfirmation) for half an hour, so the second press goes ahead on whichever
 * replica it reaches, and after a restart. Expired refusals are deleted as new ones are stored.
 */
export class ClashConfirmations {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The key of one submission: its view and exactly what was in it; at most 125 characters. */
  keyOf(viewId: string, values: unknown): string {
    const hash = createHash('sha256')
      .update(JSON.stringify([viewId, values]))
      .digest('hex');
    return `${viewId.slice(0, VIEW_ID_IN_KEY)}:${hash}`;
  }

  /** True when this very form was refused for a clash less than half an hour ago: it is now sent on purpose. */
  async confirmed(key: string): Promise<boolean> {
    const now = this.now();
    const found = await this.database.read((manager) =>
      manager.countBy(SlackClashConfirmation, { formKey: key, expiresAt: MoreThan(now) }),
    );
    return found > 0;
  }

  /**
   * The modal's answer to a form refused for a clash: `problem` under its field, once the refusal
   * is remembered, so the same form sent again goes ahead on any replica. When it cannot be
   * remembered, pressing again would only be refused again: answered as any database trouble.
   */
  async answerRefusal(
    deps: Pick<SlackDependencies, 'context' | 'logger'>,
    refusal: { key: string; slackTeamId?: string; problem: Promise<FieldProblem>; display: ModalFailureDisplay },
  ): Promise<ViewErrorsResponseAction> {
    const [notRemembered, problem] = await Promise.all([
      withinSlackDeadline(this.refusedForClash(refusal.key, refusal.slackTeamId)).then(
        () => null,
        (failure: unknown) => ({ failure }),
      ),
      refusal.problem,
    ]);
    if (notRemembered) return answerModalFailure(notRemembered.failure, refusal.display, deps);
    return { response_action: 'errors', errors: refusal.display.errorsFor([problem]) };
  }

  /** Remembers that this form was refused for a clash; refused again, it is remembered for another half hour. */
  async refusedForClash(key: string, slackTeamId?: string): Promise<void> {
    const now = this.now();
    const expiresAt = new Date(now.getTime() + CLASH_CONFIRMATION_MS);
    await this.database.transaction(async (manager) => {
      await manager.delete(SlackClashConfirmation, { expiresAt: LessThan(now) });
      await manager.upsert(SlackClashConfirmation, { formKey: key, slackTeamId: slackTeamId ?? null, expiresAt }, ['formKey']);
    });
  }
}

/** Where a clash was found, and whether the form may be sent again to go ahead anyway. */
export interface ClashSource {
  /** The field the message goes under; the scheduled time unless told. */
  field?: string;
  /** Their calendars (a typed time), or any of their busy times (pools and loops: other interviews here, and calendars where read). */
  busyWith?: 'calendar' | 'interviews';
  /** False when the command has no "schedule anyway" (moving a loop). */
  canGoAhead?: boolean;
}

/** The time field's message: who is busy when (by Slack name where known), and how to go ahead anyway. */
export async function clashProblem(
  deps: Pick<SlackDependencies, 'context'>,
  teamId: string | undefined,
  error: InterviewersBusyError,
  zone: string,
  submitLabel: string,
  source: ClashSource = {},
): Promise<FieldProblem> {
  const field = source.field ?? 'scheduledTime';
  const canGoAhead = source.canGoAhead ?? true;
  // Nobody named: the time was taken by another booking meanwhile; the domain's words say so.
  if (error.busy.length === 0) return { field, message: error.message };
  const slackIds = error.busy.map((each) => each.interviewer).filter(isSlackUserId);
  const directory = deps.context.peopleDirectory;
  const names =
    directory && slackIds.length > 0
      ? await directory
          .displayNames({ slackTeamId: teamId ?? null, slackEnterpriseId: null }, slackIds)
          .catch(() => new Map<string, string>())
      : new Map<string, string>();
  const why = source.busyWith === 'interviews' ? '' : ', by their calendar';
  const next = canGoAhead ? `Pick another time, or press ${submitLabel} again to schedule anyway.` : 'Pick another time.';
  return {
    field,
    message: `Busy then${why} (times in ${zone}): ${formatBusyPeriods(error.busy, names, zone)}. ${next}`,
  };
}
