import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { FieldProblem, InterviewersBusyError } from '../../../domain/shared/errors';
import { isSlackUserId } from '../../../domain/shared/participants';
import { formatBusyPeriods } from '../../messages/calendarClashes';
import type { SlackDependencies } from '../../slackDependencies';

/** How long a form refused for a clash stays "press again to schedule anyway". */
const CLASH_CONFIRMATION_MS = 30 * 60_000;

/**
 * Forms refused because a typed time clashes with an interviewer's calendar, by view and content:
 * the same form submitted again unchanged goes ahead anyway (`allowConflicts`). Kept in this
 * process for half an hour.
 */
export class ClashConfirmations {
  private readonly refused = new LRUCache<string, true>({ max: 10_000, ttl: CLASH_CONFIRMATION_MS });

  /** The key of one submission: its view and exactly what was in it. */
  keyOf(viewId: string, values: unknown): string {
    return `${viewId}:${createHash('sha256').update(JSON.stringify(values)).digest('hex')}`;
  }

  /** True when this very form was refused for a clash before: it is now sent on purpose. */
  confirmed(key: string): boolean {
    return this.refused.has(key);
  }

  refusedForClash(key: string): void {
    this.refused.set(key, true);
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
